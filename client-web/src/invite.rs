//! The participant's token. It arrives in the invite link's fragment (`#token=…`), which
//! browsers never send to servers; it is kept in `sessionStorage` so that reloading the
//! tab works, and removed from the address bar so that it is not bookmarked, shared in a
//! screenshot or synced into history. It is only ever sent inside the `hello` frame.

use crate::policy;
use crate::storage::{self, Kept};
use wasm_bindgen::JsValue;

/// The token from the address bar (then removed from it) or, failing that, the one kept
/// earlier in this tab.
pub fn take() -> Option<String> {
    from_link().or_else(|| storage::read(Kept::Token).filter(|token| !token.is_empty()))
}

/// The token in the address bar's fragment, if there is one: kept for reloads and removed
/// from the address bar.
pub fn from_link() -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let fragment = location.hash().unwrap_or_default();
    if let Some(token) = policy::token_from_fragment(&fragment) {
        // Without storage (disabled by the browser) the session still works; only a
        // reload would need the link again.
        storage::write(Kept::Token, token);
        let clean = format!(
            "{}{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default(),
            policy::fragment_without_token(&fragment)
        );
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&clean));
        }
        return Some(token.to_owned());
    }
    None
}

/// Forgets the kept token (the server refused it), so that a reload asks for the link.
pub fn forget() {
    storage::remove(Kept::Token);
}

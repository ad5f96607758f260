//! The browser's side of the server's HTTP APIs (the speaker log, participants, imports,
//! registrations): one way to send a request, with a bearer token when there is one, and
//! to read or save what comes back. What each answer means is for the area that asked.

use leptos::prelude::{document, set_timeout};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The request did not reach the server, or the browser would not send it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreachable;

/// Sends `method` to `path` (never from the browser's cache), with `Authorization:
/// Bearer {token}` and a JSON `body` when given; the server's response, whatever its
/// status.
///
/// # Errors
///
/// [`Unreachable`] when no response came.
pub async fn send(
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&str>,
) -> Result<web_sys::Response, Unreachable> {
    let window = web_sys::window().ok_or(Unreachable)?;
    let headers = web_sys::Headers::new().map_err(|_| Unreachable)?;
    if let Some(token) = token {
        headers
            .set("Authorization", &format!("Bearer {token}"))
            .map_err(|_| Unreachable)?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_cache(web_sys::RequestCache::NoStore);
    if let Some(body) = body {
        headers
            .set("Content-Type", "application/json")
            .map_err(|_| Unreachable)?;
        init.set_body(&JsValue::from_str(body));
    }
    init.set_headers(&headers);
    JsFuture::from(window.fetch_with_str_and_init(path, &init))
        .await
        .map_err(|_| Unreachable)?
        .dyn_into()
        .map_err(|_| Unreachable)
}

/// The response's body as text; empty when it cannot be read.
pub async fn text(response: &web_sys::Response) -> String {
    match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|text| text.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// The response's body as a blob, to save.
pub async fn blob(response: &web_sys::Response) -> Option<web_sys::Blob> {
    JsFuture::from(response.blob().ok()?)
        .await
        .ok()?
        .dyn_into()
        .ok()
}

/// Hands `blob` to the browser as a download named `file`: an object URL and a link
/// with `download`, clicked and removed at once.
///
/// # Errors
///
/// When the browser refuses the URL or the link.
pub fn save(blob: &web_sys::Blob, file: &str) -> Result<(), JsValue> {
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let document = document();
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(file);
    link.set_hidden(true);
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&link)?;
    link.click();
    link.remove();
    // The browser has taken the file once the click is handled; the URL is freed after.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}

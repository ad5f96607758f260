//! What the client keeps in the browser, each thing under one key named here: the
//! participant's token for the life of the tab (`sessionStorage`, so that a reload
//! works without the link), the interface language and the choice of channel for later
//! visits (`localStorage`).
//!
//! Storage may be refused (a private window, a browser setting): then nothing is kept
//! and everything still works for this page. Reading and writing is compiled for
//! `wasm32` only and stays thin; the keys and the encodings are pure and tested natively.

use protocol::Listening;

/// One thing the client keeps in the browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// The participant's token from the invite link.
    Token,
    /// The interface language the viewer picked (its tag).
    Language,
    /// The viewer's choice of channel (JSON of [`Listening`]).
    Listening,
}

/// How long a browser keeps what is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Store {
    /// `sessionStorage`: this tab, until it is closed.
    Tab,
    /// `localStorage`: every tab and later visit.
    Browser,
}

impl Kept {
    /// Every thing kept, for checks.
    pub const ALL: [Self; 3] = [Self::Token, Self::Language, Self::Listening];

    /// The key it is stored under. Changing one forgets what browsers kept under it.
    pub fn key(self) -> &'static str {
        match self {
            Self::Token => "meeting-control.token",
            Self::Language => "ui-language",
            Self::Listening => "listening",
        }
    }

    /// Where it is stored: the token lives as long as the tab, since it grants the
    /// participant's seat; the viewer's preferences outlive it.
    pub fn store(self) -> Store {
        match self {
            Self::Token => Store::Tab,
            Self::Language | Self::Listening => Store::Browser,
        }
    }
}

/// A choice of channel as it is stored.
pub fn encode_listening(listening: &Listening) -> Option<String> {
    serde_json::to_string(listening).ok()
}

/// A stored choice of channel; `None` when it cannot be read (an older format, or
/// edited by hand), so that the viewer's first language is used instead.
pub fn decode_listening(text: &str) -> Option<Listening> {
    serde_json::from_str(text).ok()
}

#[cfg(target_arch = "wasm32")]
pub use browser::*;

/// Reading and writing the browser's storage.
#[cfg(target_arch = "wasm32")]
mod browser {
    use super::{Kept, Store, decode_listening, encode_listening};
    use protocol::Listening;

    fn storage(store: Store) -> Option<web_sys::Storage> {
        let window = web_sys::window()?;
        match store {
            Store::Tab => window.session_storage(),
            Store::Browser => window.local_storage(),
        }
        .ok()
        .flatten()
    }

    /// What is kept for `kept`, if anything (and storage is allowed).
    pub fn read(kept: Kept) -> Option<String> {
        storage(kept.store())?.get_item(kept.key()).ok().flatten()
    }

    /// Keeps `value` for `kept`; without storage it is not kept.
    pub fn write(kept: Kept, value: &str) {
        if let Some(storage) = storage(kept.store()) {
            let _ = storage.set_item(kept.key(), value);
        }
    }

    /// Forgets what is kept for `kept`.
    pub fn remove(kept: Kept) {
        if let Some(storage) = storage(kept.store()) {
            let _ = storage.remove_item(kept.key());
        }
    }

    /// The viewer's choice of channel as last kept in this browser, if any.
    pub fn listening() -> Option<Listening> {
        decode_listening(&read(Kept::Listening)?)
    }

    /// Keeps the viewer's choice of channel for later visits.
    pub fn keep_listening(listening: &Listening) {
        if let Some(text) = encode_listening(listening) {
            write(Kept::Listening, &text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol::ChannelId;

    #[test]
    fn each_thing_has_its_own_key_and_the_token_lives_with_the_tab() {
        let keys: std::collections::BTreeSet<_> = Kept::ALL.iter().map(|kept| kept.key()).collect();
        assert_eq!(keys.len(), Kept::ALL.len());
        // Browsers keep what earlier versions stored under these keys.
        assert_eq!(Kept::Token.key(), "meeting-control.token");
        assert_eq!(Kept::Language.key(), "ui-language");
        assert_eq!(Kept::Listening.key(), "listening");
        assert_eq!(Kept::Token.store(), Store::Tab);
        assert_eq!(Kept::Language.store(), Store::Browser);
        assert_eq!(Kept::Listening.store(), Store::Browser);
    }

    #[test]
    fn a_choice_of_channel_reads_back_and_garbage_reads_as_none() {
        let listening = Listening {
            channel: Some(ChannelId::new("fr")),
            fallbacks: vec![ChannelId::new("es")],
            sign: true,
            captions: false,
        };
        let text = encode_listening(&listening).expect("a choice encodes");
        assert_eq!(decode_listening(&text), Some(listening));
        assert_eq!(decode_listening("{not json"), None);
        assert_eq!(decode_listening(""), None);
    }
}

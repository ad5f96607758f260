//! The interface language in the browser: which one to start in, remembering the
//! viewer's choice, and telling the document (`<html lang dir>`).
//!
//! The strings themselves and the choice's rules are in [`crate::i18n`]; the page is drawn
//! again in the new language by `app.rs` when [`crate::session::Session::language`]
//! changes.

use crate::i18n::{self, Lang};
use crate::storage::{self, Kept};
use leptos::prelude::*;

/// The language to start in: the saved choice, else the first of the browser's
/// languages that the interface has, else English.
pub fn initial() -> Lang {
    let saved = storage::read(Kept::Language);
    let navigator = window().navigator();
    let mut preferred: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|language| language.as_string())
        .collect();
    preferred.extend(navigator.language());
    Lang::choose(saved.as_deref(), preferred.iter().map(String::as_str))
}

/// Makes `lang` the interface language: for the strings formatted from now on, and for
/// the document (`lang` and `dir` of `<html>`, so that the layout mirrors for Arabic).
pub fn apply(lang: Lang) {
    i18n::set_ui(lang);
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", lang.tag());
        let _ = root.set_attribute("dir", lang.dir());
    }
}

/// Remembers the viewer's choice (in every tab and later visit). Without storage (a
/// private window that refuses it) the choice lasts for this page only.
pub fn save(lang: Lang) {
    storage::write(Kept::Language, lang.tag());
}

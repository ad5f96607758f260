//! Free text that people type and others read (notes, names, titles, questions): the one
//! check every such field passes, wherever it comes from (a command, a meeting file, the
//! meetings API).
//!
//! Free text is hostile. A control character (U+0000 and the rest of Unicode's `Cc`, line
//! and paragraph separators) can break the layout of every screen that shows it or cut a
//! log line; a bidirectional override or embedding (U+202A–U+202E) or isolate
//! (U+2066–U+2069) can make a note or a name display as something else (U+202E before
//! `gnp.exe` shows `exe.png`).
//! Such text is refused with a clear reason, never silently changed, so that what was
//! accepted is exactly what others see. Marks that scripts need stay allowed: the
//! left-to-right and right-to-left marks (U+200E, U+200F), the Arabic letter mark (U+061C)
//! and the zero-width joiners (U+200C, U+200D).

/// Why a free-text field was refused. The messages name the character by code point, so
/// that the person who typed it can find it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FreeTextError {
    /// Longer than the field allows.
    TooLong {
        /// The most characters allowed.
        max_chars: usize,
    },
    /// Holds a control character.
    Control(char),
    /// Holds a bidirectional override, embedding or isolate.
    BidiControl(char),
}

impl std::fmt::Display for FreeTextError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooLong { max_chars } => write!(f, "has more than {max_chars} characters"),
            Self::Control(character) => write!(
                f,
                "holds a control character (U+{:04X})",
                u32::from(*character)
            ),
            Self::BidiControl(character) => write!(
                f,
                "holds a bidirectional control character (U+{:04X}), which can make text \
                 display as something else",
                u32::from(*character)
            ),
        }
    }
}

impl std::error::Error for FreeTextError {}

/// Whether `character` overrides, embeds or isolates the direction of the text around
/// it.
pub fn is_bidi_control(character: char) -> bool {
    matches!(character, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `character` is a control character: Unicode's `Cc` (C0, DEL and C1), and the
/// line and paragraph separators.
pub fn is_control(character: char) -> bool {
    character.is_control() || matches!(character, '\u{2028}' | '\u{2029}')
}

/// Checks a free-text field of at most `max_chars` characters.
///
/// # Errors
///
/// The first reason the text is refused.
pub fn check(text: &str, max_chars: usize) -> Result<(), FreeTextError> {
    if let Some(character) = text.chars().find(|&c| is_control(c)) {
        return Err(FreeTextError::Control(character));
    }
    if let Some(character) = text.chars().find(|&c| is_bidi_control(c)) {
        return Err(FreeTextError::BidiControl(character));
    }
    if text.chars().count() > max_chars {
        return Err(FreeTextError::TooLong { max_chars });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_people_write_passes() {
        for text in [
            "Cooperation and assistance",
            "التعاون والمساعدة",
            "Coopération et assistance — question 2 ?",
            "Sra. Núñez (Perú)",
            "نص\u{200F} مع علامة",
            "ZWJ\u{200D}ZWNJ\u{200C}",
            "",
        ] {
            assert_eq!(check(text, 100), Ok(()), "{text:?}");
        }
    }

    #[test]
    fn controls_and_overrides_are_refused_by_code_point() {
        assert_eq!(check("a\u{0}b", 100), Err(FreeTextError::Control('\u{0}')));
        assert_eq!(check("a\nb", 100), Err(FreeTextError::Control('\n')));
        assert_eq!(check("a\u{7F}", 100), Err(FreeTextError::Control('\u{7F}')));
        assert_eq!(check("a\u{85}", 100), Err(FreeTextError::Control('\u{85}')));
        assert_eq!(
            check("a\u{2028}", 100),
            Err(FreeTextError::Control('\u{2028}'))
        );
        for character in ['\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}'] {
            let text = format!("{character}gnp.exe");
            assert_eq!(
                check(&text, 100),
                Err(FreeTextError::BidiControl(character))
            );
        }
        for character in ['\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}'] {
            assert_eq!(
                check(&format!("x{character}"), 100),
                Err(FreeTextError::BidiControl(character))
            );
        }
        assert_eq!(
            check("\u{202E}", 100).unwrap_err().to_string(),
            "holds a bidirectional control character (U+202E), which can make text display \
             as something else"
        );
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert_eq!(check(&"é".repeat(10), 10), Ok(()));
        assert_eq!(
            check(&"é".repeat(11), 10),
            Err(FreeTextError::TooLong { max_chars: 10 })
        );
    }
}

//! Downloading the speaker log from the page (the chair's and organisers'): the formats
//! the server offers (`GET /api/meetings/{meeting}/speakers.{csv,json,md}`, see
//! `docs/speaker-log.md`), the name the file is saved under, and what to tell the viewer
//! when the server refuses.

use crate::i18n::Key;

/// A format of the speaker log, as the server offers them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Format {
    /// A spreadsheet, one row per speech.
    #[default]
    Csv,
    /// Everything, for programs.
    Json,
    /// A summary for people.
    Markdown,
}

impl Format {
    /// Every format, in the order the page offers them.
    pub const ALL: [Self; 3] = [Self::Csv, Self::Json, Self::Markdown];

    /// The file extension, which is also the format's value in the page's picker.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Json => "json",
            Self::Markdown => "md",
        }
    }

    /// The format whose extension is `extension`.
    pub fn from_extension(extension: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|format| format.extension() == extension)
    }

    /// How the picker names the format.
    pub fn label(self) -> Key {
        match self {
            Self::Csv => Key::SpeakerLogCsv,
            Self::Json => Key::SpeakerLogJson,
            Self::Markdown => Key::SpeakerLogMarkdown,
        }
    }

    /// The path of the server's endpoint for `meeting`'s log in this format, `meeting`
    /// being already encoded for a URL path.
    pub fn path(self, meeting: &str) -> String {
        format!("/api/meetings/{meeting}/speakers.{}", self.extension())
    }

    /// The name the file is saved under: the one the server gives it
    /// (`{meeting}-speakers.{ext}`).
    pub fn file_name(self, meeting: &str) -> String {
        format!("{meeting}-speakers.{}", self.extension())
    }
}

/// Why a download failed, by the server's HTTP status (`None`: the server could not be
/// reached); `None` for a success.
pub fn failure(status: Option<u16>) -> Option<Result<Key, u16>> {
    match status {
        None => Some(Ok(Key::SpeakerLogOffline)),
        Some(200..=299) => None,
        Some(401) => Some(Ok(Key::SpeakerLogExpired)),
        Some(403) => Some(Ok(Key::SpeakerLogForbidden)),
        Some(503) => Some(Ok(Key::SpeakerLogUnavailable)),
        Some(other) => Some(Err(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_has_its_endpoint_and_file_name() {
        assert_eq!(
            Format::Csv.path("victim-assistance-2020"),
            "/api/meetings/victim-assistance-2020/speakers.csv"
        );
        assert_eq!(Format::Json.file_name("m1"), "m1-speakers.json");
        assert_eq!(Format::Markdown.file_name("m1"), "m1-speakers.md");
        for format in Format::ALL {
            assert_eq!(Format::from_extension(format.extension()), Some(format));
        }
        assert_eq!(Format::from_extension("pdf"), None);
        assert_eq!(Format::default(), Format::Csv);
    }

    #[test]
    fn refusals_are_told_in_words() {
        assert_eq!(failure(Some(200)), None);
        assert_eq!(failure(Some(401)), Some(Ok(Key::SpeakerLogExpired)));
        assert_eq!(failure(Some(403)), Some(Ok(Key::SpeakerLogForbidden)));
        assert_eq!(failure(Some(503)), Some(Ok(Key::SpeakerLogUnavailable)));
        assert_eq!(failure(None), Some(Ok(Key::SpeakerLogOffline)));
        assert_eq!(failure(Some(500)), Some(Err(500)));
    }
}

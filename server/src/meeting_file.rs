//! Meeting files: the TOML document an organiser writes to describe a meeting (its
//! languages, agenda and participants). `examples/demo-meeting.toml` is the reference.
//!
//! Loading checks the file completely, with errors that name the file and the field (and
//! the line, for syntax errors), so that an organiser can fix it before the meeting.

use protocol::{
    AgendaItem, ChannelId, ItemId, LanguageCode, Localized, MeetingId, MeetingInfo, MeetingState,
    Participant, ParticipantId, Role,
};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// Why a meeting file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum MeetingFileError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The file is not valid TOML, or a field has the wrong type.
    #[error("{path}: {message}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// The parser's message, with line and column.
        message: String,
    },
    /// The file parses but describes an impossible meeting.
    #[error("{path}: {field}: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// The offending field, as a path (`participants[3].booth`).
        field: String,
        /// What is wrong with it.
        message: String,
    },
}

/// A meeting as described by its file: what the meeting state starts from, and who is
/// invited.
#[derive(Debug, Clone)]
pub struct MeetingFile {
    /// The meeting's fixed description.
    pub info: MeetingInfo,
    /// The agenda.
    pub agenda: Vec<AgendaItem>,
    /// The invited participants (invite links are minted for them).
    pub participants: Vec<Participant>,
}

impl MeetingFile {
    /// The state the meeting starts in.
    pub fn initial_state(&self) -> MeetingState {
        MeetingState::new(self.info.clone(), self.agenda.clone())
    }

    /// Reads and checks a meeting file.
    ///
    /// # Errors
    ///
    /// A [`MeetingFileError`] naming the file and what is wrong.
    pub fn load(path: &Path) -> Result<Self, MeetingFileError> {
        let text = std::fs::read_to_string(path).map_err(|source| MeetingFileError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(path, &text)
    }

    /// Parses and checks the text of a meeting file; `path` is used in errors only.
    ///
    /// # Errors
    ///
    /// A [`MeetingFileError`] naming the file and what is wrong.
    pub fn parse(path: &Path, text: &str) -> Result<Self, MeetingFileError> {
        let raw: RawMeeting = toml::from_str(text).map_err(|error| MeetingFileError::Syntax {
            path: path.to_owned(),
            message: describe_toml_error(text, &error),
        })?;
        raw.check(path)
    }
}

/// Formats a TOML error with the line and column it points at.
fn describe_toml_error(text: &str, error: &toml::de::Error) -> String {
    let message = error.message().trim_end();
    match error.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
            format!("line {line}, column {column}: {message}")
        }
        None => message.to_owned(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeeting {
    id: String,
    title: BTreeMap<LanguageCode, String>,
    languages: Vec<LanguageCode>,
    default_language: LanguageCode,
    time_zone: String,
    scheduled_start: String,
    #[serde(default)]
    agenda: Vec<RawItem>,
    #[serde(default)]
    participants: Vec<RawParticipant>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: String,
    title: BTreeMap<LanguageCode, String>,
    presenter: Option<String>,
    planned_minutes: Option<u32>,
    #[serde(default)]
    questions: Vec<BTreeMap<LanguageCode, String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParticipant {
    id: String,
    name: String,
    role: Role,
    delegation: Option<String>,
    booth: Option<String>,
    #[serde(default)]
    languages: Vec<LanguageCode>,
}

impl RawMeeting {
    fn check(self, path: &Path) -> Result<MeetingFile, MeetingFileError> {
        let invalid = |field: String, message: &str| MeetingFileError::Invalid {
            path: path.to_owned(),
            field,
            message: message.to_owned(),
        };
        if !is_slug(&self.id) {
            return Err(invalid("id".into(), SLUG_RULE));
        }
        if self.languages.is_empty() {
            return Err(invalid("languages".into(), "list at least one language"));
        }
        let languages: HashSet<&LanguageCode> = self.languages.iter().collect();
        if languages.len() != self.languages.len() {
            return Err(invalid("languages".into(), "a language is listed twice"));
        }
        let known_language = |field: String, language: &LanguageCode| {
            if languages.contains(language) {
                Ok(())
            } else {
                Err(invalid(
                    field,
                    &format!("`{language}` is not one of the meeting's languages"),
                ))
            }
        };
        known_language("default_language".into(), &self.default_language)?;
        for language in self.title.keys() {
            known_language(format!("title.{language}"), language)?;
        }
        if self.title.is_empty() {
            return Err(invalid(
                "title".into(),
                "give the title in at least one language",
            ));
        }
        if self.agenda.is_empty() {
            return Err(invalid("agenda".into(), "list at least one agenda item"));
        }
        let mut item_ids = HashSet::new();
        for (index, item) in self.agenda.iter().enumerate() {
            let field = format!("agenda[{index}]");
            if !is_slug(&item.id) {
                return Err(invalid(format!("{field}.id"), SLUG_RULE));
            }
            if !item_ids.insert(item.id.as_str()) {
                return Err(invalid(format!("{field}.id"), "another item has this id"));
            }
            if item.title.is_empty() {
                return Err(invalid(format!("{field}.title"), "give a title"));
            }
            for language in item.title.keys() {
                known_language(format!("{field}.title.{language}"), language)?;
            }
            for (number, question) in item.questions.iter().enumerate() {
                for language in question.keys() {
                    known_language(format!("{field}.questions[{number}].{language}"), language)?;
                }
            }
        }
        let mut channels: HashSet<String> = self.languages.iter().map(|l| l.to_string()).collect();
        channels.extend(["sign".to_owned(), "captions".to_owned()]);
        let mut participant_ids = HashSet::new();
        for (index, participant) in self.participants.iter().enumerate() {
            let field = format!("participants[{index}]");
            if !is_slug(&participant.id) {
                return Err(invalid(format!("{field}.id"), SLUG_RULE));
            }
            if !participant_ids.insert(participant.id.as_str()) {
                return Err(invalid(
                    format!("{field}.id"),
                    "another participant has this id",
                ));
            }
            match (&participant.booth, participant.role.works_channel()) {
                (Some(booth), true) if !channels.contains(booth) => {
                    return Err(invalid(
                        format!("{field}.booth"),
                        "not a channel of this meeting (a meeting language, `sign` or `captions`)",
                    ));
                }
                (None, true) => {
                    return Err(invalid(
                        format!("{field}.booth"),
                        "interpreters, signers and captioners need a booth",
                    ));
                }
                (Some(_), false) => {
                    return Err(invalid(
                        format!("{field}.booth"),
                        "only interpreters, signers and captioners have a booth",
                    ));
                }
                _ => {}
            }
            for language in &participant.languages {
                known_language(format!("{field}.languages"), language)?;
            }
        }

        let info = MeetingInfo {
            id: MeetingId::new(self.id),
            title: Localized(self.title),
            languages: self.languages,
            default_language: self.default_language,
            time_zone: self.time_zone,
            scheduled_start: self.scheduled_start,
        };
        let agenda = self
            .agenda
            .into_iter()
            .map(|item| AgendaItem {
                id: ItemId::new(item.id),
                title: Localized(item.title),
                presenter: item.presenter,
                planned_minutes: item.planned_minutes,
                questions: item.questions.into_iter().map(Localized).collect(),
            })
            .collect();
        let participants = self
            .participants
            .into_iter()
            .map(|participant| Participant {
                id: ParticipantId::new(participant.id),
                name: participant.name,
                role: participant.role,
                delegation: participant.delegation,
                booth: participant.booth.map(ChannelId::new),
                languages: participant.languages,
            })
            .collect();
        Ok(MeetingFile {
            info,
            agenda,
            participants,
        })
    }
}

const SLUG_RULE: &str = "use 1 to 64 lowercase letters, digits and dashes";

fn is_slug(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
id = "m1"
title.en = "A meeting"
languages = ["en", "fr"]
default_language = "en"
time_zone = "Europe/Paris"
scheduled_start = "2020-12-04T15:00:00+01:00"

[[agenda]]
id = "opening"
title.en = "Opening"

[[participants]]
id = "interp-fr"
name = "French booth"
role = "interpreter"
booth = "fr"
"#;

    fn error_of(text: &str) -> String {
        MeetingFile::parse(Path::new("m.toml"), text)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn the_demo_meeting_loads() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/demo-meeting.toml");
        let meeting = MeetingFile::load(&path).unwrap();
        assert_eq!(meeting.info.languages.len(), 4);
        assert!(meeting.agenda.iter().any(|item| item.questions.len() == 6));
        assert!(meeting.participants.iter().any(|p| p.role == Role::Chair));
    }

    #[test]
    fn a_minimal_meeting_loads() {
        let meeting = MeetingFile::parse(Path::new("m.toml"), MINIMAL).unwrap();
        assert_eq!(meeting.info.id.as_str(), "m1");
        assert_eq!(meeting.participants[0].booth, Some(ChannelId::new("fr")));
    }

    #[test]
    fn syntax_errors_name_the_file_and_the_line() {
        let error = error_of("id = \"m1\"\ntitle = = 3\n");
        assert!(error.starts_with("m.toml: line 2"), "{error}");
    }

    #[test]
    fn invalid_fields_are_named() {
        let error = error_of(&MINIMAL.replace("booth = \"fr\"", "booth = \"de\""));
        assert!(error.contains("participants[0].booth"), "{error}");

        let error =
            error_of(&MINIMAL.replace("default_language = \"en\"", "default_language = \"de\""));
        assert!(error.contains("default_language"), "{error}");

        let error = error_of(&MINIMAL.replace("role = \"interpreter\"", "role = \"king\""));
        assert!(error.contains("king"), "{error}");

        let error = error_of(&MINIMAL.replace("id = \"opening\"", "id = \"Opening Item\""));
        assert!(error.contains("agenda[0].id"), "{error}");
    }
}

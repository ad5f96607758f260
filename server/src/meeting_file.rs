//! Meeting files: the TOML document an organiser writes to describe a meeting (its
//! languages, agenda, participants and the requests for the floor made at registration). `examples/demo-meeting.toml` is the reference.
//!
//! Loading checks the file completely, with errors that name the file and the field (and
//! the line, for syntax errors), so that an organiser can fix it before the meeting.

use protocol::ids::{SLUG_RULE, is_slug};
use protocol::limits::{
    MAX_NAME_CHARS, MAX_NOTE_CHARS, MAX_QUESTION_CHARS, MAX_TITLE_CHARS, MAX_URL_CHARS,
    SPEAKING_TIME_RANGE,
};
use protocol::{
    AgendaItem, BoothConfig, ChannelId, FloorRequest, ItemId, LanguageCode, Localized, MeetingId,
    MeetingInfo, MeetingState, Participant, ParticipantId, RequestKind, Role,
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
    /// Requests for the floor made at registration, in the order the file lists them.
    pub requests: Vec<(ItemId, FloorRequest)>,
}

impl MeetingFile {
    /// The state the meeting starts in.
    pub fn initial_state(&self) -> MeetingState {
        let mut state = MeetingState::new(self.info.clone(), self.agenda.clone());
        for (item, request) in &self.requests {
            state
                .register(item, request.clone())
                .expect("registered requests were checked on load");
        }
        state
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
    speaking_time_seconds: Option<u32>,
    max_requests_per_delegation: Option<u32>,
    dead_air_seconds: Option<u32>,
    handover_seconds: Option<u32>,
    #[serde(default)]
    self_registration: bool,
    #[serde(default)]
    booths: Vec<RawBooth>,
    #[serde(default)]
    agenda: Vec<RawItem>,
    #[serde(default)]
    participants: Vec<RawParticipant>,
    #[serde(default)]
    requests: Vec<RawRequest>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBooth {
    channel: String,
    #[serde(default)]
    works_from: Vec<LanguageCode>,
    retour: Option<LanguageCode>,
    media_url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequest {
    participant: String,
    item: String,
    #[serde(default)]
    kind: RequestKind,
    question: Option<u32>,
    language: Option<LanguageCode>,
    note: Option<String>,
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
    speaking_time_seconds: Option<u32>,
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
    /// Every free-text field people will read, with its field name and its longest
    /// length: each is checked like text typed during the meeting
    /// ([`protocol::text::check`]).
    fn free_text(&self) -> Vec<(String, &str, usize)> {
        let mut fields = Vec::new();
        for (language, title) in &self.title {
            fields.push((format!("title.{language}"), title.as_str(), MAX_TITLE_CHARS));
        }
        for (index, booth) in self.booths.iter().enumerate() {
            if let Some(url) = &booth.media_url {
                fields.push((
                    format!("booths[{index}].media_url"),
                    url.as_str(),
                    MAX_URL_CHARS,
                ));
            }
        }
        for (index, item) in self.agenda.iter().enumerate() {
            for (language, title) in &item.title {
                let field = format!("agenda[{index}].title.{language}");
                fields.push((field, title.as_str(), MAX_TITLE_CHARS));
            }
            if let Some(presenter) = &item.presenter {
                let field = format!("agenda[{index}].presenter");
                fields.push((field, presenter.as_str(), MAX_TITLE_CHARS));
            }
            for (number, question) in item.questions.iter().enumerate() {
                for (language, text) in question {
                    let field = format!("agenda[{index}].questions[{number}].{language}");
                    fields.push((field, text.as_str(), MAX_QUESTION_CHARS));
                }
            }
        }
        for (index, participant) in self.participants.iter().enumerate() {
            let field = format!("participants[{index}].name");
            fields.push((field, participant.name.as_str(), MAX_NAME_CHARS));
            if let Some(delegation) = &participant.delegation {
                let field = format!("participants[{index}].delegation");
                fields.push((field, delegation.as_str(), MAX_NAME_CHARS));
            }
        }
        for (index, request) in self.requests.iter().enumerate() {
            if let Some(note) = &request.note {
                let field = format!("requests[{index}].note");
                fields.push((field, note.as_str(), MAX_NOTE_CHARS));
            }
        }
        fields
    }

    fn check(self, path: &Path) -> Result<MeetingFile, MeetingFileError> {
        let invalid = |field: String, message: &str| MeetingFileError::Invalid {
            path: path.to_owned(),
            field,
            message: message.to_owned(),
        };
        if !is_slug(&self.id) {
            return Err(invalid("id".into(), SLUG_RULE));
        }
        for (field, text, max_chars) in self.free_text() {
            if let Err(error) = protocol::text::check(text, max_chars) {
                return Err(invalid(field, &format!("the text {error}")));
            }
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
        let speaking_time = |field: String, seconds: Option<u32>| match seconds {
            Some(seconds) if !SPEAKING_TIME_RANGE.contains(&seconds) => Err(invalid(
                field,
                &format!(
                    "a speaking time is from {} to {} seconds",
                    SPEAKING_TIME_RANGE.start(),
                    SPEAKING_TIME_RANGE.end()
                ),
            )),
            _ => Ok(()),
        };
        speaking_time("speaking_time_seconds".into(), self.speaking_time_seconds)?;
        if self.max_requests_per_delegation == Some(0) {
            return Err(invalid(
                "max_requests_per_delegation".into(),
                "allow at least one request, or leave it out for no cap",
            ));
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
            speaking_time(
                format!("{field}.speaking_time_seconds"),
                item.speaking_time_seconds,
            )?;
            for (number, question) in item.questions.iter().enumerate() {
                for language in question.keys() {
                    known_language(format!("{field}.questions[{number}].{language}"), language)?;
                }
            }
        }
        let mut channels: HashSet<String> = self.languages.iter().map(|l| l.to_string()).collect();
        channels.extend(["sign".to_owned(), "captions".to_owned()]);
        if self.handover_seconds == Some(0) {
            return Err(invalid(
                "handover_seconds".into(),
                "give at least one second, or leave it out for the default (60)",
            ));
        }
        if self.dead_air_seconds == Some(0) {
            return Err(invalid(
                "dead_air_seconds".into(),
                "give at least one second, or leave it out for the default (10)",
            ));
        }
        let mut booths = Vec::new();
        for (index, booth) in self.booths.iter().enumerate() {
            let field = format!("booths[{index}]");
            if !channels.contains(&booth.channel) {
                return Err(invalid(
                    format!("{field}.channel"),
                    "not a channel of this meeting (a meeting language, `sign` or `captions`)",
                ));
            }
            if self.booths[..index]
                .iter()
                .any(|other| other.channel == booth.channel)
            {
                return Err(invalid(
                    format!("{field}.channel"),
                    "another booth entry has this channel",
                ));
            }
            let own = self
                .languages
                .iter()
                .find(|language| language.as_str() == booth.channel);
            for language in &booth.works_from {
                known_language(format!("{field}.works_from"), language)?;
            }
            if let Some(retour) = &booth.retour {
                known_language(format!("{field}.retour"), retour)?;
                if own.is_none() || own == Some(retour) {
                    return Err(invalid(
                        format!("{field}.retour"),
                        "a retour is another meeting language, for a language booth",
                    ));
                }
            }
            if let Some(url) = &booth.media_url
                && !(url.starts_with("https://") || url.starts_with("http://"))
            {
                return Err(invalid(
                    format!("{field}.media_url"),
                    "give an http:// or https:// address",
                ));
            }
            booths.push(BoothConfig {
                channel: ChannelId::new(&booth.channel),
                works_from: booth.works_from.clone(),
                retour: booth.retour.clone(),
                media_url: booth.media_url.clone(),
            });
        }
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

        let mut requests = Vec::new();
        let mut waiting = HashSet::new();
        for (index, raw) in self.requests.iter().enumerate() {
            let field = format!("requests[{index}]");
            let Some(participant) = self.participants.iter().find(|p| p.id == raw.participant)
            else {
                return Err(invalid(
                    format!("{field}.participant"),
                    "not one of the meeting's participants",
                ));
            };
            if !participant.role.asks_for_floor() {
                return Err(invalid(
                    format!("{field}.participant"),
                    "only attendees and organisers ask for the floor",
                ));
            }
            let Some(item) = self.agenda.iter().find(|item| item.id == raw.item) else {
                return Err(invalid(
                    format!("{field}.item"),
                    "not an item of the agenda",
                ));
            };
            if !waiting.insert((raw.participant.as_str(), raw.item.as_str())) {
                return Err(invalid(
                    format!("{field}.participant"),
                    "already has a request on this item",
                ));
            }
            if let Some(question) = raw.question {
                if raw.kind != RequestKind::Question {
                    return Err(invalid(
                        format!("{field}.question"),
                        "only a question (kind = \"question\") names a guiding question",
                    ));
                }
                if usize::try_from(question).unwrap_or(usize::MAX) >= item.questions.len() {
                    return Err(invalid(
                        format!("{field}.question"),
                        &format!(
                            "the item has {} guiding questions, numbered from 0",
                            item.questions.len()
                        ),
                    ));
                }
            }
            if let Some(language) = &raw.language {
                known_language(format!("{field}.language"), language)?;
            }
            let note = raw
                .note
                .as_deref()
                .map(str::trim)
                .filter(|note| !note.is_empty());
            let language = raw
                .language
                .clone()
                .or_else(|| {
                    participant
                        .languages
                        .iter()
                        .find(|language| languages.contains(language))
                        .cloned()
                })
                .unwrap_or_else(|| self.default_language.clone());
            requests.push((
                ItemId::new(raw.item.as_str()),
                FloorRequest {
                    id: 0,
                    kind: raw.kind,
                    participant: ParticipantId::new(participant.id.as_str()),
                    name: participant.name.clone(),
                    delegation: participant.delegation.clone(),
                    language,
                    question: raw.question,
                    note: note.map(str::to_owned),
                    raised_at: 0,
                    registered: true,
                    also: Vec::new(),
                    asked_by: vec![protocol::speakers::Member {
                        participant: ParticipantId::new(participant.id.as_str()),
                        name: participant.name.clone(),
                    }],
                },
            ));
        }

        let info = MeetingInfo {
            id: MeetingId::new(self.id),
            title: Localized(self.title),
            languages: self.languages,
            default_language: self.default_language,
            time_zone: self.time_zone,
            scheduled_start: self.scheduled_start,
            speaking_time_seconds: self.speaking_time_seconds,
            max_requests_per_delegation: self.max_requests_per_delegation,
            booths,
            dead_air_seconds: self.dead_air_seconds,
            handover_seconds: self.handover_seconds,
            self_registration: self.self_registration,
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
                speaking_time_seconds: item.speaking_time_seconds,
                state: protocol::ItemState::Upcoming,
                used_ms: 0,
                live_since: None,
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
            requests,
        })
    }
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

    #[test]
    fn control_and_bidi_override_characters_are_refused_in_every_text() {
        // TOML escapes, so that this file holds no invisible characters.
        for (from, to, field) in [
            (
                "title.en = \"Opening\"",
                "title.en = \"Open\\u202Eing\"",
                "agenda[0].title.en",
            ),
            (
                "title.en = \"A meeting\"",
                "title.en = \"A\\u0000\"",
                "title.en",
            ),
            (
                "name = \"French booth\"",
                "name = \"French \\u2066booth\"",
                "participants[0].name",
            ),
            (
                "name = \"French booth\"",
                "name = \"French\\nbooth\"",
                "participants[0].name",
            ),
        ] {
            let text = MINIMAL.replace(from, to);
            assert_ne!(text, MINIMAL, "{from}");
            let error = error_of(&text);
            assert!(error.contains(field), "{field}: {error}");
            assert!(error.contains("U+"), "the character is named: {error}");
        }
    }

    #[test]
    fn requests_made_at_registration_are_checked_and_queued() {
        let with = |extra: &str| {
            format!(
                "{MINIMAL}\n[[participants]]\nid = \"peru\"\nname = \"Peru\"\nrole = \"attendee\"\ndelegation = \"Peru\"\nlanguages = [\"fr\"]\n\n[[requests]]\nparticipant = \"peru\"\nitem = \"opening\"\n{extra}"
            )
        };
        let file = MeetingFile::parse(Path::new("m.toml"), &with("kind = \"question\"")).unwrap();
        let state = file.initial_state();
        let request = &state.active_list().unwrap().queue[0];
        assert!(request.registered);
        assert_eq!(
            request.language.as_str(),
            "fr",
            "the participant's language"
        );
        assert_eq!(state.next_request, 2);

        let long_note = format!("note = \"{}\"", "x".repeat(281));
        for (extra, field) in [
            ("kind = \"question\"\nquestion = 0", "requests[0].question"),
            ("language = \"de\"", "requests[0].language"),
            (long_note.as_str(), "requests[0].note"),
        ] {
            let error = error_of(&with(extra));
            assert!(error.contains(field), "{extra}: {error}");
        }
        let error =
            error_of(&with("").replace("participant = \"peru\"", "participant = \"interp-fr\""));
        assert!(error.contains("requests[0].participant"), "{error}");
        let error = error_of(&MINIMAL.replace(
            "scheduled_start",
            "speaking_time_seconds = 5\nscheduled_start",
        ));
        assert!(error.contains("speaking_time_seconds"), "{error}");
    }

    #[test]
    fn booths_are_read_and_checked() {
        let with = |booth: &str| format!("{MINIMAL}\n[[booths]]\n{booth}\n");
        let meeting = MeetingFile::parse(
            Path::new("m.toml"),
            &with("channel = \"fr\"\nworks_from = [\"en\"]\nretour = \"en\"\nmedia_url = \"https://m.example/fr\""),
        )
        .unwrap();
        let state = meeting.initial_state();
        let french = state.channel(&ChannelId::new("fr")).unwrap();
        assert_eq!(french.retour, Some(LanguageCode::new("en")));
        assert_eq!(french.works_from, [LanguageCode::new("en")]);
        assert_eq!(french.media_url.as_deref(), Some("https://m.example/fr"));
        for (booth, field) in [
            ("channel = \"de\"", "booths[0].channel"),
            (
                "channel = \"fr\"\nworks_from = [\"de\"]",
                "booths[0].works_from",
            ),
            ("channel = \"fr\"\nretour = \"fr\"", "booths[0].retour"),
            ("channel = \"sign\"\nretour = \"en\"", "booths[0].retour"),
            (
                "channel = \"fr\"\nmedia_url = \"ftp://x\"",
                "booths[0].media_url",
            ),
        ] {
            let error = error_of(&with(booth));
            assert!(error.contains(field), "{booth}: {error}");
        }
        let twice = format!(
            "{}\n[[booths]]\nchannel = \"fr\"\n",
            with("channel = \"fr\"")
        );
        assert!(error_of(&twice).contains("booths[1].channel"));
        let error =
            error_of(&MINIMAL.replace("scheduled_start", "dead_air_seconds = 0\nscheduled_start"));
        assert!(error.contains("dead_air_seconds"), "{error}");
    }
}

//! Self-registration as the pages show it (`docs/participants.md`, "Self-registration"):
//! the registration page at `/register/{meeting}` (the form, its checks, what is sent,
//! where the registration stands) and the organisers' list of registrations (what is
//! announced when one arrives or is decided). Pure: the views (`views/registration.rs`,
//! `views/registrations.rs`) only lay it out and talk to the server.
//!
//! The strings are Fluent messages of their own (`reg-…`, `regs-…` in `locales/*.ftl`),
//! named by [`Text`].

use crate::i18n::{self, Arg};
use protocol::limits::{MAX_NAME_CHARS, MAX_QUESTION_CHARS};
use protocol::{Registration, RegistrationStatus, RequestKind};
use serde_json::{Value, json};

/// How often the page asks how the registration stands, in seconds (and whenever the
/// page gets the focus back).
pub const POLL_SECONDS: u64 = 10;

/// The longest written question.
pub const MAX_WRITTEN: usize = MAX_QUESTION_CHARS;

/// The meeting whose registration page `path` is: `/register/{meeting}` (a trailing
/// slash allowed), the meeting's id being a slug.
pub fn meeting_of_path(path: &str) -> Option<String> {
    let rest = path.strip_prefix("/register/")?;
    let meeting = rest.strip_suffix('/').unwrap_or(rest);
    protocol::ids::is_slug(meeting).then(|| meeting.to_owned())
}

/// Where the page keeps the registration it made for `meeting` (`localStorage`), so
/// that coming back to the page shows how it stands.
pub fn storage_key(meeting: &str) -> String {
    format!("registration.{meeting}")
}

/// The registration the page made: its id and status key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    /// The registration's id.
    pub id: u64,
    /// Its status key.
    pub key: String,
}

impl Made {
    /// As the server answers a registration (`{"registration": 7, "key": "…"}`), also
    /// how it is kept.
    pub fn from_json(value: &Value) -> Option<Self> {
        Some(Self {
            id: value.get("registration")?.as_u64()?,
            key: value.get("key")?.as_str()?.to_owned(),
        })
    }

    /// How it is kept in the browser.
    pub fn to_json(&self) -> String {
        json!({ "registration": self.id, "key": self.key }).to_string()
    }

    /// The path that says how it stands (asked with the key as a bearer token).
    pub fn status_path(&self, meeting: &str) -> String {
        format!("/api/meetings/{meeting}/registrations/{}", self.id)
    }
}

/// Where a registration stands, as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// Waiting for the organisers.
    Pending,
    /// Approved: the invite link (none while an organiser has revoked it).
    Approved(Option<String>),
    /// Declined.
    Declined,
}

impl Standing {
    /// From the status route's answer.
    pub fn from_json(value: &Value) -> Option<Self> {
        match value.get("status")?.as_str()? {
            "pending" => Some(Self::Pending),
            "approved" => Some(Self::Approved(
                value.get("url").and_then(Value::as_str).map(str::to_owned),
            )),
            "declined" => Some(Self::Declined),
            _ => None,
        }
    }
}

/// A field of the registration form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The person's name.
    Name,
    /// Their e-mail address.
    Email,
    /// Their delegation.
    Delegation,
    /// The languages they follow.
    Languages,
    /// The item they ask the floor on.
    Item,
    /// The guiding question.
    Question,
    /// The written question.
    Written,
}

impl Field {
    /// Every field, in the form's order (the first with an error gets the focus).
    pub const ALL: [Self; 7] = [
        Self::Name,
        Self::Email,
        Self::Delegation,
        Self::Languages,
        Self::Item,
        Self::Question,
        Self::Written,
    ];

    /// The id of its control (for the languages, of their group).
    pub fn id(self) -> &'static str {
        match self {
            Self::Name => "reg-name",
            Self::Email => "reg-email",
            Self::Delegation => "reg-delegation",
            Self::Languages => "reg-languages",
            Self::Item => "reg-item",
            Self::Question => "reg-question",
            Self::Written => "reg-written",
        }
    }

    /// The id of the element that says what is wrong with it.
    pub fn error_id(self) -> String {
        format!("{}-error", self.id())
    }

    /// The field a server's error names (`name`, `floor.item` …).
    pub fn from_server(field: &str) -> Option<Self> {
        Some(match field {
            "name" => Self::Name,
            "email" => Self::Email,
            "delegation" => Self::Delegation,
            "languages" => Self::Languages,
            "floor.item" | "floor.kind" => Self::Item,
            "floor.question" => Self::Question,
            "written_question" => Self::Written,
            _ => return None,
        })
    }

    /// What to tell the person about the server's `message` on this field.
    pub fn server_problem(self, message: &str) -> Text {
        if message.contains("long") {
            return Text::ErrorTooLong;
        }
        match self {
            Self::Name if message.contains("required") => Text::ErrorName,
            Self::Email if message.contains("required") => Text::ErrorEmail,
            Self::Email if message.contains("e-mail") => Text::ErrorEmailInvalid,
            Self::Languages => Text::ErrorLanguages,
            Self::Item => Text::ErrorItem,
            Self::Question => Text::ErrorQuestion,
            _ => Text::ErrorCharacters,
        }
    }
}

/// What the person filled in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form {
    /// Their name.
    pub name: String,
    /// Their e-mail address.
    pub email: String,
    /// Their delegation, if any.
    pub delegation: String,
    /// The meeting languages they follow (tags).
    pub languages: Vec<String>,
    /// They need sign-language interpretation.
    pub sign_language: bool,
    /// They need captions.
    pub captions: bool,
    /// They ask for the floor.
    pub floor: bool,
    /// On which item.
    pub item: String,
    /// For a question (else an intervention).
    pub question_kind: bool,
    /// On which guiding question (0-based), for a question.
    pub question: Option<u32>,
    /// A question in writing.
    pub written: String,
}

/// Whether `email` looks like an e-mail address (the server's rule).
pub fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !email.chars().any(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

impl Form {
    /// What is wrong before sending, in the form's order (the server checks again,
    /// and more).
    pub fn problems(&self) -> Vec<(Field, Text)> {
        let mut problems = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            problems.push((Field::Name, Text::ErrorName));
        } else if name.chars().count() > MAX_NAME_CHARS {
            problems.push((Field::Name, Text::ErrorTooLong));
        }
        let email = self.email.trim();
        if email.is_empty() {
            problems.push((Field::Email, Text::ErrorEmail));
        } else if !plausible_email(email) {
            problems.push((Field::Email, Text::ErrorEmailInvalid));
        }
        if self.delegation.trim().chars().count() > MAX_NAME_CHARS {
            problems.push((Field::Delegation, Text::ErrorTooLong));
        }
        if self.languages.is_empty() {
            problems.push((Field::Languages, Text::ErrorLanguages));
        }
        if self.floor && self.item.is_empty() {
            problems.push((Field::Item, Text::ErrorItem));
        }
        if self.written.chars().count() > MAX_WRITTEN {
            problems.push((Field::Written, Text::ErrorTooLong));
        }
        problems
    }

    /// The body of the registration.
    pub fn body(&self) -> Value {
        let mut body = json!({
            "name": self.name.trim(),
            "email": self.email.trim(),
            "languages": self.languages,
            "needs": { "sign_language": self.sign_language, "captions": self.captions },
        });
        let delegation = self.delegation.trim();
        if !delegation.is_empty() {
            body["delegation"] = delegation.into();
        }
        let written = self.written.trim();
        if !written.is_empty() {
            body["written_question"] = written.into();
        }
        if self.floor {
            let kind = if self.question_kind {
                RequestKind::Question
            } else {
                RequestKind::Intervention
            };
            let mut floor = json!({ "item": self.item, "kind": kind });
            if self.question_kind
                && let Some(question) = self.question
            {
                floor["question"] = question.into();
            }
            body["floor"] = floor;
        }
        body
    }
}

/// "12 of 1000 characters", under the written question.
pub fn written_count(count: usize) -> String {
    i18n::note_count(count, MAX_WRITTEN)
}

/// "Approve: Ana Pérez", the accessible name of a registration's approve button.
pub fn approve_label(name: &str) -> String {
    i18n::message(Text::ApproveLabel.id(), &[("name", Arg::User(name))])
}

/// "Decline: Ana Pérez".
pub fn decline_label(name: &str) -> String {
    i18n::message(Text::DeclineLabel.id(), &[("name", Arg::User(name))])
}

/// "Registration failed (error 500).": an answer the page has no better words for.
pub fn failed_with(status: u16) -> String {
    i18n::message(
        Text::DecisionFailed.id(),
        &[("status", Arg::Number(u64::from(status)))],
    )
}

/// What to announce to organisers when the registrations change from `before` to
/// `after`: each new registration, each decision.
pub fn news(before: &[Registration], after: &[Registration]) -> Vec<String> {
    let mut said = Vec::new();
    for registration in after {
        let name = &registration.registrant.participant.name;
        let was = before.iter().find(|known| known.id == registration.id);
        let text = match (was.map(|was| was.status), registration.status) {
            (None, RegistrationStatus::Pending) => Text::Received,
            (Some(RegistrationStatus::Pending) | None, RegistrationStatus::Approved) => {
                Text::AnnouncedApproved
            }
            (Some(RegistrationStatus::Pending) | None, RegistrationStatus::Declined) => {
                Text::AnnouncedDeclined
            }
            _ => continue,
        };
        said.push(i18n::message(text.id(), &[("name", Arg::User(name))]));
    }
    said
}

/// Declares [`Text`] with the Fluent message id of each variant.
macro_rules! texts {
    ($($text:ident = $id:literal,)*) => {
        /// A string of the registration pages: one Fluent message.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[allow(missing_docs)] // The message in `locales/en.ftl` documents each.
        pub enum Text {
            $($text,)*
        }

        impl Text {
            /// Every text, so that the tests can check each has a message everywhere.
            pub const ALL: &'static [Self] = &[$(Self::$text,)*];

            /// The id of its message in the `locales/*.ftl` files.
            pub fn id(self) -> &'static str {
                match self {
                    $(Self::$text => $id,)*
                }
            }
        }
    };
}

texts! {
    Heading = "reg-heading",
    Intro = "reg-intro",
    Loading = "reg-loading",
    NotTaking = "reg-not-taking",
    Name = "reg-name",
    Email = "reg-email",
    Delegation = "reg-delegation",
    Languages = "reg-languages",
    Needs = "reg-needs",
    NeedSign = "reg-need-sign",
    NeedCaptions = "reg-need-captions",
    AskFloor = "reg-ask-floor",
    Item = "reg-item",
    Kind = "reg-kind",
    KindIntervention = "reg-kind-intervention",
    KindQuestion = "reg-kind-question",
    Question = "reg-question",
    QuestionNone = "reg-question-none",
    Written = "reg-written",
    Optional = "reg-optional",
    Submit = "reg-submit",
    ErrorsSummary = "reg-errors-summary",
    ErrorName = "reg-error-name",
    ErrorEmail = "reg-error-email",
    ErrorEmailInvalid = "reg-error-email-invalid",
    ErrorLanguages = "reg-error-languages",
    ErrorItem = "reg-error-item",
    ErrorQuestion = "reg-error-question",
    ErrorTooLong = "reg-error-too-long",
    ErrorCharacters = "reg-error-characters",
    RateLimited = "reg-rate-limited",
    SendFailed = "reg-send-failed",
    PendingHeading = "reg-pending-heading",
    Pending = "reg-pending",
    ApprovedHeading = "reg-approved-heading",
    Join = "reg-join",
    LinkLabel = "reg-link-label",
    NoLink = "reg-no-link",
    DeclinedHeading = "reg-declined-heading",
    Declined = "reg-declined",
    RegisterAgain = "reg-register-again",
    Registrations = "regs-heading",
    Waiting = "regs-waiting",
    NoneWaiting = "regs-none-waiting",
    Decided = "regs-decided",
    Approve = "regs-approve",
    Decline = "regs-decline",
    ApproveLabel = "regs-approve-label",
    DeclineLabel = "regs-decline-label",
    StatusApproved = "regs-status-approved",
    StatusDeclined = "regs-status-declined",
    EmailLabel = "regs-email",
    LanguagesLabel = "regs-languages",
    NeedsLabel = "regs-needs",
    FloorLabel = "regs-floor",
    WrittenLabel = "regs-written",
    Received = "regs-received",
    AnnouncedApproved = "regs-announced-approved",
    AnnouncedDeclined = "regs-announced-declined",
    DecisionFailed = "regs-decision-failed",
}

/// The text in the interface language.
pub fn text(text: Text) -> String {
    i18n::message(text.id(), &[])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use protocol::{Participant, ParticipantId, Registrant, Role};

    #[test]
    fn the_page_is_found_from_its_path() {
        assert_eq!(
            meeting_of_path("/register/victim-assistance-2020").as_deref(),
            Some("victim-assistance-2020")
        );
        assert_eq!(meeting_of_path("/register/m1/").as_deref(), Some("m1"));
        assert_eq!(meeting_of_path("/"), None);
        assert_eq!(meeting_of_path("/register/"), None);
        assert_eq!(meeting_of_path("/register/Bad Id"), None);
        assert_eq!(meeting_of_path("/register/a/b"), None);
    }

    #[test]
    fn every_text_has_a_message_in_every_language() {
        for lang in Lang::ALL {
            for text in Text::ALL {
                assert!(i18n::has_message(lang, text.id()), "{lang:?} {}", text.id());
            }
        }
    }

    #[test]
    fn problems_come_in_the_form_order_and_a_good_form_has_none() {
        let empty = Form::default();
        let fields: Vec<Field> = empty.problems().iter().map(|(field, _)| *field).collect();
        assert_eq!(fields, [Field::Name, Field::Email, Field::Languages]);
        let mut form = Form {
            name: "Ana".into(),
            email: "ana@example".into(),
            languages: vec!["es".into()],
            floor: true,
            written: "x".repeat(MAX_WRITTEN + 1),
            ..Form::default()
        };
        assert_eq!(
            form.problems(),
            [
                (Field::Email, Text::ErrorEmailInvalid),
                (Field::Item, Text::ErrorItem),
                (Field::Written, Text::ErrorTooLong)
            ]
        );
        form.email = "ana@example.org".into();
        form.item = "discussion".into();
        form.written = "  ¿Y el fondo?  ".into();
        form.question_kind = true;
        form.question = Some(1);
        form.captions = true;
        assert!(form.problems().is_empty());
        assert_eq!(
            form.body(),
            json!({"name": "Ana", "email": "ana@example.org", "languages": ["es"],
                   "needs": {"sign_language": false, "captions": true},
                   "written_question": "¿Y el fondo?",
                   "floor": {"item": "discussion", "kind": "question", "question": 1}})
        );
        form.floor = false;
        assert!(form.body().get("floor").is_none());
    }

    #[test]
    fn the_servers_errors_name_a_field() {
        assert_eq!(Field::from_server("floor.question"), Some(Field::Question));
        assert_eq!(Field::from_server("written_question"), Some(Field::Written));
        assert_eq!(Field::from_server("nothing"), None);
        assert_eq!(
            Field::Email.server_problem("not an e-mail address"),
            Text::ErrorEmailInvalid
        );
        assert_eq!(
            Field::Delegation.server_problem("contains a bidi override"),
            Text::ErrorCharacters
        );
        assert_eq!(
            Field::Written.server_problem("is longer than 1000 characters"),
            Text::ErrorTooLong
        );
        for field in Field::ALL {
            assert_eq!(field.error_id(), format!("{}-error", field.id()));
        }
    }

    #[test]
    fn the_registration_reads_back_and_its_standing_is_read() {
        let made = Made::from_json(&json!({"registration": 7, "key": "k.e.y"})).unwrap();
        assert_eq!(
            Made::from_json(&serde_json::from_str(&made.to_json()).unwrap()),
            Some(made.clone())
        );
        assert_eq!(made.status_path("m1"), "/api/meetings/m1/registrations/7");
        assert_eq!(Made::from_json(&json!({"key": "k"})), None);
        assert_eq!(
            Standing::from_json(&json!({"status": "pending"})),
            Some(Standing::Pending)
        );
        assert_eq!(
            Standing::from_json(&json!({"status": "approved", "url": "http://x/#token=t"})),
            Some(Standing::Approved(Some("http://x/#token=t".into())))
        );
        assert_eq!(
            Standing::from_json(&json!({"status": "declined"})),
            Some(Standing::Declined)
        );
        assert_eq!(Standing::from_json(&json!({"status": "lost"})), None);
    }

    fn registration(id: u64, status: RegistrationStatus) -> Registration {
        Registration {
            id,
            registrant: Registrant::new(Participant {
                id: ParticipantId::new(format!("reg-{id}")),
                name: format!("Person {id}"),
                role: Role::Attendee,
                delegation: None,
                booth: None,
                languages: Vec::new(),
            }),
            floor: None,
            status,
            at: 0,
        }
    }

    #[test]
    fn organisers_hear_of_new_registrations_and_decisions_once() {
        let before = vec![registration(1, RegistrationStatus::Pending)];
        let after = vec![
            registration(1, RegistrationStatus::Approved),
            registration(2, RegistrationStatus::Pending),
        ];
        let said = news(&before, &after);
        assert_eq!(said.len(), 2);
        assert!(
            said[0].contains("Person 1") && said[0].contains("approved"),
            "{said:?}"
        );
        assert!(said[1].contains("Person 2"), "{said:?}");
        assert!(news(&after, &after).is_empty());
        assert_eq!(approve_label("Ana"), "Approve: \u{2068}Ana\u{2069}");
    }
}

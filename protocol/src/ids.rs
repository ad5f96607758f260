//! Identifier newtypes. Each is a string on the wire, so that meeting files can use
//! readable ids (`chair`, `item-discussion`, `fr`), and a distinct type in code, so that
//! a participant id is never passed where a channel id belongs.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// Makes an id from anything string-like.
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// The id as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self(value.to_owned())
            }
        }
    };
}

string_id! {
    /// A meeting. It is also the `aud` claim of every token for that meeting.
    MeetingId
}
string_id! {
    /// A participant of one meeting (the `sub` claim of their token).
    ParticipantId
}
string_id! {
    /// An agenda item.
    ItemId
}
string_id! {
    /// A channel: the floor, one interpretation channel per language, sign language,
    /// captions.
    ChannelId
}
string_id! {
    /// A language, as a BCP 47 tag (`ar`, `en`, `fr`, `es`).
    LanguageCode
}

/// How ids are written, for error messages.
pub const SLUG_RULE: &str = "use 1 to 64 lowercase letters, digits and dashes";

/// Whether `id` is 1 to [`MAX_ID_CHARS`](crate::limits::MAX_ID_CHARS) lowercase letters,
/// digits and dashes: how meeting, item and participant ids are written.
pub fn is_slug(id: &str) -> bool {
    (1..=crate::limits::MAX_ID_CHARS).contains(&id.len())
        && id
            .bytes()
            .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-')
}

//! The fixed description of a meeting (from its meeting file) and texts in several
//! languages.

use crate::ids::{LanguageCode, MeetingId};
use crate::interpretation::BoothConfig;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A text in several languages, keyed by language tag.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Localized(pub BTreeMap<LanguageCode, String>);

impl Localized {
    /// The text in `language`, else in `fallback`, else in any language, else "".
    pub fn get(&self, language: &LanguageCode, fallback: &LanguageCode) -> &str {
        self.0
            .get(language)
            .or_else(|| self.0.get(fallback))
            .or_else(|| self.0.values().next())
            .map_or("", String::as_str)
    }

    /// Whether the text exists in `language` itself (not through a fallback).
    pub fn has(&self, language: &LanguageCode) -> bool {
        self.0.contains_key(language)
    }
}

/// The fixed description of a meeting, from its meeting file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MeetingInfo {
    /// The meeting's id; tokens for it carry it as their audience.
    pub id: MeetingId,
    /// The meeting's title in its languages.
    pub title: Localized,
    /// The languages the meeting is interpreted into, in display order.
    pub languages: Vec<LanguageCode>,
    /// The language texts fall back to when a translation is missing.
    pub default_language: LanguageCode,
    /// The IANA time zone the meeting is scheduled in (for example `Europe/Geneva`).
    pub time_zone: String,
    /// The scheduled start, RFC 3339 with offset (for example `2020-12-04T15:00:00+01:00`).
    pub scheduled_start: String,
    /// The default speaking-time limit in seconds; items may override it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaking_time_seconds: Option<u32>,
    /// The most open requests one delegation may have in an item's list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_requests_per_delegation: Option<u32>,
    /// How the interpretation booths work (the languages they take, their retour) and
    /// where each channel's media is; channels without an entry take every language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub booths: Vec<BoothConfig>,
    /// Seconds a language channel may stay without an interpreter while someone has the
    /// floor before the watchdog alerts its booth and the chair (default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dead_air_seconds: Option<u32>,
    /// Seconds a handover request waits for a booth partner before it lapses (default 60).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handover_seconds: Option<u32>,
    /// Whether people may register themselves on the meeting's registration page (the
    /// organisers approve or decline each registration).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub self_registration: bool,
}

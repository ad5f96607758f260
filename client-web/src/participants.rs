//! The organisers' participants card, its pure part: the participants API's answers read
//! into entries, the search, the id made from a name for a late registrant, and which
//! field a refusal of the API is about. The card itself is `views/participants.rs`.

use protocol::{Participant, Registry};
use serde::Deserialize;

/// How many matches the card lists at most; the count says how many there are in all.
pub const SHOWN: usize = 50;

/// One participant as `GET /api/meetings/{meeting}/participants` lists them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Entry {
    /// Who they are.
    pub participant: Participant,
    /// Where to send their link.
    #[serde(default)]
    pub email: Option<String>,
    /// What they need besides a language channel.
    #[serde(default)]
    pub needs: protocol::Needs,
    /// A question they sent in writing when registering.
    #[serde(default)]
    pub written_question: Option<String>,
    /// Their link's generation.
    #[serde(default)]
    pub link: u32,
    /// Whether their link is revoked.
    #[serde(default)]
    pub revoked: bool,
    /// A fresh invite link, `None` while revoked.
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Deserialize)]
struct List {
    participants: Vec<Entry>,
}

/// The entries of a `GET` (or `POST`) answer.
///
/// # Errors
///
/// When the answer is not the API's.
pub fn parse_list(json: &str) -> Result<Vec<Entry>, serde_json::Error> {
    serde_json::from_str::<List>(json).map(|list| list.participants)
}

/// The entry of a revoke or replace answer.
///
/// # Errors
///
/// When the answer is not the API's.
pub fn parse_entry(json: &str) -> Result<Entry, serde_json::Error> {
    serde_json::from_str(json)
}

/// What changes in the registry that the list should be fetched again for: how many
/// participants it holds, and each one's link generation and state.
pub fn fingerprint(registry: &Registry) -> Vec<(u32, bool)> {
    registry
        .registrants
        .iter()
        .map(|registrant| (registrant.link, registrant.revoked))
        .collect()
}

/// Folds `text` for searching: lowercase, without the accents of Latin letters.
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(plain)
        .collect()
}

/// A Latin letter without its accent; any other character as it is.
fn plain(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'č' | 'ć' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' | 'ś' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ł' => 'l',
        'ř' => 'r',
        other => other,
    }
}

/// Whether `entry` matches the search `query`: every word of it is in the name, the
/// delegation, the id or the e-mail address (ignoring case and accents).
pub fn matches(entry: &Entry, query: &str) -> bool {
    let query = fold(query);
    let words: Vec<&str> = query.split_whitespace().collect();
    if words.is_empty() {
        return true;
    }
    let who = &entry.participant;
    let haystack = fold(&format!(
        "{} {} {} {}",
        who.name,
        who.delegation.as_deref().unwrap_or_default(),
        who.id,
        entry.email.as_deref().unwrap_or_default()
    ));
    words.iter().all(|word| haystack.contains(word))
}

/// The indices of the entries matching `query`, in the list's order: the first
/// [`SHOWN`], and how many match in all.
pub fn search(entries: &[Entry], query: &str) -> (Vec<usize>, usize) {
    let mut shown = Vec::new();
    let mut total = 0;
    for (index, entry) in entries.iter().enumerate() {
        if matches(entry, query) {
            total += 1;
            if shown.len() < SHOWN {
                shown.push(index);
            }
        }
    }
    (shown, total)
}

/// The longest id the server takes.
const MAX_ID: usize = 64;

/// An id made from `name`: lowercase Latin letters (accents dropped) and digits, the rest
/// turned into single dashes, at most 64 characters; empty when the name has no Latin
/// letter or digit (an Arabic name, say: the organiser then types the id).
pub fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in fold(name).chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.truncate(MAX_ID);
    slug.trim_end_matches('-').to_owned()
}

/// `slug`, or, when someone already has it, `slug-2`, `slug-3` … (within 64 characters).
pub fn unique(slug: &str, taken: impl Fn(&str) -> bool) -> String {
    if slug.is_empty() || !taken(slug) {
        return slug.to_owned();
    }
    (2..)
        .map(|number| {
            let suffix = format!("-{number}");
            let mut base = slug.to_owned();
            base.truncate(MAX_ID - suffix.len());
            format!("{}{suffix}", base.trim_end_matches('-'))
        })
        .find(|candidate| !taken(candidate))
        .unwrap_or_default()
}

/// Whether `id` follows the rules of ids: 1 to 64 lowercase letters, digits and dashes.
pub fn valid_id(id: &str) -> bool {
    protocol::ids::is_slug(id)
}

/// A field of the form to add a participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The name.
    Name,
    /// The id.
    Id,
    /// The delegation.
    Delegation,
    /// The e-mail address.
    Email,
    /// The languages.
    Languages,
}

impl Field {
    /// The field a refusal of the API (`participants[0]: email: not an e-mail address`)
    /// is about, if it names one of the form's.
    pub fn of_refusal(message: &str) -> Option<Self> {
        let rest = message.split_once("]: ").map_or(message, |(_, rest)| rest);
        let (field, _) = rest.split_once(':')?;
        match field.trim() {
            "name" => Some(Self::Name),
            "id" => Some(Self::Id),
            "delegation" => Some(Self::Delegation),
            "email" => Some(Self::Email),
            "languages" => Some(Self::Languages),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol::{ParticipantId, Role};

    fn entry(id: &str, name: &str, delegation: Option<&str>, email: Option<&str>) -> Entry {
        Entry {
            participant: Participant {
                id: ParticipantId::new(id),
                name: name.to_owned(),
                role: Role::Attendee,
                delegation: delegation.map(str::to_owned),
                booth: None,
                languages: Vec::new(),
            },
            email: email.map(str::to_owned),
            needs: protocol::Needs::default(),
            written_question: None,
            link: 0,
            revoked: false,
            url: None,
        }
    }

    #[test]
    fn names_make_ids() {
        assert_eq!(
            slug("Delegate of Côte d'Ivoire"),
            "delegate-of-cote-d-ivoire"
        );
        assert_eq!(slug("  Ana  María Pérez "), "ana-maria-perez");
        assert_eq!(slug("مندوب مصر"), "");
        assert_eq!(slug("Egypt 2"), "egypt-2");
        assert_eq!(slug(&"a".repeat(80)).len(), 64);
        assert!(valid_id(&slug("Delegate of Peru")));
    }

    #[test]
    fn taken_ids_get_a_number() {
        let taken = ["peru", "peru-2"];
        assert_eq!(unique("peru", |id| taken.contains(&id)), "peru-3");
        assert_eq!(unique("ghana", |id| taken.contains(&id)), "ghana");
        let long = "a".repeat(64);
        let made = unique(&long, |id| id == long);
        assert_eq!(made.len(), 64);
        assert!(made.ends_with("-2"));
    }

    #[test]
    fn the_search_looks_at_name_delegation_id_and_email() {
        let peru = entry("peru", "Ana Pérez", Some("Perú"), Some("ana@example.org"));
        for query in ["", "ana", "PEREZ", "peru", "example.org", "ana peru"] {
            assert!(matches(&peru, query), "{query:?}");
        }
        assert!(!matches(&peru, "ghana"));
        let many: Vec<Entry> = (0..120)
            .map(|n| entry(&format!("p{n}"), &format!("Person {n}"), None, None))
            .collect();
        let (shown, total) = search(&many, "person");
        assert_eq!((shown.len(), total), (SHOWN, 120));
        let (shown, total) = search(&many, "p7");
        assert_eq!(total, 11);
        assert_eq!(shown[0], 7);
    }

    #[test]
    fn refusals_name_their_field() {
        assert_eq!(
            Field::of_refusal("participants[0]: email: not an e-mail address"),
            Some(Field::Email)
        );
        assert_eq!(
            Field::of_refusal("participants[0]: languages: `de` is not a language"),
            Some(Field::Languages)
        );
        assert_eq!(Field::of_refusal("participants[0]: booth: …"), None);
        assert_eq!(Field::of_refusal("the meeting is closed"), None);
    }

    #[test]
    fn answers_are_read() {
        let list = parse_list(
            r#"{"meeting":"m","participants":[{"participant":{"id":"peru","name":"Peru","role":"attendee"},
                "email":null,"needs":{},"written_question":null,"link":1,"revoked":true,"url":null}]}"#,
        )
        .unwrap();
        assert_eq!(list.len(), 1);
        assert!(list[0].revoked);
        let one = parse_entry(
            r#"{"participant":{"id":"peru","name":"Peru","role":"attendee"},"email":null,"needs":{},
                "written_question":null,"link":2,"revoked":false,"url":"http://h/#token=t","seq":9}"#,
        )
        .unwrap();
        assert_eq!(one.url.as_deref(), Some("http://h/#token=t"));
    }
}

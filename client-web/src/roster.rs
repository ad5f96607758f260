//! Who is connected, for the organisers' view (and the chair's): the server's `roster`
//! messages folded into one list, counted by role, delegation and language, and the
//! people filtered and ordered as the view shows them.
//!
//! Pure functions of the protocol's types, unit-tested natively; the connection folds
//! the messages in and `views/roster.rs` lays the result out.

use protocol::{Connected, LanguageCode, ParticipantId, Role};
use std::collections::{BTreeMap, HashMap};

/// Everyone connected to the meeting, as the latest `roster` messages tell it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roster {
    people: HashMap<ParticipantId, Connected>,
}

/// The roles in the order the counts list them: who runs the meeting, then who takes
/// part, then who works a channel.
pub const ROLES: [Role; 6] = [
    Role::Chair,
    Role::Organiser,
    Role::Attendee,
    Role::Interpreter,
    Role::SignLanguageInterpreter,
    Role::Captioner,
];

/// How the list of people is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Order {
    /// By name.
    #[default]
    Name,
    /// By delegation (those without one last), then by name.
    Delegation,
    /// By role (in the order of [`ROLES`]), then by name.
    Role,
}

impl Order {
    /// Every order, as the view offers them.
    pub const ALL: [Self; 3] = [Self::Name, Self::Delegation, Self::Role];

    /// The value of its `<option>`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Delegation => "delegation",
            Self::Role => "role",
        }
    }

    /// The order an `<option>`'s value names.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|order| order.as_str() == value)
    }
}

/// The counts shown above the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// How many people are connected (each once, whatever their number of devices).
    pub total: usize,
    /// People per role, in the order of [`ROLES`], roles without anyone left out.
    pub by_role: Vec<(Role, usize)>,
    /// People per delegation, by the delegation's name; `None` (last) counts those
    /// without a delegation (organisers, interpreters).
    pub by_delegation: Vec<(Option<String>, usize)>,
    /// People per language they listed (someone with two languages counts in both),
    /// most people first, then by tag.
    pub by_language: Vec<(LanguageCode, usize)>,
}

impl Roster {
    /// Folds a `roster` message in: a `full` one replaces everything; otherwise each of
    /// `joined` replaces that participant's entry and each of `left` removes one.
    pub fn apply(&mut self, full: bool, joined: Vec<Connected>, left: &[ParticipantId]) {
        if full {
            self.people.clear();
        }
        for id in left {
            self.people.remove(id);
        }
        for person in joined {
            self.people.insert(person.who.id.clone(), person);
        }
    }

    /// How many people are connected.
    pub fn len(&self) -> usize {
        self.people.len()
    }

    /// Whether nobody is (known to be) connected.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    /// One participant's entry.
    pub fn get(&self, id: &ParticipantId) -> Option<&Connected> {
        self.people.get(id)
    }

    /// Everyone counted by role, delegation and language.
    pub fn counts(&self) -> Counts {
        let by_role = ROLES
            .into_iter()
            .map(|role| {
                let count = self.people.values().filter(|p| p.who.role == role).count();
                (role, count)
            })
            .filter(|(_, count)| *count > 0)
            .collect();
        let mut delegations: BTreeMap<(bool, String), (Option<String>, usize)> = BTreeMap::new();
        let mut languages: BTreeMap<LanguageCode, usize> = BTreeMap::new();
        for person in self.people.values() {
            let delegation = person.who.delegation.clone();
            let key = (
                delegation.is_none(),
                delegation.as_deref().map(fold).unwrap_or_default(),
            );
            delegations.entry(key).or_insert((delegation, 0)).1 += 1;
            let mut listed: Vec<&LanguageCode> = person.who.languages.iter().collect();
            listed.sort();
            listed.dedup();
            for language in listed {
                *languages.entry(language.clone()).or_default() += 1;
            }
        }
        let mut by_language: Vec<(LanguageCode, usize)> = languages.into_iter().collect();
        by_language.sort_by(|(a, count_a), (b, count_b)| count_b.cmp(count_a).then(a.cmp(b)));
        Counts {
            total: self.people.len(),
            by_role,
            by_delegation: delegations.into_values().collect(),
            by_language,
        }
    }

    /// The people whose name or delegation contains `filter` (ignoring case and
    /// surrounding spaces; everyone for an empty filter), in `order`.
    pub fn people(&self, filter: &str, order: Order) -> Vec<&Connected> {
        let filter = fold(filter.trim());
        let mut shown: Vec<&Connected> = self
            .people
            .values()
            .filter(|person| {
                filter.is_empty()
                    || fold(&person.who.name).contains(&filter)
                    || person
                        .who
                        .delegation
                        .as_deref()
                        .is_some_and(|delegation| fold(delegation).contains(&filter))
            })
            .collect();
        let by_name = |a: &Connected, b: &Connected| {
            fold(&a.who.name)
                .cmp(&fold(&b.who.name))
                .then_with(|| a.who.id.cmp(&b.who.id))
        };
        match order {
            Order::Name => shown.sort_by(|a, b| by_name(a, b)),
            Order::Delegation => shown.sort_by(|a, b| {
                let key = |p: &Connected| {
                    (
                        p.who.delegation.is_none(),
                        p.who.delegation.as_deref().map(fold),
                    )
                };
                key(a).cmp(&key(b)).then_with(|| by_name(a, b))
            }),
            Order::Role => shown.sort_by(|a, b| {
                let rank = |p: &Connected| ROLES.iter().position(|role| *role == p.who.role);
                rank(a).cmp(&rank(b)).then_with(|| by_name(a, b))
            }),
        }
        shown
    }
}

/// A text as compared when filtering and ordering: lower case.
fn fold(text: &str) -> String {
    text.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol::ChannelId;

    fn person(
        id: &str,
        name: &str,
        role: Role,
        delegation: Option<&str>,
        languages: &[&str],
    ) -> Connected {
        Connected {
            who: protocol::Participant {
                id: ParticipantId::new(id),
                name: name.to_owned(),
                role,
                delegation: delegation.map(str::to_owned),
                booth: None,
                languages: languages
                    .iter()
                    .map(|tag| LanguageCode::new(*tag))
                    .collect(),
            },
            connections: 1,
        }
    }

    fn meeting() -> Roster {
        let mut roster = Roster::default();
        let mut booth = person(
            "interp-fr",
            "French booth",
            Role::Interpreter,
            None,
            &["fr", "en"],
        );
        booth.who.booth = Some(ChannelId::new("fr"));
        let mut senegal = person(
            "senegal",
            "Delegate of Senegal",
            Role::Attendee,
            Some("Senegal"),
            &["fr"],
        );
        senegal.connections = 2;
        roster.apply(
            true,
            vec![
                person(
                    "organiser",
                    "Implementation Support Unit",
                    Role::Organiser,
                    None,
                    &["en", "fr"],
                ),
                senegal,
                person(
                    "peru",
                    "Delegate of Peru",
                    Role::Attendee,
                    Some("Peru"),
                    &["es"],
                ),
                booth,
                person(
                    "chair",
                    "Chair of the Committee",
                    Role::Chair,
                    Some("Thailand"),
                    &["en"],
                ),
            ],
            &[],
        );
        roster
    }

    fn ids(people: &[&Connected]) -> Vec<String> {
        people.iter().map(|p| p.who.id.to_string()).collect()
    }

    #[test]
    fn a_full_roster_replaces_and_changes_merge() {
        let mut roster = meeting();
        assert_eq!(roster.len(), 5);
        // A change: Peru leaves, Senegal closes a device, Kenya comes.
        let mut senegal = roster.get(&ParticipantId::new("senegal")).unwrap().clone();
        senegal.connections = 1;
        roster.apply(
            false,
            vec![
                senegal,
                person(
                    "kenya",
                    "Delegate of Kenya",
                    Role::Attendee,
                    Some("Kenya"),
                    &[],
                ),
            ],
            &[ParticipantId::new("peru")],
        );
        assert_eq!(roster.len(), 5);
        assert!(roster.get(&ParticipantId::new("peru")).is_none());
        assert_eq!(
            roster
                .get(&ParticipantId::new("senegal"))
                .unwrap()
                .connections,
            1
        );
        // Someone who leaves and comes back within one message is there.
        roster.apply(
            false,
            vec![person(
                "peru",
                "Delegate of Peru",
                Role::Attendee,
                Some("Peru"),
                &["es"],
            )],
            &[ParticipantId::new("peru")],
        );
        assert!(roster.get(&ParticipantId::new("peru")).is_some());
        // A full roster forgets whoever it does not list.
        roster.apply(
            true,
            vec![person("chair", "Chair", Role::Chair, None, &[])],
            &[],
        );
        assert_eq!(roster.len(), 1);
        roster.apply(true, Vec::new(), &[]);
        assert!(roster.is_empty());
    }

    #[test]
    fn counts_by_role_delegation_and_language() {
        let counts = meeting().counts();
        assert_eq!(counts.total, 5);
        assert_eq!(
            counts.by_role,
            [
                (Role::Chair, 1),
                (Role::Organiser, 1),
                (Role::Attendee, 2),
                (Role::Interpreter, 1)
            ]
        );
        assert_eq!(
            counts.by_delegation,
            [
                (Some("Peru".to_owned()), 1),
                (Some("Senegal".to_owned()), 1),
                (Some("Thailand".to_owned()), 1),
                (None, 2)
            ]
        );
        // Once per language listed: the organiser and the booth count in French and
        // English; Senegal's two devices count once.
        let languages: Vec<(&str, usize)> = counts
            .by_language
            .iter()
            .map(|(code, count)| (code.as_str(), *count))
            .collect();
        assert_eq!(languages, [("en", 3), ("fr", 3), ("es", 1)]);
        assert_eq!(Roster::default().counts(), Counts::default());
    }

    #[test]
    fn people_are_ordered_and_filtered_by_name_or_delegation() {
        let roster = meeting();
        assert_eq!(
            ids(&roster.people("", Order::Name)),
            ["chair", "peru", "senegal", "interp-fr", "organiser"]
        );
        assert_eq!(
            ids(&roster.people("", Order::Delegation)),
            ["peru", "senegal", "chair", "interp-fr", "organiser"]
        );
        assert_eq!(
            ids(&roster.people("", Order::Role)),
            ["chair", "organiser", "peru", "senegal", "interp-fr"]
        );
        // By name or delegation, ignoring case and spaces around.
        assert_eq!(ids(&roster.people("  SEN ", Order::Name)), ["senegal"]);
        assert_eq!(ids(&roster.people("thai", Order::Name)), ["chair"]);
        assert_eq!(
            ids(&roster.people("delegate", Order::Name)),
            ["peru", "senegal"]
        );
        assert!(roster.people("kenya", Order::Name).is_empty());
    }

    #[test]
    fn orders_round_trip_through_their_values() {
        for order in Order::ALL {
            assert_eq!(Order::parse(order.as_str()), Some(order));
        }
        assert_eq!(Order::parse("age"), None);
    }
}

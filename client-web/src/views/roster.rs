//! Who is connected, for organisers (open, at the top of the page) and the chair (the
//! total, with the details folded away): counts by role, delegation and language, and
//! everyone connected, filtered by name or delegation and ordered as the viewer picks.

use crate::i18n::{self, Key};
use crate::roster::{Counts, Order, Roster};
use crate::session::Session;
use leptos::prelude::*;
use protocol::{Connected, Role};

/// One row of a count table.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct CountRow {
    /// `data-key`: the role's wire name, the delegation or the language tag.
    key: String,
    /// What the row header shows.
    label: String,
    /// The label comes from people (a delegation) and is isolated.
    from_people: bool,
    count: usize,
}

/// One person in the list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct PersonRow {
    id: String,
    name: String,
    delegation: Option<String>,
    role: Role,
    booth: Option<String>,
    languages: Option<String>,
    connections: u32,
}

impl PersonRow {
    fn of(person: &Connected) -> Self {
        let who = &person.who;
        Self {
            id: who.id.to_string(),
            name: who.name.clone(),
            // A delegation's own representative is named after it: say it once.
            delegation: who
                .delegation
                .clone()
                .filter(|delegation| *delegation != who.name),
            role: who.role,
            booth: who.booth.as_ref().map(i18n::booth),
            languages: (!who.languages.is_empty()).then(|| i18n::roster_languages(&who.languages)),
            connections: person.connections,
        }
    }
}

/// The card: for organisers everything shows; the chair sees the total and opens the
/// rest when needed.
#[component]
pub fn WhoIsConnected() -> impl IntoView {
    let session = Session::get();
    let organiser = Memo::new(move |_| {
        session
            .you
            .with(|you| you.as_ref().is_some_and(|you| you.role == Role::Organiser))
    });
    let total = Memo::new(move |_| session.roster.with(Roster::len));
    view! {
        <section id="roster" class="card roster" aria-labelledby="roster-heading">
            <h2 id="roster-heading">{i18n::text(Key::Roster)}</h2>
            <p id="roster-total" class="roster-total" data-count=move || total.get().to_string()>
                {move || i18n::roster_total(total.get())}
            </p>
            {move || {
                if organiser.get() {
                    view! { <RosterDetails/> }.into_any()
                } else {
                    view! {
                        <details id="roster-details" class="roster-more">
                            <summary>{i18n::text(Key::RosterShow)}</summary>
                            <RosterDetails/>
                        </details>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

/// The counts and the list.
#[component]
fn RosterDetails() -> impl IntoView {
    let session = Session::get();
    let counts = Memo::new(move |_| session.roster.with(Roster::counts));
    let (filter, order) = super::unsent("roster-view", || {
        (RwSignal::new(String::new()), RwSignal::new(Order::Name))
    });
    let people = Memo::new(move |_| {
        let filter = filter.get();
        let order = order.get();
        session.roster.with(|roster| {
            roster
                .people(&filter, order)
                .into_iter()
                .map(PersonRow::of)
                .collect::<Vec<_>>()
        })
    });
    let filtering = Memo::new(move |_| !filter.with(|filter| filter.trim().is_empty()));
    let by_role = move || {
        counts.with(|counts: &Counts| {
            counts
                .by_role
                .iter()
                .map(|(role, count)| CountRow {
                    key: role.as_str().to_owned(),
                    label: i18n::role(*role).to_owned(),
                    from_people: false,
                    count: *count,
                })
                .collect::<Vec<_>>()
        })
    };
    let by_delegation = move || {
        counts.with(|counts: &Counts| {
            counts
                .by_delegation
                .iter()
                .map(|(delegation, count)| CountRow {
                    key: delegation.clone().unwrap_or_default(),
                    label: delegation
                        .clone()
                        .unwrap_or_else(|| i18n::text(Key::RosterNoDelegation).to_owned()),
                    from_people: delegation.is_some(),
                    count: *count,
                })
                .collect::<Vec<_>>()
        })
    };
    let by_language = move || {
        counts.with(|counts: &Counts| {
            counts
                .by_language
                .iter()
                .map(|(code, count)| CountRow {
                    key: code.to_string(),
                    label: i18n::language(code),
                    from_people: false,
                    count: *count,
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="roster-counts">
            <CountTable
                id="roster-by-role"
                heading=Key::RosterByRole
                column=Key::RosterColumnRole
                rows=Signal::derive(by_role)
            />
            <CountTable
                id="roster-by-delegation"
                heading=Key::RosterByDelegation
                column=Key::RosterColumnDelegation
                rows=Signal::derive(by_delegation)
            />
            <CountTable
                id="roster-by-language"
                heading=Key::RosterByLanguage
                column=Key::RosterColumnLanguage
                rows=Signal::derive(by_language)
            />
        </div>
        <h3 id="roster-list-heading">{i18n::text(Key::RosterList)}</h3>
        <div class="roster-tools">
            <div class="field">
                <label for="roster-filter">{i18n::text(Key::RosterFilterLabel)}</label>
                <input
                    id="roster-filter"
                    type="search"
                    autocomplete="off"
                    dir="auto"
                    aria-controls="roster-people"
                    prop:value=move || filter.get()
                    on:input=move |event| filter.set(event_target_value(&event))
                />
            </div>
            <div class="field">
                <label for="roster-order">{i18n::text(Key::RosterOrderLabel)}</label>
                <select
                    id="roster-order"
                    aria-controls="roster-people"
                    on:change=move |event| {
                        if let Some(picked) = Order::parse(&event_target_value(&event)) {
                            order.set(picked);
                        }
                    }
                >
                    {Order::ALL
                        .into_iter()
                        .map(|option| {
                            let label = i18n::text(match option {
                                Order::Name => Key::RosterOrderName,
                                Order::Delegation => Key::RosterOrderDelegation,
                                Order::Role => Key::RosterOrderRole,
                            });
                            view! {
                                <option
                                    value=option.as_str()
                                    selected=move || order.get() == option
                                >
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
        </div>
        <p id="roster-shown" class="details" role="status">
            {move || {
                filtering
                    .get()
                    .then(|| {
                        let shown = people.with(Vec::len);
                        if shown == 0 {
                            i18n::text(Key::RosterNoMatch).to_owned()
                        } else {
                            i18n::roster_shown(shown, session.roster.with(Roster::len))
                        }
                    })
            }}
        </p>
        <ul id="roster-people" class="roster-people" aria-labelledby="roster-list-heading">
            <For each=move || people.get() key=|row| row.clone() let:row>
                <PersonItem row/>
            </For>
        </ul>
    }
}

/// A table of counts: a heading, then one row per role, delegation or language.
#[component]
fn CountTable(
    id: &'static str,
    heading: Key,
    column: Key,
    rows: Signal<Vec<CountRow>>,
) -> impl IntoView {
    let heading_id = format!("{id}-heading");
    view! {
        <div class="roster-group">
            <h3 id=heading_id.clone()>{i18n::text(heading)}</h3>
            <table id=id class="counts" aria-labelledby=heading_id>
                <thead>
                    <tr>
                        <th scope="col">{i18n::text(column)}</th>
                        <th scope="col" class="count">{i18n::text(Key::RosterColumnPeople)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || rows.get() key=|row| row.clone() let:row>
                        <tr data-key=row.key>
                            <th scope="row">
                                {if row.from_people {
                                    view! { <bdi>{row.label}</bdi> }.into_any()
                                } else {
                                    row.label.into_any()
                                }}
                            </th>
                            <td class="count" data-count=row.count.to_string()>
                                {i18n::roster_people(row.count)}
                            </td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </div>
    }
}

/// One person: their name, and their delegation, role, booth, languages and devices.
#[component]
fn PersonItem(row: PersonRow) -> impl IntoView {
    let PersonRow {
        id,
        name,
        delegation,
        role,
        booth,
        languages,
        connections,
    } = row;
    let mut details: Vec<AnyView> = Vec::new();
    if let Some(delegation) = delegation {
        details.push(view! { <bdi class="delegation">{delegation}</bdi> }.into_any());
    }
    details.push(view! { <span class="role">{i18n::role(role)}</span> }.into_any());
    if let Some(booth) = booth {
        details.push(view! { <span class="booth">{booth}</span> }.into_any());
    }
    if let Some(languages) = languages {
        details.push(view! { <span class="languages">{languages}</span> }.into_any());
    }
    let details = super::with_separators(details);
    view! {
        <li
            data-participant-id=id
            data-role=role.as_str()
            data-connections=connections.to_string()
        >
            <span class="person">
                <bdi class="name">{name}</bdi>
                {(connections > 1).then(|| view! {
                    <span class="badge devices">{i18n::roster_devices(connections)}</span>
                })}
            </span>
            <span class="details">{details}</span>
        </li>
    }
}

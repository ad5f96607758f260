//! The organisers' registrations (`section#registrations`): those waiting for a decision,
//! with what the person told about themselves, each with Approve and Decline; the
//! decided ones below. It follows the meeting's registry live (`registration_received`,
//! `registration_decided`), announcing each new registration and decision; the
//! decisions go through the registrations API with the organiser's own token.

use super::aria_busy;
use super::registration::fetch_json;
use crate::connection;
use crate::i18n;
use crate::model;
use crate::registration::{self, Text};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::{Registration, RegistrationStatus, Role};

/// The registrations card, for organisers of a meeting that takes registrations (or has
/// some).
#[component]
pub fn Registrations() -> impl IntoView {
    let session = Session::get();
    let shown = Memo::new(move |_| {
        let organiser = session
            .you
            .with(|you| you.as_ref().is_some_and(|you| you.role == Role::Organiser));
        organiser
            && session
                .with_meeting(|meeting| {
                    meeting.info.self_registration || !meeting.registry.registrations.is_empty()
                })
                .unwrap_or(false)
    });
    let registrations = Memo::new(move |_| {
        session
            .with_meeting(|meeting| meeting.registry.registrations.clone())
            .unwrap_or_default()
    });
    // Each new registration and each decision is said once (not what was there when
    // the page was drawn).
    Effect::new(move |before: Option<Vec<Registration>>| {
        let after = registrations.get();
        if let Some(before) = before {
            for said in registration::news(&before, &after) {
                session.announce(said);
            }
        }
        after
    });
    let busy = RwSignal::new(None::<u64>);
    let outcome = RwSignal::new(None::<String>);
    let decide = move |id: u64, approve: bool| {
        if busy.get_untracked().is_some() {
            return;
        }
        let Some(meeting) = session.with_meeting(|meeting| meeting.info.id.to_string()) else {
            return;
        };
        busy.set(Some(id));
        outcome.set(None);
        spawn_local(async move {
            let verb = if approve { "approve" } else { "decline" };
            let path = format!("/api/meetings/{meeting}/registrations/{id}/{verb}");
            let answer = fetch_json("POST", &path, None, connection::token()).await;
            busy.set(None);
            match answer {
                Ok((200, _)) => {
                    // The row moves to the decided ones: the focus goes to the next
                    // waiting registration, else to the heading.
                    request_animation_frame(|| {
                        if !super::focus("#registrations-pending button.approve-registration") {
                            super::focus("#registrations-heading");
                        }
                    });
                }
                Ok((status, _)) => {
                    let text = registration::failed_with(status);
                    outcome.set(Some(text.clone()));
                    session.announce(text);
                }
                Err(()) => {
                    let text = registration::failed_with(0);
                    outcome.set(Some(text.clone()));
                    session.announce(text);
                }
            }
        });
    };
    let pending = Memo::new(move |_| {
        registrations.with(|all| {
            all.iter()
                .filter(|registration| registration.status == RegistrationStatus::Pending)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let decided = Memo::new(move |_| {
        registrations.with(|all| {
            all.iter()
                .filter(|registration| registration.status != RegistrationStatus::Pending)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || shown.get()>
            <section id="registrations" class="card registrations" aria-labelledby="registrations-heading">
                <h2 id="registrations-heading" tabindex="-1">{registration::text(Text::Registrations)}</h2>
                <h3 id="registrations-pending-heading">{registration::text(Text::Waiting)}</h3>
                <Show
                    when=move || !pending.with(Vec::is_empty)
                    fallback=|| view! {
                        <p id="registrations-none" class="details">{registration::text(Text::NoneWaiting)}</p>
                    }
                >
                    <ul id="registrations-pending" class="registration-list" aria-labelledby="registrations-pending-heading">
                        <For
                            each=move || pending.get()
                            key=|registration| registration.id
                            children=move |registration| {
                                let id = registration.id;
                                let name = registration.registrant.participant.name.clone();
                                view! {
                                    <li data-registration-id=id data-status="pending">
                                        <Details registration/>
                                        <p class="field-row">
                                            <button
                                                type="button"
                                                class="approve-registration primary"
                                                aria-label=registration::approve_label(&name)
                                                aria-busy=move || aria_busy(busy.get() == Some(id))
                                                aria-disabled=move || super::aria_disabled(busy.get().is_some())
                                                on:click=move |_| decide(id, true)
                                            >
                                                {registration::text(Text::Approve)}
                                            </button>
                                            <button
                                                type="button"
                                                class="decline-registration"
                                                aria-label=registration::decline_label(&name)
                                                aria-disabled=move || super::aria_disabled(busy.get().is_some())
                                                on:click=move |_| decide(id, false)
                                            >
                                                {registration::text(Text::Decline)}
                                            </button>
                                        </p>
                                    </li>
                                }
                            }
                        />
                    </ul>
                </Show>
                <p id="registrations-outcome" class="field-error" role="status">
                    {move || outcome.get()}
                </p>
                <Show when=move || !decided.with(Vec::is_empty)>
                    <h3 id="registrations-decided-heading">{registration::text(Text::Decided)}</h3>
                    <ul id="registrations-decided" class="registration-list" aria-labelledby="registrations-decided-heading">
                        <For
                            each=move || decided.get()
                            key=|registration| (registration.id, registration.status)
                            children=move |registration| {
                                let id = registration.id;
                                let (state, label) = if registration.status == RegistrationStatus::Approved {
                                    ("approved", Text::StatusApproved)
                                } else {
                                    ("declined", Text::StatusDeclined)
                                };
                                view! {
                                    <li data-registration-id=id data-status=state>
                                        <span class="badge">{registration::text(label)}</span>
                                        " "
                                        <Details registration/>
                                    </li>
                                }
                            }
                        />
                    </ul>
                </Show>
            </section>
        </Show>
    }
}

/// What a person told about themselves.
#[component]
fn Details(registration: Registration) -> impl IntoView {
    let session = Session::get();
    let registrant = registration.registrant;
    let participant = registrant.participant;
    let delegation = participant
        .delegation
        .clone()
        .filter(|delegation| *delegation != participant.name);
    let languages = participant
        .languages
        .iter()
        .map(i18n::language)
        .collect::<Vec<_>>()
        .join(", ");
    let mut needs = Vec::new();
    if registrant.needs.sign_language {
        needs.push(registration::text(Text::NeedSign));
    }
    if registrant.needs.captions {
        needs.push(registration::text(Text::NeedCaptions));
    }
    let floor = registration.floor.map(|wish| {
        session
            .with_meeting(|meeting| {
                let item = meeting
                    .agenda
                    .iter()
                    .find(|item| item.id == wish.item)
                    .map_or_else(
                        || wish.item.to_string(),
                        |item| model::localized(meeting, &item.title).to_owned(),
                    );
                let mut parts = vec![i18n::request_kind(wish.kind).to_owned(), item];
                if let Some(index) = wish.question {
                    let question = meeting
                        .agenda
                        .iter()
                        .find(|item| item.id == wish.item)
                        .and_then(|item| item.questions.get(index as usize))
                        .map(|question| model::localized(meeting, question).to_owned())
                        .unwrap_or_default();
                    parts.push(i18n::question_numbered(index, &question));
                }
                i18n::details(&parts)
            })
            .unwrap_or_default()
    });
    view! {
        <p class="registrant">
            <bdi class="name">{participant.name.clone()}</bdi>
            {delegation.map(|delegation| view! { " · " <bdi class="delegation">{delegation}</bdi> })}
        </p>
        <dl class="registration-details">
            {registrant.email.map(|email| view! {
                <dt>{registration::text(Text::EmailLabel)}</dt>
                <dd class="email"><bdi>{email}</bdi></dd>
            })}
            <dt>{registration::text(Text::LanguagesLabel)}</dt>
            <dd class="languages">{languages}</dd>
            {(!needs.is_empty()).then(|| view! {
                <dt>{registration::text(Text::NeedsLabel)}</dt>
                <dd class="needs">{needs.join(", ")}</dd>
            })}
            {floor.map(|floor| view! {
                <dt>{registration::text(Text::FloorLabel)}</dt>
                <dd class="floor">{floor}</dd>
            })}
            {registrant.written_question.map(|question| view! {
                <dt>{registration::text(Text::WrittenLabel)}</dt>
                <dd class="written-question"><bdi>{question}</bdi></dd>
            })}
        </dl>
    }
}

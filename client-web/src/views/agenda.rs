//! The current item (prominent), its guiding questions and the whole agenda; the chair
//! moves through it from here.

use super::{aria_disabled, is_chair};
use crate::connection;
use crate::i18n::{self, Key};
use crate::model;
use crate::session::Session;
use leptos::prelude::*;
use protocol::{AgendaItem, Command, ItemId, MeetingState};

/// What the page shows of one agenda item.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct ItemView {
    id: ItemId,
    title: String,
    /// "Presented by … · 5 min".
    details: String,
    questions: Vec<String>,
}

impl ItemView {
    fn of(meeting: &MeetingState, item: &AgendaItem) -> Self {
        let details = i18n::details(
            &[
                item.presenter.as_deref().map(i18n::presenter),
                item.planned_minutes.map(i18n::planned_minutes),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>(),
        );
        Self {
            id: item.id.clone(),
            title: model::localized(meeting, &item.title).to_owned(),
            details,
            questions: item
                .questions
                .iter()
                .map(|question| model::localized(meeting, question).to_owned())
                .collect(),
        }
    }
}

/// The item being discussed, and the chair's previous/next.
#[component]
pub fn CurrentItem() -> impl IntoView {
    let session = Session::get();
    let chair = is_chair(session);
    let current = Memo::new(move |_| {
        session
            .with_meeting(|meeting| {
                meeting
                    .current_agenda_item()
                    .map(|item| ItemView::of(meeting, item))
            })
            .flatten()
    });
    let moves = Memo::new(move |_| session.with_meeting(model::agenda_moves));
    let can_go_back = move || moves.get().is_some_and(|moves| moves.previous);
    let can_go_on = move || moves.get().is_some_and(|moves| moves.next);
    view! {
        <section class="card now" aria-labelledby="now-heading">
            <h2 id="now-heading">{i18n::text(Key::CurrentItem)}</h2>
            <div
                id="current-item"
                data-item-id=move || current.get().map(|item| item.id.to_string()).unwrap_or_default()
            >
                {move || match current.get() {
                    None => view! {
                        <p class="current-title not-started">{i18n::text(Key::NotStarted)}</p>
                    }
                    .into_any(),
                    Some(item) => view! {
                        <p class="current-title">{item.title}</p>
                        {(!item.details.is_empty()).then(|| view! { <p class="details">{item.details}</p> })}
                    }
                    .into_any(),
                }}
            </div>
            <Show when=move || chair.get()>
                <div class="controls" role="group" aria-label=i18n::text(Key::ChairControls)>
                    <button
                        id="previous-item"
                        aria-disabled=move || aria_disabled(!can_go_back())
                        on:click=move |_| {
                            if can_go_back() {
                                connection::send(Command::PreviousItem);
                            }
                        }
                    >
                        {i18n::text(Key::PreviousItem)}
                    </button>
                    <button
                        id="next-item"
                        class="primary"
                        aria-disabled=move || aria_disabled(!can_go_on())
                        on:click=move |_| {
                            if can_go_on() {
                                connection::send(Command::NextItem);
                            }
                        }
                    >
                        {i18n::text(Key::NextItem)}
                    </button>
                </div>
            </Show>
        </section>
    }
}

/// The current item's guiding questions, when it has any. They sit beside the live part
/// of the page rather than in it, so that on a phone they do not push the list of
/// speakers out of reach.
#[component]
pub fn Questions() -> impl IntoView {
    let session = Session::get();
    let questions = Memo::new(move |_| {
        session
            .with_meeting(|meeting| {
                meeting
                    .current_agenda_item()
                    .map(|item| ItemView::of(meeting, item).questions)
            })
            .flatten()
            .unwrap_or_default()
    });
    view! {
        <Show when=move || questions.with(|questions| !questions.is_empty())>
            <section class="card questions" aria-labelledby="questions-heading">
                <h2 id="questions-heading">{i18n::text(Key::GuidingQuestions)}</h2>
                <ol id="questions">
                    {move || questions.get().into_iter().map(|q| view! { <li>{q}</li> }).collect_view()}
                </ol>
            </section>
        </Show>
    }
}

/// The agenda, the current item marked; the chair can jump to any item.
#[component]
pub fn Agenda() -> impl IntoView {
    let session = Session::get();
    let chair = is_chair(session);
    let items = Memo::new(move |_| {
        session
            .with_meeting(|meeting| {
                meeting
                    .agenda
                    .iter()
                    .map(|item| ItemView::of(meeting, item))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let current = Memo::new(move |_| session.with_meeting(|m| m.current_item.clone()).flatten());
    view! {
        <section class="card agenda" aria-labelledby="agenda-heading">
            <h2 id="agenda-heading">{i18n::text(Key::Agenda)}</h2>
            <ol id="agenda">
                <For each=move || items.get() key=|item| item.clone() let:item>
                    {
                        let is_current = {
                            let id = item.id.clone();
                            Memo::new(move |_| current.with(|current| current.as_ref() == Some(&id)))
                        };
                        let go_to = {
                            let id = item.id.clone();
                            move |_| {
                                if !is_current.get_untracked() {
                                    connection::send(Command::SetCurrentItem { item: id.clone() });
                                }
                            }
                        };
                        let label = i18n::go_to_label(&item.title);
                        view! {
                            <li
                                data-item-id=item.id.to_string()
                                aria-current=move || is_current.get().then_some("step")
                            >
                                <div class="item-text">
                                    <span class="item-title">{item.title}</span>
                                    {(!item.details.is_empty()).then(|| view! { <span class="details">{item.details}</span> })}
                                </div>
                                <Show when=move || chair.get()>
                                    <button
                                        class="go-to small"
                                        aria-label=label.clone()
                                        aria-disabled=move || aria_disabled(is_current.get())
                                        on:click=go_to.clone()
                                    >
                                        {i18n::text(Key::GoTo)}
                                    </button>
                                </Show>
                            </li>
                        }
                    }
                </For>
            </ol>
        </section>
    }
}

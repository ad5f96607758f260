//! Asking for the floor: the hand bar (the button that raises and lowers the hand, with
//! the viewer's position, "You are next" and estimated wait), always in view; the
//! request form it submits (kind, guiding question, language, a note for the chair); and
//! the viewer's requests, withdrawing and speaking for the delegation.

use super::banners::{NotCurrent, stale};
use super::{abilities, aria_busy, aria_disabled, aria_pressed, focus};
use crate::connection;
use crate::i18n::{self, Key};
use crate::model;
use crate::session::Session;
use crate::speakers::{self, MyRow, RequestDraft};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use protocol::limits::MAX_NOTE_CHARS;
use protocol::{Command, LanguageCode, RequestId, RequestKind};

/// What the viewer is about to ask for, shared by the form (its fields) and the hand bar
/// (its button submits the form). Provided by the page ([`provide_draft`]).
#[derive(Clone, Copy)]
struct Draft {
    kind: RwSignal<RequestKind>,
    question: RwSignal<Option<u32>>,
    // `None` until the viewer picks one: their default language.
    language: RwSignal<Option<LanguageCode>>,
    note: RwSignal<String>,
    error: RwSignal<Option<String>>,
}

/// Provides the request draft to the hand bar and the request form, which sit apart on
/// the page. The draft is kept when the page is drawn again in another language.
pub fn provide_draft() {
    provide_context(super::unsent("request-draft", || Draft {
        kind: RwSignal::new(RequestKind::Intervention),
        question: RwSignal::new(None),
        language: RwSignal::new(None),
        note: RwSignal::new(String::new()),
        error: RwSignal::new(None),
    }));
}

fn draft() -> Draft {
    use_context().expect("the page provides the request draft")
}

/// Whether the viewer has a request of their own waiting.
fn raised(session: Session) -> Memo<bool> {
    Memo::new(move |_| {
        session
            .with(|meeting, you| model::own_request(&meeting.my_requests(you), you).is_some())
            .unwrap_or(false)
    })
}

/// Whether the hand cannot go up now: the server refuses a request from the speaker, and
/// a closed list takes points of order only.
fn unavailable(session: Session, draft: Draft) -> Memo<bool> {
    let raised = raised(session);
    Memo::new(move |_| {
        let speaking = session
            .with(|meeting, you| model::has_floor(&meeting.state, you))
            .unwrap_or(false);
        !raised.get()
            && (speaking || !speakers::kind_open(draft.kind.get(), speakers_closed(session)))
    })
}

/// The hand, always in view for roles that ask for the floor (a bar at the top of the
/// page on wide screens, at the bottom of the screen on phones, like a video call's
/// toolbar), with the viewer's own place in the list and estimated wait. Its button
/// submits `#request-form`, wherever that is on the page.
#[component]
pub fn HandBar() -> impl IntoView {
    let session = Session::get();
    let abilities = abilities(session);
    let draft = draft();
    let raised = raised(session);
    let unavailable = unavailable(session, draft);
    let own = Memo::new(move |_| {
        session
            .with(speakers::my_rows)
            .unwrap_or_default()
            .into_iter()
            .find(|row| row.own)
    });
    let position = move || own.with(|own| own.as_ref().map_or(0, |own| own.position));
    let wait = move || {
        let id = own.with(|own| own.as_ref().map(|own| own.id))?;
        let now = session.server_now();
        session
            .with(|meeting, _| meeting.wait_ms(id, now))
            .flatten()
            .map(i18n::estimated_wait)
    };
    view! {
        <Show when=move || abilities.get().ask>
            <section id="hand-bar" class="hand-bar" aria-label=i18n::text(Key::AskForFloor)>
                <div class="controls hand">
                    <button
                        id="raise-hand"
                        type="submit"
                        form="request-form"
                        class="primary big"
                        aria-pressed=move || aria_pressed(raised.get())
                        aria-keyshortcuts="h"
                        aria-busy=move || aria_busy(session.hand_busy.get())
                        aria-disabled=move || aria_disabled(unavailable.get())
                    >
                        {move || i18n::text(if raised.get() { Key::LowerHand } else { Key::RaiseHand })}
                    </button>
                    <span class="shortcut" aria-hidden="true">{i18n::text(Key::ShortcutHand)}</span>
                </div>
                <Show when=move || own.with(Option::is_some)>
                    <div class="hand-status">
                        <p id="my-position" class="my-position">
                            {move || i18n::queue_position(position())}
                        </p>
                        <Show when=move || position() == 1>
                            <p id="you-are-next" class="you-are-next">{i18n::text(Key::YouAreNext)}</p>
                        </Show>
                        <p id="my-wait" class="details" data-stale=stale(session)>{wait} <NotCurrent/></p>
                    </div>
                </Show>
            </section>
        </Show>
    }
}

/// The request form and the viewer's requests, for roles that ask for the floor.
#[component]
pub fn Request() -> impl IntoView {
    let session = Session::get();
    let abilities = abilities(session);
    view! {
        <Show when=move || abilities.get().ask>
            <section class="card request" aria-labelledby="request-heading">
                <h2 id="request-heading">{i18n::text(Key::AskForFloor)}</h2>
                <RequestForm/>
                <MyRequests/>
            </section>
        </Show>
    }
}

/// The form. Its submit button is the hand, in the [`HandBar`]: raised (pressed), it
/// withdraws the viewer's own request, and the fields are hidden.
#[component]
fn RequestForm() -> impl IntoView {
    let session = Session::get();
    let Draft {
        kind,
        question,
        language,
        note,
        error,
    } = draft();
    let raised = raised(session);
    let unavailable = unavailable(session, draft());
    let closed = Memo::new(move |_| speakers_closed(session));
    let questions = Memo::new(move |_| {
        session
            .with_meeting(speakers::question_options)
            .unwrap_or_default()
    });
    let languages = Memo::new(move |_| {
        session
            .with_meeting(speakers::language_options)
            .unwrap_or_default()
    });
    let default_language = Memo::new(move |_| {
        session.with(|meeting, you| speakers::default_language(&meeting.state, you))
    });
    let chosen_language = move || language.get().or_else(|| default_language.get());
    let shows_questions = move || {
        kind.get() == RequestKind::Question && questions.with(|questions| !questions.is_empty())
    };
    let note_length = move || speakers::note_length(&note.get());

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if raised.get_untracked() {
            connection::toggle_hand(session);
            return;
        }
        if unavailable.get_untracked() || session.hand_busy.get_untracked() {
            return;
        }
        let draft = RequestDraft {
            kind: kind.get_untracked(),
            question: question.get_untracked(),
            language: language
                .get_untracked()
                .or_else(|| default_language.get_untracked()),
            note: note.get_untracked(),
        };
        match draft.command() {
            Ok(command) => {
                error.set(None);
                note.set(String::new());
                connection::send_hand(command);
            }
            Err(problem) => {
                error.set(Some(problem.message()));
                focus("#request-note");
            }
        }
    };

    view! {
        <form id="request-form" class="form" on:submit=submit novalidate>
            <Show when=move || !raised.get()>
                <div class="field">
                    <label for="request-kind">{i18n::text(Key::RequestKindLabel)}</label>
                    <select
                        id="request-kind"
                        aria-describedby="list-closed"
                        on:change=move |event| {
                            let value = event_target_value(&event);
                            if let Some(chosen) = RequestKind::ALL.into_iter().find(|k| k.as_str() == value) {
                                kind.set(chosen);
                            }
                        }
                    >
                        {RequestKind::ALL
                            .into_iter()
                            .map(|option| {
                                view! {
                                    <option
                                        value=option.as_str()
                                        selected=move || kind.get() == option
                                        disabled=move || !speakers::kind_open(option, closed.get())
                                    >
                                        {i18n::request_kind(option)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <Show when=shows_questions>
                    <div class="field">
                        <label for="request-question">{i18n::text(Key::RequestQuestionLabel)}</label>
                        <select
                            id="request-question"
                            on:change=move |event| question.set(event_target_value(&event).parse().ok())
                        >
                            <option value="" selected=move || question.with(Option::is_none)>
                                {i18n::text(Key::NoParticularQuestion)}
                            </option>
                            {move || {
                                questions
                                    .get()
                                    .into_iter()
                                    .map(|(index, text)| {
                                        view! {
                                            <option
                                                value=index.to_string()
                                                selected=move || question.get() == Some(index)
                                            >
                                                {text}
                                            </option>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </select>
                    </div>
                </Show>
                <div class="field">
                    <label for="request-language">{i18n::text(Key::RequestLanguageLabel)}</label>
                    <select
                        id="request-language"
                        on:change=move |event| language.set(Some(LanguageCode::new(event_target_value(&event))))
                    >
                        {move || {
                            languages
                                .get()
                                .into_iter()
                                .map(|(code, label)| {
                                    let selected = {
                                        let code = code.clone();
                                        move || chosen_language().as_ref() == Some(&code)
                                    };
                                    view! {
                                        <option value=code.to_string() selected=selected>{label}</option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="field">
                    <label for="request-note">{i18n::text(Key::RequestNoteLabel)}</label>
                    <textarea
                        id="request-note"
                        rows="2"
                        dir="auto"
                        maxlength=MAX_NOTE_CHARS.to_string()
                        aria-describedby="request-note-count request-error"
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        prop:value=move || note.get()
                        on:input=move |event| {
                            note.set(event_target_value(&event));
                            error.set(None);
                        }
                    ></textarea>
                    <p id="request-note-count" class="details">
                        {move || i18n::note_count(note_length(), MAX_NOTE_CHARS)}
                    </p>
                </div>
                <p id="request-error" class="field-error" role="alert">{move || error.get()}</p>
            </Show>
        </form>
    }
}

/// Whether the list in use is closed.
fn speakers_closed(session: Session) -> bool {
    session
        .with_meeting(|meeting| meeting.active_list().is_some_and(|list| list.closed))
        .unwrap_or(false)
}

/// The viewer's requests (theirs and their delegation's), first in line first.
#[component]
fn MyRequests() -> impl IntoView {
    let session = Session::get();
    let rows = Memo::new(move |_| session.with(speakers::my_rows).unwrap_or_default());
    view! {
        <Show when=move || rows.with(|rows| !rows.is_empty())>
            <h3 id="my-requests-heading">{i18n::text(Key::YourRequests)}</h3>
            <ul id="my-requests" aria-labelledby="my-requests-heading">
                <For each=move || rows.get() key=|row| row.id let:row>
                    <MyRequest id=row.id rows/>
                </For>
            </ul>
        </Show>
    }
}

/// One of the viewer's requests: where it stands, and what they can do with it.
#[component]
fn MyRequest(id: RequestId, rows: Memo<Vec<MyRow>>) -> impl IntoView {
    let session = Session::get();
    let row = Memo::new(move |_| rows.with(|rows| rows.iter().find(|row| row.id == id).cloned()));
    let own = move || row.with(|row| row.as_ref().is_some_and(|row| row.own));
    let position = move || row.with(|row| row.as_ref().map_or(0, |row| row.position));
    let kind = move || {
        row.with(|row| {
            row.as_ref()
                .map_or(RequestKind::Intervention, |row| row.kind)
        })
    };
    let can_claim = move || row.with(|row| row.as_ref().is_some_and(|row| row.can_claim));
    let speaker = move || {
        row.with(|row| {
            row.as_ref()
                .map(|row| row.speaker.clone())
                .unwrap_or_default()
        })
    };
    let wait = move || {
        let now = session.server_now();
        session
            .with(|meeting, _| meeting.wait_ms(id, now))
            .flatten()
            .map(i18n::estimated_wait)
    };
    // Both buttons leave with the request (or the claim): the focus goes to the hand.
    // The viewer's own request has no button here: the hand ("Lower hand", in the hand
    // bar, always in view) withdraws it.
    let withdraw = move |_| {
        connection::send(Command::LowerHand { request: Some(id) });
        focus("#raise-hand");
    };
    let claim = move |_| {
        connection::send(Command::ClaimRequest { request: id });
        focus("#raise-hand");
    };
    view! {
        <li data-request-id=id.to_string() data-position=move || position().to_string() class:next=move || position() == 1>
            <span class="badge kind">{move || i18n::request_kind(kind())}</span>
            {move || {
                if own() {
                    view! {
                        <p class="my-position">
                            {move || i18n::queue_position(position())}
                        </p>
                        <p class="details wait" data-stale=stale(session)>{wait} <NotCurrent/></p>
                    }
                    .into_any()
                } else {
                    view! {
                        <p class="delegation-position">
                            {move || i18n::delegation_position(position(), &speaker())}
                        </p>
                        <p class="details wait">{wait}</p>
                    }
                    .into_any()
                }
            }}
            <span class="entry-actions">
                <Show when=can_claim>
                    <button
                        class="claim-request small primary"
                        aria-label=move || i18n::claim_label(&speaker())
                        on:click=claim
                    >
                        {i18n::text(Key::ClaimRequest)}
                    </button>
                </Show>
                <Show when=move || !own()>
                    <button
                        class="withdraw-request small"
                        aria-label=move || i18n::withdraw_label(kind())
                        on:click=withdraw
                    >
                        {i18n::text(Key::Withdraw)}
                    </button>
                </Show>
            </span>
        </li>
    }
}

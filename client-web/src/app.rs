//! The page. One layout for every role; the controls a role may use are shown to it.

use crate::connection;
use crate::session::Session;
use crate::text;
use leptos::ev;
use leptos::prelude::*;
use protocol::{Command, ItemId, MeetingState, Participant, ParticipantId, Role};

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let session = Session::new();
    provide_context(session);
    connection::start(session);
    // "H" raises or lowers the hand, unless the focus is in a text field.
    let _shortcut = window_event_listener(ev::keydown, move |event| {
        let typing = event
            .target()
            .and_then(|target| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(target).ok())
            .is_some_and(|element| {
                matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            });
        if !typing
            && !event.ctrl_key()
            && !event.meta_key()
            && !event.alt_key()
            && event.key().eq_ignore_ascii_case("h")
        {
            toggle_hand(session);
        }
    });

    view! {
        <Header/>
        <p id="problem" role="status" class="problem">{move || session.problem.get()}</p>
        <div id="announcer" class="visually-hidden" aria-live="polite" aria-atomic="true">
            {move || session.announcement.get()}
        </div>
        <Show when=move || session.meeting.with(Option::is_some)>
            <main class="layout">
                <Agenda/>
                <Floor/>
                <Speakers/>
                <Channels/>
            </main>
        </Show>
    }
}

fn session() -> Session {
    expect_context::<Session>()
}

fn my_role(session: Session) -> Option<Role> {
    session.you.with(|you| you.as_ref().map(|you| you.role))
}

fn is_chair(session: Session) -> bool {
    my_role(session).is_some_and(Role::moderates)
}

fn my_id(session: Session) -> Option<ParticipantId> {
    session
        .you
        .with(|you| you.as_ref().map(|you| you.id.clone()))
}

/// Reads the meeting (which the views below only show once it exists).
fn with_meeting<R: Default>(session: Session, f: impl FnOnce(&MeetingState) -> R) -> R {
    session
        .meeting
        .with(|meeting| meeting.as_ref().map(f).unwrap_or_default())
}

fn toggle_hand(session: Session) {
    let Some(me) = my_id(session) else { return };
    if !matches!(my_role(session), Some(Role::Attendee | Role::Organiser)) {
        return;
    }
    let raised = with_meeting(session, |meeting| meeting.queue_position(&me).is_some());
    connection::send(if raised {
        Command::LowerHand { participant: None }
    } else {
        Command::RaiseHand
    });
}

#[component]
fn Header() -> impl IntoView {
    let session = session();
    let title = move || {
        with_meeting(session, |meeting| {
            let language = &meeting.info.default_language;
            meeting.info.title.get(language, language).to_owned()
        })
    };
    let you = move || {
        session.you.with(|you| {
            you.as_ref().map(|you: &Participant| {
                let delegation = you
                    .delegation
                    .as_deref()
                    .map(|d| format!(" · {d}"))
                    .unwrap_or_default();
                format!("{} · {}{}", you.name, text::role(you.role), delegation)
            })
        })
    };
    view! {
        <header class="top">
            <h1 id="meeting-title">{title}</h1>
            <p id="you">{you}</p>
            <p
                id="connection-status"
                data-state=move || session.status.get().as_str()
                class=move || format!("status {}", session.status.get().as_str())
            >
                {move || session.status.get().label()}
            </p>
        </header>
    }
}

#[component]
fn Agenda() -> impl IntoView {
    let session = session();
    let chair = move || is_chair(session);
    let current_id = move || {
        with_meeting(session, |m| {
            m.current_item
                .as_ref()
                .map(|i| i.to_string())
                .unwrap_or_default()
        })
    };
    let current_title = move || {
        with_meeting(session, |meeting| {
            let language = &meeting.info.default_language;
            meeting
                .current_agenda_item()
                .map(|item| item.title.get(language, language).to_owned())
                .unwrap_or_else(|| text::NOT_STARTED.to_owned())
        })
    };
    let questions = move || {
        with_meeting(session, |meeting| {
            let language = &meeting.info.default_language;
            meeting
                .current_agenda_item()
                .map(|item| {
                    item.questions
                        .iter()
                        .map(|q| q.get(language, language).to_owned())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let items = move || {
        with_meeting(session, |meeting| {
            let language = &meeting.info.default_language;
            meeting
                .agenda
                .iter()
                .map(|item| {
                    (
                        item.id.clone(),
                        item.title.get(language, language).to_owned(),
                        item.presenter.clone(),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card agenda" aria-labelledby="agenda-heading">
            <h2 id="agenda-heading">{text::AGENDA}</h2>
            <div id="current-item" data-item-id=current_id>
                <p class="current-title">{current_title}</p>
                <Show when=move || !questions().is_empty()>
                    <h3>{text::GUIDING_QUESTIONS}</h3>
                    <ol class="questions">
                        {move || questions().into_iter().map(|q| view! { <li>{q}</li> }).collect_view()}
                    </ol>
                </Show>
            </div>
            <Show when=chair>
                <div class="controls">
                    <button id="previous-item" on:click=|_| connection::send(Command::PreviousItem)>{text::PREVIOUS_ITEM}</button>
                    <button id="next-item" on:click=|_| connection::send(Command::NextItem)>{text::NEXT_ITEM}</button>
                </div>
            </Show>
            <ol id="agenda">
                <For each=items key=|(id, title, _)| (id.clone(), title.clone()) let:item>
                    {
                        let (id, title, presenter) = item;
                        let item_id = id.to_string();
                        let is_current = {
                            let id = id.clone();
                            move || with_meeting(session, |m| m.current_item.as_ref() == Some(&id))
                        };
                        let go_to = {
                            let id: ItemId = id.clone();
                            move |_| connection::send(Command::SetCurrentItem { item: id.clone() })
                        };
                        view! {
                            <li data-item-id=item_id aria-current=move || is_current().then_some("step")>
                                <span class="item-title">{title}</span>
                                {presenter.map(|p| view! { <span class="presenter">{p}</span> })}
                                <Show when=chair>
                                    <button class="go-to" on:click=go_to.clone()>{text::GO_TO}</button>
                                </Show>
                            </li>
                        }
                    }
                </For>
            </ol>
        </section>
    }
}

#[component]
fn Floor() -> impl IntoView {
    let session = session();
    let chair = move || is_chair(session);
    let speaker = move || with_meeting(session, |m| m.floor.clone());
    let speaker_id = move || {
        speaker()
            .map(|s| s.participant.to_string())
            .unwrap_or_default()
    };
    let speaker_text = move || {
        speaker()
            .map(|s| match s.delegation {
                Some(delegation) if delegation != s.name => format!("{} ({delegation})", s.name),
                _ => s.name,
            })
            .unwrap_or_else(|| text::NOBODY_HAS_FLOOR.to_owned())
    };
    let mine = move || {
        speaker()
            .zip(my_id(session))
            .is_some_and(|(s, me)| s.participant == me)
    };
    view! {
        <section class="card floor" aria-labelledby="floor-heading">
            <h2 id="floor-heading">{text::FLOOR}</h2>
            <p id="floor" data-participant-id=speaker_id class="speaker">{speaker_text}</p>
            <Show when=mine>
                <p id="my-floor-status" class="my-floor">{text::YOU_HAVE_FLOOR}</p>
            </Show>
            <Show when=chair>
                <div class="controls">
                    <button id="give-floor-next" on:click=|_| connection::send(Command::GiveFloor { participant: None })>
                        {text::GIVE_FLOOR_NEXT}
                    </button>
                    <button id="end-floor" on:click=|_| connection::send(Command::EndFloor)>{text::END_SPEECH}</button>
                </div>
            </Show>
        </section>
    }
}

#[component]
fn Speakers() -> impl IntoView {
    let session = session();
    let chair = move || is_chair(session);
    let can_raise = move || matches!(my_role(session), Some(Role::Attendee | Role::Organiser));
    let my_position =
        move || my_id(session).and_then(|me| with_meeting(session, |m| m.queue_position(&me)));
    let raised = move || my_position().is_some();
    let entries = move || {
        with_meeting(session, |meeting| {
            meeting
                .queue
                .iter()
                .map(|request| {
                    (
                        request.participant.clone(),
                        request.name.clone(),
                        request.delegation.clone(),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card speakers" aria-labelledby="speakers-heading">
            <h2 id="speakers-heading">{text::SPEAKERS}</h2>
            <Show when=can_raise>
                <div class="controls">
                    <button
                        id="raise-hand"
                        class="primary"
                        aria-pressed=move || if raised() { "true" } else { "false" }
                        aria-keyshortcuts="h"
                        on:click=move |_| toggle_hand(session)
                    >
                        {move || if raised() { text::LOWER_HAND } else { text::RAISE_HAND }}
                    </button>
                    <span class="shortcut">{text::SHORTCUT_HAND}</span>
                </div>
                {move || my_position().map(|p| view! { <p id="my-position" class="my-position">{text::position(p + 1)}</p> })}
            </Show>
            <Show when=move || !entries().is_empty() fallback=|| view! { <p class="empty">{text::QUEUE_EMPTY}</p> }>
                <ol id="queue">
                    <For each=entries key=|(id, _, _)| id.clone() let:entry>
                        {
                            let (id, name, delegation) = entry;
                            let label = match delegation {
                                Some(delegation) if delegation != name => format!("{name} ({delegation})"),
                                _ => name,
                            };
                            let give = {
                                let id = id.clone();
                                move |_| connection::send(Command::GiveFloor { participant: Some(id.clone()) })
                            };
                            let remove = {
                                let id = id.clone();
                                move |_| connection::send(Command::LowerHand { participant: Some(id.clone()) })
                            };
                            view! {
                                <li data-participant-id=id.to_string()>
                                    <span class="name">{label}</span>
                                    <Show when=chair>
                                        <button class="give-floor" on:click=give.clone()>{text::GIVE_FLOOR}</button>
                                        <button class="remove" on:click=remove.clone()>{text::REMOVE}</button>
                                    </Show>
                                </li>
                            }
                        }
                    </For>
                </ol>
            </Show>
        </section>
    }
    .into_any()
}

#[component]
fn Channels() -> impl IntoView {
    let session = session();
    let channels = move || {
        with_meeting(session, |meeting| {
            meeting
                .channels
                .iter()
                .map(|c| {
                    (
                        c.id.clone(),
                        text::channel(&c.kind),
                        c.on_air.as_ref().map(|o| o.name.clone()),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let booth = move || {
        session
            .you
            .with(|you| you.as_ref().and_then(|you| you.booth.clone()))
    };
    let on_air_by_me = move || {
        let Some(booth) = booth() else { return false };
        let Some(me) = my_id(session) else {
            return false;
        };
        with_meeting(session, |meeting| {
            meeting
                .channel(&booth)
                .and_then(|channel| channel.on_air.as_ref())
                .is_some_and(|on_air| on_air.participant == me)
        })
    };
    let toggle = move |_| {
        if let Some(channel) = booth() {
            connection::send(Command::SetOnAir {
                channel,
                on_air: !on_air_by_me(),
            });
        }
    };
    view! {
        <section class="card channels" aria-labelledby="channels-heading">
            <h2 id="channels-heading">{text::CHANNELS}</h2>
            <Show when=move || booth().is_some()>
                <div class="controls booth">
                    <span>{text::YOUR_BOOTH}": "{move || with_meeting(session, |m| booth().and_then(|b| m.channel(&b).map(|c| text::channel(&c.kind))).unwrap_or_default())}</span>
                    <button
                        id="on-air-toggle"
                        class="primary"
                        aria-pressed=move || if on_air_by_me() { "true" } else { "false" }
                        on:click=toggle
                    >
                        {move || if on_air_by_me() { text::GO_OFF_AIR } else { text::GO_ON_AIR }}
                    </button>
                </div>
            </Show>
            <ul id="channels">
                <For each=channels key=|c| c.clone() let:channel>
                    {
                        let (id, label, on_air) = channel;
                        let live = on_air.is_some();
                        view! {
                            <li data-channel-id=id.to_string() data-state=if live { "live" } else { "standby" } class:live=live>
                                <span class="channel-name">{label}</span>
                                <span class="channel-state">
                                    {if live { text::LIVE } else { text::STANDBY }}
                                    {on_air.map(|name| format!(" · {name}"))}
                                </span>
                            </li>
                        }
                    }
                </For>
            </ul>
        </section>
    }
}

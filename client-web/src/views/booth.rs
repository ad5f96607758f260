//! The console of an interpreter, sign-language interpreter or captioner: their channel's
//! state, on air and off air, pause, the bi-active booth's retour, the relay input, the
//! handover with its countdown, and the booth's briefing (its task, who takes relay from
//! it, its audience, the next speaker's language).

use super::{aria_disabled, aria_pressed};
use crate::connection;
use crate::console::{self, Console, HandoverAction};
use crate::i18n::{self, Key};
use crate::model::{self, Booth as BoothState};
use crate::session::Session;
use leptos::html;
use leptos::prelude::*;
use protocol::ChannelId;

/// The viewer's booth and its controls. Buttons are rendered once and only their
/// attributes and text change, so that they keep the keyboard focus.
#[component]
pub fn Booth() -> impl IntoView {
    let session = Session::get();
    let console = Memo::new(move |_| {
        session
            .with(|meeting, you| Console::of(&meeting.state, you))
            .flatten()
    });
    let closed = Memo::new(move |_| session.closed());
    let on_air = move || console.with(|console| console.as_ref().is_some_and(Console::mine));
    let other_on_air = move || {
        console.with(|console| {
            console
                .as_ref()
                .is_some_and(|console| matches!(console.state, BoothState::OnAirByOther(_)))
        })
    };
    let heading = move || {
        console
            .with(|console| {
                console
                    .as_ref()
                    .map(|console| i18n::your_booth(&i18n::channel(&console.kind)))
            })
            .unwrap_or_default()
    };
    let state = move || {
        console.with(|console| match console.as_ref() {
            Some(console) if console.mine() && console.paused => {
                i18n::text(Key::BoothPaused).to_owned()
            }
            Some(console) => match &console.state {
                BoothState::OnAirByMe => i18n::text(Key::YouAreOnAir).to_owned(),
                BoothState::OnAirByOther(name) => i18n::other_on_air(name),
                BoothState::OffAir => i18n::text(Key::BoothOffAir).to_owned(),
            },
            None => i18n::text(Key::BoothOffAir).to_owned(),
        })
    };
    let toggle = move |_| {
        if other_on_air() {
            return;
        }
        if let Some(command) = session
            .with_untracked(|meeting, you| model::on_air_command(&meeting.state, you))
            .flatten()
        {
            connection::send(command);
        }
    };
    let send_from = move |command: fn(&Console) -> Option<protocol::Command>| {
        if let Some(command) = console.with_untracked(|console| console.as_ref().and_then(command))
        {
            connection::send(command);
        }
    };
    view! {
        <Show when=move || console.with(Option::is_some)>
            <section
                class="card booth"
                class:on-air=on_air
                class:paused=move || console.with(|c| c.as_ref().is_some_and(|c| c.mine() && c.paused))
                aria-labelledby="booth-heading"
            >
                <h2 id="booth-heading">{heading}</h2>
                <p class="booth-state">{state}</p>
                <Briefing/>
                <Show when=move || !closed.get()>
                    <div class="controls booth-controls">
                        <button
                            id="on-air-toggle"
                            class="primary big"
                            aria-pressed=move || aria_pressed(on_air())
                            aria-disabled=move || aria_disabled(other_on_air())
                            on:click=toggle
                        >
                            <span class="on-air-light" aria-hidden="true"></span>
                            {move || i18n::text(if on_air() { Key::GoOffAir } else { Key::GoOnAir })}
                        </button>
                        <button
                            id="booth-pause"
                            class="big"
                            aria-pressed=move || {
                                aria_pressed(console.with(|c| c.as_ref().is_some_and(|c| c.mine() && c.paused)))
                            }
                            aria-disabled=move || aria_disabled(!on_air())
                            on:click=move |_| send_from(Console::pause_command)
                        >
                            {move || {
                                let paused = console.with(|c| c.as_ref().is_some_and(|c| c.mine() && c.paused));
                                i18n::text(if paused { Key::ResumeChannel } else { Key::PauseChannel })
                            }}
                        </button>
                        <HandoverButton console/>
                    </div>
                    <Countdown console/>
                    <Retour console/>
                    <Relay console/>
                </Show>
            </section>
        </Show>
    }
}

/// Request, cancel, accept or take over: one button whose purpose (and id) follows the
/// booth's state, absent while nobody is on air.
#[component]
fn HandoverButton(console: Memo<Option<Console>>) -> impl IntoView {
    let action = Memo::new(move |_| {
        console.with(|console| console.as_ref().and_then(Console::handover_action))
    });
    view! {
        <Show when=move || action.with(Option::is_some)>
            <button
                id=move || match action.get() {
                    Some(HandoverAction::Request) => "request-handover",
                    Some(HandoverAction::Cancel) => "cancel-handover",
                    Some(HandoverAction::Accept | HandoverAction::TakeOver) | None => "take-over",
                }
                class="big"
                class:primary=move || action.get() == Some(HandoverAction::Accept)
                on:click=move |_| {
                    if let Some(command) = console.with_untracked(|c| c.as_ref().and_then(Console::handover_command)) {
                        connection::send(command);
                    }
                }
            >
                {move || {
                    i18n::text(match action.get() {
                        Some(HandoverAction::Request) => Key::RequestHandover,
                        Some(HandoverAction::Cancel) => Key::CancelHandover,
                        Some(HandoverAction::Accept) => Key::AcceptHandover,
                        Some(HandoverAction::TakeOver) | None => Key::TakeOver,
                    })
                }}
            </button>
        </Show>
    }
}

/// The handover's countdown, in server time, while one is asked for.
#[component]
fn Countdown(console: Memo<Option<Console>>) -> impl IntoView {
    let session = Session::get();
    let countdown = Memo::new(move |_| {
        let now = session.server_now();
        console.with(|console| console.as_ref().and_then(|console| console.countdown(now)))
    });
    view! {
        <Show when=move || countdown.with(Option::is_some)>
            <p
                id="handover-countdown"
                class="countdown"
                role="timer"
                data-remaining-ms=move || countdown.with(|c| c.as_ref().map(|(_, ms)| ms.to_string()))
            >
                {move || countdown.with(|c| c.as_ref().map(|(text, _)| text.clone()))}
            </p>
        </Show>
    }
}

/// A bi-active booth's switch between its own language and its retour.
#[component]
fn Retour(console: Memo<Option<Console>>) -> impl IntoView {
    let retour = Memo::new(move |_| {
        console.with(|console| console.as_ref().and_then(|console| console.retour.clone()))
    });
    let into_retour = move || console.with(|c| c.as_ref().is_some_and(|c| c.into_retour));
    view! {
        <Show when=move || retour.with(Option::is_some)>
            <p class="field-row">
                <button
                    id="booth-working-into"
                    role="switch"
                    aria-checked=move || aria_pressed(into_retour())
                    on:click=move |_| {
                        if let Some(command) = console.with_untracked(|c| c.as_ref().and_then(Console::working_into_command)) {
                            connection::send(command);
                        }
                    }
                >
                    <span class="switch-mark" aria-hidden="true"></span>
                    {move || retour.get().map(|retour| i18n::working_into_retour(&retour))}
                </button>
            </p>
        </Show>
    }
}

/// The relay input of an interpretation booth: the floor or another booth.
#[component]
fn Relay(console: Memo<Option<Console>>) -> impl IntoView {
    let interprets =
        Memo::new(move |_| console.with(|c| c.as_ref().is_some_and(Console::interprets)));
    let current =
        Memo::new(move |_| console.with(|c| c.as_ref().and_then(|c| c.relay_from.clone())));
    let pivots = Memo::new(move |_| {
        console.with(|c| c.as_ref().map(|c| c.pivots.clone()).unwrap_or_default())
    });
    let picker = NodeRef::<html::Select>::new();
    let apply = move |_| {
        let Some(value) = picker.get_untracked().map(|select| select.value()) else {
            return;
        };
        let from = (!value.is_empty()).then(|| ChannelId::new(value));
        if let Some(command) =
            console.with_untracked(|c| c.as_ref().and_then(|c| c.relay_command(from)))
        {
            connection::send(command);
        }
    };
    view! {
        <Show when=move || interprets.get()>
            <p class="field-row">
                <label for="booth-relay">{i18n::text(Key::RelayLabel)}</label>
                <select id="booth-relay" node_ref=picker>
                    {move || {
                        let chosen = current.get();
                        let floor = view! {
                            <option value="" selected=chosen.is_none()>{i18n::text(Key::RelayFloor)}</option>
                        };
                        let booths = pivots
                            .get()
                            .into_iter()
                            .map(|pivot| {
                                let selected = chosen.as_ref() == Some(&pivot);
                                view! { <option value=pivot.to_string() selected=selected>{i18n::booth(&pivot)}</option> }
                            })
                            .collect_view();
                        view! { {floor} {booths} }
                    }}
                </select>
                <button id="set-relay" type="button" on:click=apply>{i18n::text(Key::Apply)}</button>
            </p>
        </Show>
    }
}

/// What the booth should know: its task while the floor speaks a language, who takes
/// relay from it, how many listen, and who speaks next in which language.
#[component]
fn Briefing() -> impl IntoView {
    let session = Session::get();
    let task = Memo::new(move |_| {
        session
            .with(|meeting, you| {
                let booth = you.booth.clone()?;
                let state = &meeting.state;
                let known = session
                    .task
                    .get()
                    .filter(|(floor, _)| state.floor_language.as_ref() == Some(floor))
                    .or_else(|| console::planned_task(state, &booth))?;
                Some(console::task_text(state, &booth, &known.0, &known.1))
            })
            .flatten()
    });
    let relying = Memo::new(move |_| {
        session
            .relying
            .with(|relying| (!relying.is_empty()).then(|| i18n::relying(relying)))
    });
    let audience = Memo::new(move |_| {
        session
            .you
            .with(|you| you.as_ref().and_then(|you| you.booth.clone()))
            .map(|booth| i18n::audience(session.presence.with(|p| p.listeners(&booth))))
    });
    let next = Memo::new(move |_| {
        session
            .with_meeting(console::coming_next)
            .flatten()
            .unwrap_or_else(|| i18n::queue_length(0))
    });
    view! {
        <div class="briefing">
            <Show when=move || task.with(Option::is_some)>
                <p id="booth-task" class="task">{move || task.get()}</p>
            </Show>
            <Show when=move || relying.with(Option::is_some)>
                <p id="booth-pivot" class="task">{move || relying.get()}</p>
            </Show>
            <p id="booth-audience" class="audience">{move || audience.get()}</p>
            <h3 id="coming-next-heading">{i18n::text(Key::ComingNextHeading)}</h3>
            <p id="coming-next">{move || next.get()}</p>
        </div>
    }
}

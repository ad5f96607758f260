//! Who has the floor, in which language, and the speaking-time countdown everyone sees;
//! the chair gives, ends and pauses the floor from here, and can give it to someone who
//! is not in the list.

use super::banners::{NotCurrent, stale};
use super::{aria_disabled, focus, is_chair};
use crate::connection;
use crate::i18n::{self, Key};
use crate::model;
use crate::session::Session;
use crate::speakers;
use crate::timing::FloorTimer;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use protocol::{Command, LanguageCode, RequestKind};

/// The speaker, their countdown, "You have the floor", and the chair's controls.
#[component]
pub fn Floor() -> impl IntoView {
    let session = Session::get();
    let chair = is_chair(session);
    let speaker = Memo::new(move |_| {
        session
            .with_meeting(|meeting| meeting.floor.clone())
            .flatten()
    });
    let speaking = move || speaker.with(Option::is_some);
    let mine = Memo::new(move |_| {
        session
            .with(|meeting, you| model::has_floor(&meeting.state, you))
            .unwrap_or(false)
    });
    let speaker_id = move || {
        speaker.with(|speaker| {
            speaker
                .as_ref()
                .map(|speaker| speaker.participant.to_string())
                .unwrap_or_default()
        })
    };
    let name = move || {
        speaker.with(|speaker| match speaker {
            Some(speaker) => {
                i18n::name_with_delegation(&speaker.name, speaker.delegation.as_deref())
            }
            None => i18n::text(Key::NobodyHasFloor).to_owned(),
        })
    };
    let details = move || {
        speaker.with(|speaker| {
            let speaker = speaker.as_ref()?;
            let mut parts = Vec::new();
            if speaker.kind != RequestKind::Intervention {
                parts.push(i18n::request_kind(speaker.kind).to_owned());
            }
            if let Some(language) = &speaker.language {
                parts.push(i18n::speaks_in(language));
            }
            (!parts.is_empty()).then(|| i18n::details(&parts))
        })
    };
    // Recomputed every second (the session's clock ticks), and only this.
    let timer = Memo::new(move |_| {
        let now = session.server_now();
        speaker.with(|speaker| speaker.as_ref().map(|speaker| FloorTimer::of(speaker, now)))
    });
    let overrun = move || timer.with(|timer| timer.is_some_and(|timer| timer.overrun()));
    let paused = move || timer.with(|timer| timer.is_some_and(|timer| timer.paused));
    view! {
        <section
            class="card floor"
            class:mine=move || mine.get()
            class:overrun=overrun
            aria-labelledby="floor-heading"
        >
            <h2 id="floor-heading">{i18n::text(Key::Floor)}</h2>
            <p id="floor" class="speaker" data-participant-id=speaker_id><bdi>{name}</bdi></p>
            <p class="details speaker-details">{details}</p>
            <Show when=speaking>
                <p class="timer-line">
                    <span
                        id="floor-timer"
                        class="timer"
                        role="timer"
                        data-stale=stale(session)
                        data-state=move || timer.with(|timer| timer.map(|timer| timer.state()))
                        data-spoken-ms=move || timer.with(|timer| timer.map(|timer| timer.spoken_ms.to_string()))
                        data-remaining-ms=move || {
                            timer.with(|timer| timer.and_then(|timer| timer.remaining_ms).map(|ms| ms.to_string()))
                        }
                    >
                        {move || timer.with(|timer| timer.map(|timer| timer.text()))}
                    </span>
                    <NotCurrent/>
                    <Show when=paused>
                        <span id="floor-paused" class="badge paused">{i18n::text(Key::TimerPaused)}</span>
                    </Show>
                </p>
            </Show>
            <Show when=move || mine.get()>
                <p id="my-floor-status" class="my-floor" data-stale=stale(session)>
                    {i18n::text(Key::YouHaveFloor)}
                    <NotCurrent/>
                </p>
            </Show>
            <Show when=move || chair.get()>
                <FloorControls/>
            </Show>
        </section>
    }
}

/// The chair's floor buttons and the form to give the floor to someone not in the list.
#[component]
fn FloorControls() -> impl IntoView {
    let session = Session::get();
    let state = Memo::new(move |_| {
        session
            .with_meeting(speakers::chair_state)
            .unwrap_or_default()
    });
    let queue_empty = move || state.with(|state| state.waiting == 0);
    let speaking = move || state.with(|state| state.speaking);
    let paused = move || state.with(|state| state.paused);
    view! {
        <div class="controls" role="group" aria-label=i18n::text(Key::ChairControls)>
            <button
                id="give-floor-next"
                class="primary"
                aria-disabled=move || aria_disabled(queue_empty())
                on:click=move |_| {
                    if !queue_empty() {
                        connection::send(Command::give_floor_next());
                    }
                }
            >
                {i18n::text(Key::GiveFloorNext)}
            </button>
            <button
                id="end-floor"
                aria-disabled=move || aria_disabled(!speaking())
                on:click=move |_| {
                    if speaking() {
                        connection::send(Command::EndFloor);
                    }
                }
            >
                {i18n::text(Key::EndSpeech)}
            </button>
            <button
                id="pause-floor"
                aria-disabled=move || aria_disabled(!speaking() || paused())
                on:click=move |_| {
                    if speaking() && !paused() {
                        connection::send(Command::PauseFloor);
                        focus("#resume-floor");
                    }
                }
            >
                {i18n::text(Key::PauseTimer)}
            </button>
            <button
                id="resume-floor"
                aria-disabled=move || aria_disabled(!paused())
                on:click=move |_| {
                    if paused() {
                        connection::send(Command::ResumeFloor);
                        focus("#pause-floor");
                    }
                }
            >
                {i18n::text(Key::ResumeTimer)}
            </button>
        </div>
        <GiveFloorOther/>
    }
}

/// "Give the floor to someone not in the list": a name, an optional delegation and the
/// language they will speak.
#[component]
fn GiveFloorOther() -> impl IntoView {
    let session = Session::get();
    // Kept when the page is drawn again in another language.
    let (open, name, delegation, language, error) = super::unsent("give-floor-other", || {
        (
            RwSignal::new(false),
            RwSignal::new(String::new()),
            RwSignal::new(String::new()),
            RwSignal::new(None::<LanguageCode>),
            RwSignal::new(None::<Key>),
        )
    });
    let languages = Memo::new(move |_| {
        session
            .with_meeting(speakers::language_options)
            .unwrap_or_default()
    });
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        match speakers::give_floor_to_other(
            &name.get_untracked(),
            &delegation.get_untracked(),
            language.get_untracked(),
        ) {
            Ok(command) => {
                connection::send(command);
                error.set(None);
                name.set(String::new());
                delegation.set(String::new());
            }
            Err(key) => {
                error.set(Some(key));
                focus("#other-name");
            }
        }
    };
    view! {
        <details
            id="give-floor-other-section"
            class="give-floor-other"
            prop:open=move || open.get()
            on:toggle=move |event| open.set(super::details_open(&event))
        >
            <summary>{i18n::text(Key::GiveFloorOther)}</summary>
            <form id="give-floor-other" class="form" on:submit=submit novalidate>
                <div class="field">
                    <label for="other-name">{i18n::text(Key::OtherName)}</label>
                    <input
                        id="other-name"
                        type="text"
                        autocomplete="off"
                        dir="auto"
                        aria-invalid=move || error.get().map(|_| "true")
                        aria-describedby="other-name-error"
                        prop:value=move || name.get()
                        on:input=move |event| name.set(event_target_value(&event))
                    />
                </div>
                <div class="field">
                    <label for="other-delegation">{i18n::text(Key::OtherDelegation)}</label>
                    <input
                        id="other-delegation"
                        type="text"
                        autocomplete="off"
                        dir="auto"
                        prop:value=move || delegation.get()
                        on:input=move |event| delegation.set(event_target_value(&event))
                    />
                </div>
                <div class="field">
                    <label for="other-language">{i18n::text(Key::OtherLanguage)}</label>
                    <select
                        id="other-language"
                        on:change=move |event| {
                            let value = event_target_value(&event);
                            language.set((!value.is_empty()).then(|| LanguageCode::new(value)));
                        }
                    >
                        <option value="" selected=move || language.with(Option::is_none)>
                            {i18n::text(Key::LanguageNotStated)}
                        </option>
                        {move || {
                            languages
                                .get()
                                .into_iter()
                                .map(|(code, label)| {
                                    let selected = {
                                        let code = code.clone();
                                        move || language.with(|language| language.as_ref() == Some(&code))
                                    };
                                    view! {
                                        <option value=code.to_string() selected=selected>{label}</option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <p id="other-name-error" class="field-error" role="alert">
                    {move || error.get().map(i18n::text)}
                </p>
                <div class="controls">
                    <button id="give-floor-other-submit" type="submit" class="primary">
                        {i18n::text(Key::GiveFloor)}
                    </button>
                </div>
            </form>
        </details>
    }
}

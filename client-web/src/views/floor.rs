//! Who has the floor and for how long; the chair gives and ends it from here.

use super::{aria_disabled, is_chair};
use crate::connection;
use crate::i18n::{self, Key};
use crate::model;
use crate::session::Session;
use leptos::prelude::*;
use protocol::{Command, ParticipantId};

/// The speaker, the speaking time, "You have the floor", and the chair's controls.
#[component]
pub fn Floor() -> impl IntoView {
    let session = Session::get();
    let chair = is_chair(session);
    let speaker = Memo::new(move |_| {
        session
            .with_meeting(|meeting| {
                meeting.floor.as_ref().map(|speaker| {
                    (
                        speaker.participant.clone(),
                        i18n::name_with_delegation(&speaker.name, speaker.delegation.as_deref()),
                        speaker.since,
                    )
                })
            })
            .flatten()
    });
    let mine = Memo::new(move |_| session.with(model::has_floor).unwrap_or(false));
    let queue_empty = Memo::new(move |_| {
        session
            .with_meeting(|meeting| meeting.queue.is_empty())
            .unwrap_or(true)
    });
    let speaker_id = move || {
        speaker
            .get()
            .map(|(id, _, _): (ParticipantId, _, _)| id.to_string())
            .unwrap_or_default()
    };
    let speaking_for = move || {
        let (_, _, since) = speaker.get()?;
        let seconds = ((session.server_now() - since as f64) / 1000.0).max(0.0) as u64;
        Some(i18n::speaking_for(seconds))
    };
    view! {
        <section class="card floor" class:mine=move || mine.get() aria-labelledby="floor-heading">
            <h2 id="floor-heading">{i18n::text(Key::Floor)}</h2>
            <p id="floor" class="speaker" data-participant-id=speaker_id>
                {move || speaker
                    .get()
                    .map(|(_, name, _)| name)
                    .unwrap_or_else(|| i18n::text(Key::NobodyHasFloor).to_owned())}
            </p>
            <p class="details speaking-time">{speaking_for}</p>
            <Show when=move || mine.get()>
                <p id="my-floor-status" class="my-floor">{i18n::text(Key::YouHaveFloor)}</p>
            </Show>
            <Show when=move || chair.get()>
                <div class="controls" role="group" aria-label=i18n::text(Key::ChairControls)>
                    <button
                        id="give-floor-next"
                        class="primary"
                        aria-disabled=move || aria_disabled(queue_empty.get())
                        on:click=move |_| {
                            if !queue_empty.get_untracked() {
                                connection::send(Command::GiveFloor { participant: None });
                            }
                        }
                    >
                        {i18n::text(Key::GiveFloorNext)}
                    </button>
                    <button
                        id="end-floor"
                        aria-disabled=move || aria_disabled(speaker.get().is_none())
                        on:click=move |_| {
                            if speaker.get_untracked().is_some() {
                                connection::send(Command::EndFloor);
                            }
                        }
                    >
                        {i18n::text(Key::EndSpeech)}
                    </button>
                </div>
            </Show>
        </section>
    }
}

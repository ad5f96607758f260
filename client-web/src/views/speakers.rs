//! The list of speakers: the viewer's raise-hand button and place in it, every request in
//! order, and the chair's buttons on each.

use super::{aria_disabled, aria_pressed, is_chair};
use crate::app::toggle_hand;
use crate::connection;
use crate::i18n::{self, Key};
use crate::model;
use crate::session::Session;
use leptos::prelude::*;
use protocol::{Command, ParticipantId};

/// The raise-hand toggle, the viewer's position, and the queue.
#[component]
pub fn Speakers() -> impl IntoView {
    let session = Session::get();
    let chair = is_chair(session);
    let can_raise = Memo::new(move |_| {
        session.you.with(|you| {
            you.as_ref()
                .is_some_and(|you| model::can_raise_hand(you.role))
        })
    });
    let position = Memo::new(move |_| session.with(model::my_position).flatten());
    let raised = move || position.get().is_some();
    let me = Memo::new(move |_| {
        session
            .you
            .with(|you| you.as_ref().map(|you| you.id.clone()))
    });
    // The server refuses a raised hand from the speaker.
    let speaking = Memo::new(move |_| session.with(model::has_floor).unwrap_or(false));
    let entries = Memo::new(move |_| {
        session
            .with_meeting(|meeting| {
                meeting
                    .queue
                    .iter()
                    .map(|request| {
                        (
                            request.participant.clone(),
                            i18n::name_with_delegation(
                                &request.name,
                                request.delegation.as_deref(),
                            ),
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    view! {
        <section class="card speakers" aria-labelledby="speakers-heading">
            <h2 id="speakers-heading">{i18n::text(Key::Speakers)}</h2>
            <Show when=move || can_raise.get()>
                <div class="controls hand">
                    <button
                        id="raise-hand"
                        class="primary big"
                        aria-pressed=move || aria_pressed(raised())
                        aria-keyshortcuts="h"
                        aria-busy=move || session.hand_busy.get().then_some("true")
                        aria-disabled=move || aria_disabled(speaking.get() && !raised())
                        on:click=move |_| {
                            if !speaking.get_untracked() || raised() {
                                toggle_hand(session);
                            }
                        }
                    >
                        {move || i18n::text(if raised() { Key::LowerHand } else { Key::RaiseHand })}
                    </button>
                    <span class="shortcut" aria-hidden="true">{i18n::text(Key::ShortcutHand)}</span>
                </div>
                {move || position.get().map(|position| view! {
                    <p id="my-position" class="my-position">{i18n::queue_position(position + 1)}</p>
                })}
            </Show>
            <p class="details queue-summary">{move || i18n::queue_length(entries.with(Vec::len))}</p>
            <ol id="queue">
                <For each=move || entries.get() key=|entry| entry.clone() let:entry>
                    <QueueEntry participant=entry.0 label=entry.1 chair me/>
                </For>
            </ol>
        </section>
    }
}

/// One request in the list of speakers. Its content never changes (it is keyed by the
/// participant and their label), so a long list costs nothing when other things change.
#[component]
fn QueueEntry(
    participant: ParticipantId,
    label: String,
    chair: Memo<bool>,
    me: Memo<Option<ParticipantId>>,
) -> impl IntoView {
    let mine = me.with_untracked(|me| me.as_ref() == Some(&participant));
    let give = {
        let participant = participant.clone();
        move |_| {
            connection::send(Command::GiveFloor {
                participant: Some(participant.clone()),
            })
        }
    };
    let remove = {
        let participant = participant.clone();
        move |_| {
            connection::send(Command::LowerHand {
                participant: Some(participant.clone()),
            })
        }
    };
    let give_label = i18n::give_floor_label(&label);
    let remove_label = i18n::remove_label(&label);
    view! {
        <li data-participant-id=participant.to_string() class:me=mine>
            <span class="name">{label}</span>
            {mine.then(|| view! { <span class="badge">{i18n::text(Key::You)}</span> })}
            <Show when=move || chair.get()>
                <span class="entry-actions">
                    <button class="give-floor small primary" aria-label=give_label.clone() on:click=give.clone()>
                        {i18n::text(Key::GiveFloor)}
                    </button>
                    <button class="remove small" aria-label=remove_label.clone() on:click=remove.clone()>
                        {i18n::text(Key::Remove)}
                    </button>
                </span>
            </Show>
        </li>
    }
}

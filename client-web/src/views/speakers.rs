//! The list of speakers: how many wait, whether the list is closed, and the requests in
//! the server's order (the first few for attendees, all with every detail for the chair
//! and organisers), with the chair's buttons on each.

use super::{abilities, aria_disabled, focus, is_chair};
use crate::connection;
use crate::i18n::{self, Key};
use crate::session::Session;
use crate::speakers::{self, QueueRow};
use leptos::prelude::*;
use protocol::{Command, RequestId, RequestKind};

/// Where the keyboard focus goes once the queue has changed after a chair's action on it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FocusAfter {
    /// The request whose button gets the focus…
    request: RequestId,
    /// … and which of its buttons (a CSS class).
    button: &'static str,
}

/// The summary and the queue.
#[component]
pub fn Speakers() -> impl IntoView {
    let session = Session::get();
    let chair = is_chair(session);
    let abilities = abilities(session);
    let summary = Memo::new(move |_| {
        session
            .with_meeting(speakers::queue_summary)
            .unwrap_or_default()
    });
    let rows = Memo::new(move |_| {
        session
            .with(|meeting, you| speakers::queue_rows(&meeting.state, you))
            .unwrap_or_default()
    });
    // A moved entry's DOM node may be re-inserted, which loses the focus: give it back.
    let refocus = RwSignal::new(None::<FocusAfter>);
    Effect::new(move |_| {
        rows.track();
        if let Some(target) = refocus.get_untracked() {
            let selector = format!(
                "#queue li[data-request-id='{}'] button.{}",
                target.request, target.button
            );
            // One attempt: a refused move leaves nothing to follow.
            focus(&selector);
            refocus.set(None);
        }
    });
    let queue_label = move || {
        i18n::text(if abilities.get().full_list {
            Key::QueueLabel
        } else {
            Key::QueueNextLabel
        })
    };
    view! {
        <section class="card speakers" aria-labelledby="speakers-heading">
            <h2 id="speakers-heading" tabindex="-1">{i18n::text(Key::Speakers)}</h2>
            <p
                id="queue-length"
                class="queue-summary"
                data-length=move || summary.get().length.to_string()
            >
                {move || i18n::queue_length(summary.get().length as usize)}
            </p>
            <Show when=move || summary.get().closed>
                <p id="list-closed" class="list-state closed">{i18n::text(Key::ListIsClosed)}</p>
            </Show>
            <Show when=move || summary.get().first_time_first>
                <p id="first-time-first-note" class="list-state">
                    {i18n::text(Key::FirstTimeFirstOn)}
                </p>
            </Show>
            <ol id="queue" aria-label=queue_label>
                <For each=move || rows.get() key=|row| row.id let:row>
                    <QueueEntry id=row.id rows chair refocus/>
                </For>
            </ol>
            <Show when=move || { summary.get().more > 0 }>
                <p id="queue-more" class="details">
                    {move || i18n::queue_more(summary.get().more as usize)}
                </p>
            </Show>
        </section>
    }
}

/// One request in the list of speakers. Keyed by the request, so that its buttons keep
/// the focus while its content (position, speaker, merges) changes.
#[component]
fn QueueEntry(
    id: RequestId,
    rows: Memo<Vec<QueueRow>>,
    chair: Memo<bool>,
    refocus: RwSignal<Option<FocusAfter>>,
) -> impl IntoView {
    let row = Memo::new(move |_| rows.with(|rows| rows.iter().find(|row| row.id == id).cloned()));
    let field = move |read: fn(&QueueRow) -> String| move || row.with(|row| row.as_ref().map(read));
    let label = move || {
        row.with(|row| {
            row.as_ref()
                .map(|row| row.label.clone())
                .unwrap_or_default()
        })
    };
    let kind = move || {
        row.with(|row| {
            row.as_ref()
                .map_or(RequestKind::Intervention, |row| row.kind)
        })
    };
    let mine = move || row.with(|row| row.as_ref().is_some_and(|row| row.mine));
    let details = move || {
        row.with(|row| {
            let row = row.as_ref()?;
            let mut parts = vec![row.language.clone()];
            parts.extend(row.question.clone());
            if row.registered {
                parts.push(i18n::text(Key::Registered).to_owned());
            }
            if row.also > 0 {
                parts.push(i18n::also_asked(row.also));
            }
            Some(i18n::details(&parts))
        })
    };
    let note = move || {
        row.with(|row| {
            row.as_ref()
                .and_then(|row| row.note.as_deref().map(i18n::note_for_chair))
        })
    };
    let give = move |_| {
        connection::send(Command::GiveFloor {
            request: Some(id),
            participant: None,
            name: None,
            delegation: None,
            language: None,
        });
        focus("#end-floor");
    };
    let move_by = move |up: bool| {
        let Some(command) =
            row.with_untracked(|row| row.as_ref().and_then(|row| speakers::move_command(row, up)))
        else {
            return;
        };
        connection::send(command);
        refocus.set(Some(FocusAfter {
            request: id,
            button: if up { "move-up" } else { "move-down" },
        }));
    };
    let remove = move |_| {
        connection::send(Command::LowerHand { request: Some(id) });
        // The focus goes to the entry that takes this one's place, else the heading.
        let next = rows.with_untracked(|rows| {
            let index = rows.iter().position(|row| row.id == id)?;
            rows.get(index + 1)
                .or_else(|| index.checked_sub(1).and_then(|before| rows.get(before)))
                .map(|row| row.id)
        });
        match next {
            Some(request) => refocus.set(Some(FocusAfter {
                request,
                button: "remove-request",
            })),
            None => {
                focus("#speakers-heading");
            }
        }
    };
    let can_up = move || row.with(|row| row.as_ref().is_some_and(|row| row.can_move_up));
    let can_down = move || row.with(|row| row.as_ref().is_some_and(|row| row.can_move_down));
    view! {
        <li
            data-request-id=id.to_string()
            data-participant-id=field(|row| row.participant.to_string())
            data-kind=move || kind().as_str()
            class:me=mine
            class:point-of-order=move || kind() == RequestKind::PointOfOrder
        >
            <div class="entry-main">
                <bdi class="name">{label}</bdi>
                <Show when=move || kind() != RequestKind::Intervention>
                    <span class="badge kind">{move || i18n::request_kind(kind())}</span>
                </Show>
                <Show when=mine>
                    <span class="badge">{i18n::text(Key::You)}</span>
                </Show>
                <span class="details entry-details">{details}</span>
                {move || note().map(|note| view! { <span class="note">{note}</span> })}
            </div>
            <Show when=move || chair.get()>
                <span class="entry-actions">
                    <button
                        class="give-floor small primary"
                        aria-label=move || i18n::give_floor_label(&label())
                        on:click=give
                    >
                        {i18n::text(Key::GiveFloor)}
                    </button>
                    <button
                        class="move-up small"
                        aria-label=move || i18n::move_up_label(&label())
                        aria-disabled=move || aria_disabled(!can_up())
                        on:click=move |_| move_by(true)
                    >
                        {i18n::text(Key::MoveUp)}
                    </button>
                    <button
                        class="move-down small"
                        aria-label=move || i18n::move_down_label(&label())
                        aria-disabled=move || aria_disabled(!can_down())
                        on:click=move |_| move_by(false)
                    >
                        {i18n::text(Key::MoveDown)}
                    </button>
                    <button
                        class="remove-request small"
                        aria-label=move || i18n::remove_label(&label())
                        on:click=remove
                    >
                        {i18n::text(Key::Remove)}
                    </button>
                </span>
            </Show>
        </li>
    }
}

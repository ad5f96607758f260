//! The current item (prominent), its guiding questions, the forecast and the whole
//! agenda; the chair moves through it, marks, reorders, edits and adds items from here.

use super::banners::{NotCurrent, stale};
use super::{aria_disabled, focus, is_chair};
use crate::agenda::{
    self, DraftError, DraftField, ForecastView, ItemControls, ItemDraft, MoveTo, Shown,
};
use crate::connection;
use crate::i18n::{self, Key};
use crate::model;
use crate::session::Session;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use protocol::{AgendaItem, Command, ItemId, ItemState, LanguageCode, MeetingState, Waiting};
use wasm_bindgen::JsValue;

/// What the page shows of one agenda item. Rows are keyed by the whole view, so a row is
/// drawn again exactly when something it shows changes (the live item's clock is not in
/// it: it ticks on its own).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct ItemView {
    id: ItemId,
    /// 0-based place in the agenda.
    index: usize,
    title: Shown,
    /// "Presented by … · 5 min".
    details: String,
    questions: Vec<String>,
    state: ItemState,
    controls: ItemControls,
}

impl ItemView {
    fn of(meeting: &MeetingState, index: usize, item: &AgendaItem) -> Self {
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
            index,
            title: agenda::title(meeting, item),
            details,
            questions: item
                .questions
                .iter()
                .map(|question| model::localized(meeting, question).to_owned())
                .collect(),
            state: item.state,
            controls: ItemControls::of(item.state, index, meeting.agenda.len()),
        }
    }

    /// The view of the current item, if the meeting has started.
    fn current(meeting: &MeetingState) -> Option<Self> {
        let index = meeting.current_item_position()?;
        Some(Self::of(meeting, index, &meeting.agenda[index]))
    }
}

/// The viewer's time-zone offset at server time `ms`, as `Date.getTimezoneOffset` gives
/// it (the offset changes with daylight saving, so it is asked per time).
fn offset_at(ms: u64) -> i32 {
    js_sys::Date::new(&JsValue::from_f64(ms as f64)).get_timezone_offset() as i32
}

/// "16:10" in the viewer's time zone.
fn local_clock(ms: u64) -> String {
    agenda::clock_at(ms, offset_at(ms))
}

/// A title with its `lang` and, when it is not in the language wanted, a note naming
/// the language it is in. The title is isolated (`<bdi>`), so that a title in another
/// script than the page keeps its own direction.
#[component]
fn Title(shown: Shown, class: &'static str) -> impl IntoView {
    let note = shown.fallback.as_deref().map(i18n::in_language);
    view! {
        <bdi class=class lang=shown.lang.to_string()>{shown.text}</bdi>
        {note.map(|note| view! { <span class="fallback-note">{note}</span> })}
    }
}

/// The item being discussed, and the chair's previous/next.
#[component]
pub fn CurrentItem() -> impl IntoView {
    let session = Session::get();
    let chair = is_chair(session);
    let current = Memo::new(move |_| session.with_meeting(ItemView::current).flatten());
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
                        <p class="current-title"><Title shown=item.title class="current-title-text"/></p>
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
                                move_to(session, MoveTo::Previous, "#previous-item");
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
                                move_to(session, MoveTo::Next, "#next-item");
                            }
                        }
                    >
                        {i18n::text(Key::NextItem)}
                    </button>
                </div>
                <MoveOnPanel/>
            </Show>
        </section>
    }
}

/// Moves the meeting `to` where the chair asked: at once when no request waits on the
/// current item, else after asking what becomes of those that do (the focus goes to
/// the question, and back to `from` once answered).
fn move_to(session: Session, to: MoveTo, from: &str) {
    let asks = session
        .with_meeting(|meeting| agenda::MoveOnQuestion::of(meeting, &to))
        .flatten()
        .is_some();
    if asks {
        session.moving_on.set(Some((to, from.to_owned())));
    } else {
        connection::send(to.command(Waiting::Keep));
    }
}

/// The chair's question when moving on while requests wait on the current item: keep
/// them on it, carry them over to the item the meeting goes to, lower their hands, or
/// stay. The question goes away when it no longer holds (the meeting moved, the last
/// request left).
#[component]
fn MoveOnPanel() -> impl IntoView {
    let session = Session::get();
    let question = Memo::new(move |_| {
        let (to, _) = session.moving_on.get()?;
        session
            .with_meeting(|meeting| agenda::MoveOnQuestion::of(meeting, &to))
            .flatten()
    });
    Effect::new(move |_| {
        if question.with(Option::is_none) && session.moving_on.with_untracked(Option::is_some) {
            session.moving_on.set(None);
        }
    });
    // Someone else moved the meeting meanwhile: the question was about another item.
    let current = Memo::new(move |_| session.with_meeting(|m| m.current_item.clone()).flatten());
    Effect::new(move |before: Option<Option<ItemId>>| {
        let now = current.get();
        if before.is_some_and(|before| before != now) {
            session.moving_on.set(None);
        }
        now
    });
    let first = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = first.get() {
            let _ = button.focus();
        }
    });
    let answer = move |waiting: Option<Waiting>| {
        let Some((to, from)) = session.moving_on.get_untracked() else {
            return;
        };
        if let Some(waiting) = waiting {
            connection::send(to.command(waiting));
        }
        session.moving_on.set(None);
        request_animation_frame(move || {
            focus(&from);
        });
    };
    view! {
        {move || question.get().map(|question| view! {
            <div
                id="move-on-confirmation"
                class="confirmation"
                role="group"
                aria-labelledby="move-on-question"
                on:keydown=move |event| {
                    if event.key() == "Escape" {
                        answer(None);
                    }
                }
            >
                <p id="move-on-question">
                    {i18n::move_on_question(question.waiting, &question.from)}
                </p>
                <div class="controls">
                    <button id="move-on-keep" node_ref=first on:click=move |_| answer(Some(Waiting::Keep))>
                        {i18n::about_item(Key::MoveOnKeep, &question.from)}
                    </button>
                    <button id="move-on-carry" class="primary" on:click=move |_| answer(Some(Waiting::Carry))>
                        {i18n::about_item(Key::MoveOnCarry, &question.to)}
                    </button>
                    <button id="move-on-close" class="danger" on:click=move |_| answer(Some(Waiting::Close))>
                        {i18n::text(Key::MoveOnClose)}
                    </button>
                    <button id="move-on-cancel" on:click=move |_| answer(None)>
                        {i18n::text(Key::MoveOnCancel)}
                    </button>
                </div>
            </div>
        })}
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
            .with_meeting(|meeting| ItemView::current(meeting).map(|item| item.questions))
            .flatten()
            .unwrap_or_default()
    });
    view! {
        <Show when=move || questions.with(|questions| !questions.is_empty())>
            <section class="card questions" aria-labelledby="questions-heading">
                <h2 id="questions-heading">{i18n::text(Key::GuidingQuestions)}</h2>
                <ol id="questions">
                    {move || questions.get().into_iter().map(|q| view! { <li><bdi>{q}</bdi></li> }).collect_view()}
                </ol>
            </section>
        </Show>
    }
}

/// The meeting's scheduled start, when it started, and the forecast of when the current
/// item and the meeting end, in the viewer's time zone; the chair also gets the hint to
/// close the list when it runs past the plan. Recomputed every second.
#[component]
pub fn Forecast() -> impl IntoView {
    let session = Session::get();
    let chair = is_chair(session);
    let scheduled = Memo::new(move |_| {
        session
            .with_meeting(|meeting| {
                let ms = js_sys::Date::parse(&meeting.info.scheduled_start);
                (ms.is_finite() && ms >= 0.0).then_some(ms as u64)
            })
            .flatten()
    });
    let started = Memo::new(move |_| session.with_meeting(|m| m.started_at).flatten());
    let forecast = Memo::new(move |_| {
        let now = session.server_now();
        session
            .with_meeting(|meeting| ForecastView::of(meeting, now, offset_at))
            .flatten()
    });
    let hint = move || {
        forecast
            .with(|forecast| forecast.as_ref().and_then(|f| f.close_list_hint.clone()))
            .filter(|_| chair.get())
    };
    view! {
        <section id="forecast" class="card forecast" aria-labelledby="forecast-heading">
            <h2 id="forecast-heading">{i18n::text(Key::Forecast)}</h2>
            {move || scheduled.get().map(|ms| view! {
                <p id="meeting-start" data-at-ms=ms.to_string()>
                    {move || {
                        let now = session.server_now();
                        i18n::scheduled_start(&agenda::date_and_clock_at(ms, offset_at(ms), now, offset_at(now)))
                    }}
                </p>
            })}
            {move || started.get().map(|ms| view! {
                <p id="meeting-started" data-at-ms=ms.to_string()>
                    {i18n::started_at(&local_clock(ms))}
                </p>
            })}
            {move || forecast.get().map(|forecast| view! {
                <p id="item-ends-at" data-at-ms=forecast.item_ends_at.map(|ms| ms.to_string())>
                    {forecast.item_ends_text}
                </p>
                <p id="meeting-ends-at" data-at-ms=forecast.meeting_ends_at.map(|ms| ms.to_string())>
                    {forecast.meeting_ends_text}
                </p>
            })}
            {move || hint().map(|hint| view! { <p id="close-list-hint" class="hint">{hint}</p> })}
            <p class="details">{i18n::text(Key::TimesAreLocal)}</p>
        </section>
    }
}

/// The live item's time used against its plan, ticking every second.
#[component]
fn ItemTimer() -> impl IntoView {
    let session = Session::get();
    let timer = Memo::new(move |_| {
        let now = session.server_now();
        session
            .with_meeting(|meeting| {
                meeting
                    .current_agenda_item()
                    .map(|item| agenda::ItemTimer::of(item, now))
            })
            .flatten()
    });
    view! {
        <span
            id="item-timer"
            class="timer item-timer"
            role="timer"
            data-stale=stale(session)
            data-state=move || timer.with(|timer| timer.map(|timer| timer.state()))
            data-used-ms=move || timer.with(|timer| timer.map(|timer| timer.used_ms.to_string()))
            data-planned-ms=move || {
                timer.with(|timer| timer.and_then(|timer| timer.planned_ms).map(|ms| ms.to_string()))
            }
        >
            {move || timer.with(|timer| timer.map(|timer| timer.text()))}
        </span>
        <NotCurrent/>
    }
}

/// A CSS selector for a control of an agenda item's row.
fn in_row(id: &ItemId, control: &str) -> String {
    format!("#agenda li[data-item-id=\"{id}\"] {control}")
}

/// The chair's edit form, open in at most one row at a time; its fields live here
/// rather than in the row, so that they survive the row being drawn again.
#[derive(Clone, Copy)]
struct Editing {
    item: RwSignal<Option<ItemId>>,
    draft: RwSignal<ItemDraft>,
    error: RwSignal<Option<DraftError>>,
}

/// Where the keyboard focus goes once the agenda is drawn again after a chair's action
/// (a row is drawn anew when it moves or changes state): the first of these selectors
/// that finds something.
#[derive(Clone, Copy)]
struct Refocus(StoredValue<Vec<String>>);

impl Refocus {
    fn after_change(self, selectors: Vec<String>) {
        self.0.set_value(selectors);
    }

    /// Moves the focus as asked, once the page is drawn.
    fn apply(self) {
        let selectors = self.0.try_update_value(std::mem::take).unwrap_or_default();
        if !selectors.is_empty() {
            request_animation_frame(move || {
                let _ = selectors.iter().any(|selector| focus(selector));
            });
        }
    }
}

/// The agenda, each item with its state, the live one with its clock; the chair can go
/// to, mark, reorder, edit and add items.
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
                    .enumerate()
                    .map(|(index, item)| ItemView::of(meeting, index, item))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let current = Memo::new(move |_| session.with_meeting(|m| m.current_item.clone()).flatten());
    // The row whose other actions are unfolded, the edit form, and whether the add-item
    // form is unfolded: kept when the page is drawn again in another language.
    let (editing, unfolded, adding) = super::unsent("agenda", || {
        (
            Editing {
                item: RwSignal::new(None),
                draft: RwSignal::new(ItemDraft::default()),
                error: RwSignal::new(None),
            },
            RwSignal::new(None::<ItemId>),
            RwSignal::new(false),
        )
    });
    let refocus = Refocus(StoredValue::new(Vec::new()));
    Effect::new(move |_| {
        items.track();
        refocus.apply();
    });
    view! {
        <section class="card agenda" aria-labelledby="agenda-heading">
            <h2 id="agenda-heading">{i18n::text(Key::Agenda)}</h2>
            <ol id="agenda">
                <For each=move || items.get() key=|item| item.clone() let:item>
                    {
                        let id = item.id.clone();
                        let is_current = {
                            let id = id.clone();
                            Memo::new(move |_| current.with(|current| current.as_ref() == Some(&id)))
                        };
                        let state = item.state;
                        view! {
                            <li
                                data-item-id=id.to_string()
                                data-state=agenda::state_attr(state)
                                class=format!("item-{}", agenda::state_attr(state))
                                aria-current=move || is_current.get().then_some("step")
                            >
                                <div class="item-text">
                                    <span class="item-heading">
                                        <Title shown=item.title.clone() class="item-title"/>
                                        <span class=format!("badge item-state {}", agenda::state_attr(state))>
                                            {agenda::state_label(state)}
                                        </span>
                                    </span>
                                    {(!item.details.is_empty()).then(|| view! { <span class="details">{item.details.clone()}</span> })}
                                    {(state == ItemState::Live).then(|| view! { <ItemTimer/> })}
                                </div>
                                <Show when=move || chair.get()>
                                    <ItemControlsView item=item.clone() is_current editing unfolded refocus/>
                                </Show>
                            </li>
                        }
                    }
                </For>
            </ol>
            // Adding an item is rare during a meeting: folded until asked for.
            <Show when=move || chair.get()>
                <details
                    id="add-item-section"
                    class="more add-item-more"
                    prop:open=move || adding.get()
                    on:toggle=move |event| adding.set(super::details_open(&event))
                >
                    <summary>{i18n::text(Key::AddItem)}</summary>
                    <AddItem/>
                </details>
            </Show>
        </section>
    }
}

/// The chair's buttons of one agenda item: "Go to" and a disclosure button ("More
/// actions") that unfolds the row's other actions (mark, move, edit), one row at a time,
/// so that the agenda shows one button per item until the chair asks for more; and its
/// edit form when open. Escape folds the actions away again, the focus going back to
/// the disclosure button.
#[component]
fn ItemControlsView(
    item: ItemView,
    is_current: Memo<bool>,
    editing: Editing,
    unfolded: RwSignal<Option<ItemId>>,
    refocus: Refocus,
) -> impl IntoView {
    let session = Session::get();
    let id = item.id.clone();
    let title = item.title.text.clone();
    let controls = item.controls;
    let index = item.index;
    let skipped = item.state == ItemState::Skipped;
    let go_to = {
        let id = id.clone();
        move |_| {
            if !is_current.get_untracked() && !skipped {
                let row = in_row(&id, "button.go-to");
                move_to(session, MoveTo::Item(id.clone()), &row);
                refocus.after_change(vec![row]);
            }
        }
    };
    // A mark button: sends the mark, then keeps the focus in the row.
    let mark = {
        let id = id.clone();
        let title = title.clone();
        move |to: ItemState, class: &'static str, text: Key, label: Key| {
            let id = id.clone();
            let label = i18n::item_action_label(label, &title);
            view! {
                <button
                    class=format!("{class} small")
                    aria-label=label
                    on:click=move |_| {
                        connection::send(Command::MarkItem { item: id.clone(), state: to });
                        refocus.after_change(vec![
                            in_row(&id, "button.mark-upcoming"),
                            in_row(&id, "button.edit-item"),
                        ]);
                    }
                >
                    {i18n::text(text)}
                </button>
            }
        }
    };
    let move_button = {
        let id = id.clone();
        let title = title.clone();
        move |up: bool| {
            let id = id.clone();
            let (class, text, label, allowed) = if up {
                (
                    "move-item-up",
                    Key::MoveUp,
                    Key::MoveItemUpLabel,
                    controls.can_move_up,
                )
            } else {
                (
                    "move-item-down",
                    Key::MoveDown,
                    Key::MoveItemDownLabel,
                    controls.can_move_down,
                )
            };
            view! {
                <button
                    class=format!("{class} small")
                    aria-label=i18n::item_action_label(label, &title)
                    aria-disabled=aria_disabled(!allowed)
                    on:click=move |_| {
                        let command = session
                            .meeting
                            .with_untracked(|m| m.as_ref().and_then(|m| agenda::move_command(&m.state, index, up)));
                        if let Some(command) = command {
                            connection::send(command);
                            refocus.after_change(vec![in_row(&id, &format!("button.{class}"))]);
                        }
                    }
                >
                    {i18n::text(text)}
                </button>
            }
        }
    };
    let is_editing = {
        let id = id.clone();
        Memo::new(move |_| editing.item.with(|item| item.as_ref() == Some(&id)))
    };
    let open_edit = {
        let id = id.clone();
        move |_| {
            if is_editing.get_untracked() {
                editing.item.set(None);
                return;
            }
            let draft = session.meeting.with_untracked(|meeting| {
                let state = &meeting.as_ref()?.state;
                let item = &state.agenda[state.item_position(&id)?];
                Some(ItemDraft::of(state, item))
            });
            if let Some(draft) = draft {
                editing.draft.set(draft);
                editing.error.set(None);
                editing.item.set(Some(id.clone()));
                let selector = in_row(&id, "input.edit-title");
                request_animation_frame(move || {
                    focus(&selector);
                });
            }
        }
    };
    let is_unfolded = {
        let id = id.clone();
        Memo::new(move |_| unfolded.with(|item| item.as_ref() == Some(&id)))
    };
    let toggle_more = {
        let id = id.clone();
        move |_| {
            if is_unfolded.get_untracked() {
                unfolded.set(None);
                if is_editing.get_untracked() {
                    editing.item.set(None);
                }
            } else {
                unfolded.set(Some(id.clone()));
            }
        }
    };
    let fold_on_escape = {
        let id = id.clone();
        move |event: leptos::ev::KeyboardEvent| {
            if event.key() == "Escape" {
                event.prevent_default();
                unfolded.set(None);
                if is_editing.get_untracked() {
                    editing.item.set(None);
                }
                focus(&in_row(&id, "button.item-more"));
            }
        }
    };
    let actions_id = format!("item-actions-{id}");
    let edit_label = i18n::item_action_label(Key::EditItemLabel, &title);
    view! {
        <div class="controls item-controls" role="group" aria-label=i18n::text(Key::ChairControls)>
            <button
                class="go-to small"
                aria-label=i18n::go_to_label(&title)
                aria-disabled=move || aria_disabled(is_current.get() || skipped)
                on:click=go_to
            >
                {i18n::text(Key::GoTo)}
            </button>
            <button
                class="item-more small"
                aria-label=i18n::item_action_label(Key::ItemMoreLabel, &title)
                aria-expanded=move || if is_unfolded.get() { "true" } else { "false" }
                aria-controls=actions_id.clone()
                on:click=toggle_more
            >
                {i18n::text(Key::ItemMore)}
            </button>
        </div>
        <div
            id=actions_id
            class="controls item-actions"
            role="group"
            aria-label=i18n::item_action_label(Key::ItemActionsLabel, &title)
            hidden=move || !is_unfolded.get()
            on:keydown=fold_on_escape
        >
            <Show when=move || is_unfolded.get()>
                {controls.mark_done.then(|| mark(ItemState::Done, "mark-done", Key::MarkDone, Key::MarkDoneLabel))}
                {controls.mark_skipped.then(|| mark(ItemState::Skipped, "mark-skipped", Key::MarkSkipped, Key::MarkSkippedLabel))}
                {controls.mark_upcoming.then(|| mark(ItemState::Upcoming, "mark-upcoming", Key::MarkUpcoming, Key::MarkUpcomingLabel))}
                {move_button(true)}
                {move_button(false)}
                <button
                    class="edit-item small"
                    aria-label=edit_label.clone()
                    aria-expanded=move || if is_editing.get() { "true" } else { "false" }
                    on:click=open_edit.clone()
                >
                    {i18n::text(Key::EditItem)}
                </button>
            </Show>
        </div>
        <Show when=move || is_editing.get()>
            <EditItemForm id=id.clone() editing refocus/>
        </Show>
    }
}

/// The inline form that edits an item's title (in the meeting's default language),
/// presenter and planned minutes. Escape or Cancel closes it.
#[component]
fn EditItemForm(id: ItemId, editing: Editing, refocus: Refocus) -> impl IntoView {
    let session = Session::get();
    let language = Memo::new(move |_| {
        session
            .with_meeting(|meeting| meeting.info.default_language.clone())
            .unwrap_or_else(|| LanguageCode::new("en"))
    });
    let field_id = {
        let id = id.clone();
        move |name: &str| format!("{name}-{id}")
    };
    let error_id = field_id("edit-item-error");
    let draft = editing.draft;
    let invalid = move |field: DraftField| {
        editing
            .error
            .with(|error| error.is_some_and(|error| error.field == field))
            .then_some("true")
    };
    let close = {
        let id = id.clone();
        move || {
            editing.item.set(None);
            editing.error.set(None);
            focus(&in_row(&id, "button.edit-item"));
        }
    };
    let submit = {
        let id = id.clone();
        let close = close.clone();
        move |event: SubmitEvent| {
            event.prevent_default();
            let result = session.meeting.with_untracked(|meeting| {
                let state = &meeting.as_ref()?.state;
                let item = &state.agenda[state.item_position(&id)?];
                Some(draft.with_untracked(|draft| draft.edit_command(state, item)))
            });
            match result {
                Some(Ok(command)) => {
                    connection::send(command);
                    close();
                    refocus.after_change(vec![in_row(&id, "button.edit-item")]);
                }
                Some(Err(error)) => {
                    editing.error.set(Some(error));
                    focus(&in_row(&id, field_selector(error.field)));
                }
                None => close(),
            }
        }
    };
    let escape = {
        let close = close.clone();
        move |event: leptos::ev::KeyboardEvent| {
            if event.key() == "Escape" {
                event.prevent_default();
                close();
            }
        }
    };
    view! {
        <form class="edit-item-form form" on:submit=submit on:keydown=escape novalidate>
            <div class="field">
                <label for=field_id("edit-title")>{move || i18n::item_title_label(&language.get())}</label>
                <input
                    id=field_id("edit-title")
                    class="edit-title"
                    type="text"
                    autocomplete="off"
                    dir="auto"
                    lang=move || language.get().to_string()
                    aria-invalid=move || invalid(DraftField::Title)
                    aria-describedby=error_id.clone()
                    prop:value=move || draft.with(|d| d.title.clone())
                    on:input=move |event| draft.update(|d| d.title = event_target_value(&event))
                />
            </div>
            <div class="field">
                <label for=field_id("edit-presenter")>{i18n::text(Key::ItemPresenterLabel)}</label>
                <input
                    id=field_id("edit-presenter")
                    class="edit-presenter"
                    type="text"
                    autocomplete="off"
                    dir="auto"
                    aria-invalid=move || invalid(DraftField::Presenter)
                    aria-describedby=error_id.clone()
                    prop:value=move || draft.with(|d| d.presenter.clone())
                    on:input=move |event| draft.update(|d| d.presenter = event_target_value(&event))
                />
            </div>
            <div class="field">
                <label for=field_id("edit-minutes")>{i18n::text(Key::ItemMinutesLabel)}</label>
                <input
                    id=field_id("edit-minutes")
                    class="edit-minutes"
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    aria-invalid=move || invalid(DraftField::Minutes)
                    aria-describedby=error_id.clone()
                    prop:value=move || draft.with(|d| d.minutes.clone())
                    on:input=move |event| draft.update(|d| d.minutes = event_target_value(&event))
                />
            </div>
            <p id=error_id.clone() class="field-error edit-item-error" role="alert">
                {move || editing.error.get().map(|error| i18n::text(error.key))}
            </p>
            <div class="controls">
                <button type="submit" class="primary small edit-item-submit">{i18n::text(Key::SaveItem)}</button>
                <button type="button" class="small edit-item-cancel" on:click=move |_| close()>
                    {i18n::text(Key::Cancel)}
                </button>
            </div>
        </form>
    }
}

/// The input of a form field, by the class it has in the edit form.
fn field_selector(field: DraftField) -> &'static str {
    match field {
        DraftField::Id | DraftField::Title => "input.edit-title",
        DraftField::Presenter => "input.edit-presenter",
        DraftField::Minutes => "input.edit-minutes",
    }
}

/// The chair's form that adds an item at the end of the agenda, its title in the
/// meeting's default language.
#[component]
fn AddItem() -> impl IntoView {
    let session = Session::get();
    // Kept when the page is drawn again in another language.
    let (draft, error) = super::unsent("add-item", || {
        (
            RwSignal::new(ItemDraft::default()),
            RwSignal::new(None::<DraftError>),
        )
    });
    let language = Memo::new(move |_| {
        session
            .with_meeting(|meeting| meeting.info.default_language.clone())
            .unwrap_or_else(|| LanguageCode::new("en"))
    });
    let invalid = move |field: DraftField| {
        error
            .with(|error| error.is_some_and(|error| error.field == field))
            .then_some("true")
    };
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        let result = session.meeting.with_untracked(|meeting| {
            let state = &meeting.as_ref()?.state;
            Some(draft.with_untracked(|draft| draft.add_command(state)))
        });
        match result {
            Some(Ok(command)) => {
                connection::send(command);
                error.set(None);
                draft.set(ItemDraft::default());
            }
            Some(Err(fault)) => {
                error.set(Some(fault));
                focus(match fault.field {
                    DraftField::Id => "#new-item-id",
                    DraftField::Title => "#new-item-title",
                    DraftField::Presenter => "#new-item-presenter",
                    DraftField::Minutes => "#new-item-minutes",
                });
            }
            None => {}
        }
    };
    view! {
        <form id="add-item" class="form add-item" on:submit=submit aria-labelledby="add-item-heading" novalidate>
            <h3 id="add-item-heading">{i18n::text(Key::AddItem)}</h3>
            <div class="field">
                <label for="new-item-id">{i18n::text(Key::ItemIdLabel)}</label>
                <input
                    id="new-item-id"
                    type="text"
                    autocomplete="off"
                    autocapitalize="none"
                    spellcheck="false"
                    maxlength=protocol::limits::MAX_ID_CHARS.to_string()
                    aria-invalid=move || invalid(DraftField::Id)
                    aria-describedby="add-item-error"
                    prop:value=move || draft.with(|d| d.id.clone())
                    on:input=move |event| draft.update(|d| d.id = event_target_value(&event))
                />
            </div>
            <div class="field">
                <label for="new-item-title">{move || i18n::item_title_label(&language.get())}</label>
                <input
                    id="new-item-title"
                    type="text"
                    autocomplete="off"
                    dir="auto"
                    lang=move || language.get().to_string()
                    aria-invalid=move || invalid(DraftField::Title)
                    aria-describedby="add-item-error"
                    prop:value=move || draft.with(|d| d.title.clone())
                    on:input=move |event| draft.update(|d| d.title = event_target_value(&event))
                />
            </div>
            <div class="field">
                <label for="new-item-presenter">{i18n::text(Key::ItemPresenterLabel)}</label>
                <input
                    id="new-item-presenter"
                    type="text"
                    autocomplete="off"
                    dir="auto"
                    aria-invalid=move || invalid(DraftField::Presenter)
                    aria-describedby="add-item-error"
                    prop:value=move || draft.with(|d| d.presenter.clone())
                    on:input=move |event| draft.update(|d| d.presenter = event_target_value(&event))
                />
            </div>
            <div class="field">
                <label for="new-item-minutes">{i18n::text(Key::ItemMinutesLabel)}</label>
                <input
                    id="new-item-minutes"
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    aria-invalid=move || invalid(DraftField::Minutes)
                    aria-describedby="add-item-error"
                    prop:value=move || draft.with(|d| d.minutes.clone())
                    on:input=move |event| draft.update(|d| d.minutes = event_target_value(&event))
                />
            </div>
            <p id="add-item-error" class="field-error" role="alert">
                {move || error.get().map(|error| i18n::text(error.key))}
            </p>
            <div class="controls">
                <button id="add-item-submit" type="submit" class="primary">
                    {i18n::text(Key::AddItemSubmit)}
                </button>
            </div>
        </form>
    }
}

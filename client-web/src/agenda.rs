//! The agenda as the page shows it: each item's state and title (with the language it is
//! actually shown in), the live item's time used against its plan, the forecast of when
//! the item and the meeting end, which of the chair's controls fit each item, and the
//! commands the chair's forms send.
//!
//! Pure functions of the protocol's types, tested natively; `views/agenda.rs` lays them
//! out. Times are server times in milliseconds since the Unix epoch; they are shown in
//! the viewer's own time zone, whose offset the view asks the browser for.

use crate::i18n::{self, Key};
use protocol::forecast::{self, Forecast};
use protocol::{
    AgendaItem, Command, ItemId, ItemState, LanguageCode, Localized, MeetingState, Waiting,
};

use protocol::limits::{MAX_PLANNED_MINUTES, MAX_TITLE_CHARS};

/// `data-state` of an agenda item: `upcoming`, `live`, `done` or `skipped`.
pub fn state_attr(state: ItemState) -> &'static str {
    match state {
        ItemState::Upcoming => "upcoming",
        ItemState::Live => "live",
        ItemState::Done => "done",
        ItemState::Skipped => "skipped",
    }
}

/// An item's state as its badge says it.
pub fn state_label(state: ItemState) -> &'static str {
    i18n::text(match state {
        ItemState::Upcoming => Key::ItemUpcoming,
        ItemState::Live => Key::ItemLive,
        ItemState::Done => Key::ItemDone,
        ItemState::Skipped => Key::ItemSkipped,
    })
}

/// A meeting text as shown: the text, the language it is in (for the element's `lang`)
/// and, when that is not the language wanted, that language's name for a note.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Shown {
    /// The text.
    pub text: String,
    /// The language the text is in; the wanted one when the text is empty.
    pub lang: LanguageCode,
    /// "French", when the text is not in the wanted language.
    pub fallback: Option<String>,
}

impl Shown {
    /// `text` in `wanted` if it has it, else as [`Localized::get`] falls back (the
    /// meeting's default language, then any).
    pub fn of(text: &Localized, wanted: &LanguageCode, default: &LanguageCode) -> Self {
        let shown = text.get(wanted, default);
        let lang = [wanted, default]
            .into_iter()
            .find(|language| text.has(language))
            .or_else(|| text.0.keys().next())
            .unwrap_or(wanted)
            .clone();
        Self {
            text: shown.to_owned(),
            fallback: (lang != *wanted).then(|| i18n::language(&lang)),
            lang,
        }
    }
}

/// The language agenda titles are wanted in: the interface's (they fall back to the
/// meeting's default language, with a note, when an item has no title in it).
pub fn title_language() -> LanguageCode {
    i18n::ui().code()
}

/// An item's title as shown.
pub fn title(meeting: &MeetingState, item: &AgendaItem) -> Shown {
    Shown::of(
        &item.title,
        &title_language(),
        &meeting.info.default_language,
    )
}

/// Which of the chair's controls an agenda item offers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ItemControls {
    /// "Done" (`button.mark-done`).
    pub mark_done: bool,
    /// "Skip" (`button.mark-skipped`).
    pub mark_skipped: bool,
    /// "Upcoming" (`button.mark-upcoming`): to take a done or skipped item up again.
    pub mark_upcoming: bool,
    /// "Up" leads somewhere (it is not the first item).
    pub can_move_up: bool,
    /// "Down" leads somewhere (it is not the last item).
    pub can_move_down: bool,
}

impl ItemControls {
    /// The controls of an item in `state` at 0-based `index` of an agenda of `len`
    /// items. The live item is never marked (moving on marks it); every other item can
    /// be marked as anything it is not.
    pub fn of(state: ItemState, index: usize, len: usize) -> Self {
        let live = state == ItemState::Live;
        Self {
            mark_done: !live && state != ItemState::Done,
            mark_skipped: !live && state != ItemState::Skipped,
            mark_upcoming: !live && state != ItemState::Upcoming,
            can_move_up: index > 0,
            can_move_down: index + 1 < len,
        }
    }
}

/// The command that moves the item at 0-based `index` one place up (`up`) or down;
/// `None` when it cannot go further.
pub fn move_command(meeting: &MeetingState, index: usize, up: bool) -> Option<Command> {
    let item = meeting.agenda.get(index)?;
    let target = if up {
        index.checked_sub(1)?
    } else {
        Some(index + 1).filter(|target| *target < meeting.agenda.len())?
    };
    Some(Command::MoveItem {
        item: item.id.clone(),
        position: u32::try_from(target + 1).ok()?,
    })
}

/// "12:30", minutes and seconds from milliseconds (rounded down to whole seconds), the
/// minutes counting on past 59 ("80:00") as agendas plan them.
pub fn minutes_seconds(ms: u64) -> String {
    let seconds = ms / 1000;
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// The live item's clock: time used against the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemTimer {
    /// Milliseconds the item has been current in all.
    pub used_ms: u64,
    /// Its planned duration in milliseconds, if planned.
    pub planned_ms: Option<u64>,
}

impl ItemTimer {
    /// The clock of `item` at server time `now`.
    pub fn of(item: &AgendaItem, now: u64) -> Self {
        Self {
            used_ms: item.used_ms_at(now),
            planned_ms: item
                .planned_minutes
                .map(|minutes| u64::from(minutes) * 60_000),
        }
    }

    /// Whether the item has run past its plan.
    pub fn overrun(&self) -> bool {
        self.planned_ms
            .is_some_and(|planned| self.used_ms > planned)
    }

    /// `data-state` of `#item-timer`: `overrun` or `running`.
    pub fn state(&self) -> &'static str {
        if self.overrun() { "overrun" } else { "running" }
    }

    /// "12:30 of 80:00", "+2:10 over" past the plan, "12:30 used" without one.
    pub fn text(&self) -> String {
        match self.planned_ms {
            Some(planned) if self.used_ms > planned => {
                i18n::item_over(&minutes_seconds(self.used_ms - planned))
            }
            Some(planned) => {
                i18n::item_used_of(&minutes_seconds(self.used_ms), &minutes_seconds(planned))
            }
            None => i18n::item_used(&minutes_seconds(self.used_ms)),
        }
    }
}

/// "16:10": the wall-clock time of server time `ms` in a time zone `offset_minutes` from
/// UTC, given as JavaScript's `Date.getTimezoneOffset` gives it (UTC minus local, so
/// `-60` for UTC+1).
pub fn clock_at(ms: u64, offset_minutes: i32) -> String {
    let local_minutes = i64::try_from(ms / 60_000).unwrap_or(i64::MAX) - i64::from(offset_minutes);
    let minute_of_day = local_minutes.rem_euclid(24 * 60);
    format!("{:02}:{:02}", minute_of_day / 60, minute_of_day % 60)
}

/// "16:10" when server time `ms` falls on the same local day as `now`, else
/// "2020-12-04 15:00": a scheduled start days away must not read as today's. Offsets as
/// [`clock_at`] takes them.
pub fn date_and_clock_at(
    ms: u64,
    offset_minutes: i32,
    now: u64,
    now_offset_minutes: i32,
) -> String {
    let local_day = |ms: u64, offset: i32| {
        (i64::try_from(ms / 60_000).unwrap_or(i64::MAX) - i64::from(offset)).div_euclid(24 * 60)
    };
    let day = local_day(ms, offset_minutes);
    let clock = clock_at(ms, offset_minutes);
    if day == local_day(now, now_offset_minutes) {
        return clock;
    }
    let (year, month, date) = protocol::time::civil_from_days(u64::try_from(day).unwrap_or(0));
    format!("{year:04}-{month:02}-{date:02} {clock}")
}

/// What the forecast panel shows, the times already in the viewer's time zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForecastView {
    /// When the current item is expected to end (server ms), if it can be told.
    pub item_ends_at: Option<u64>,
    /// "This item ends at about 16:10", or that it cannot be told.
    pub item_ends_text: String,
    /// When the meeting is expected to end (server ms), if it can be told.
    pub meeting_ends_at: Option<u64>,
    /// "The meeting ends at about 18:00", or that it cannot be told.
    pub meeting_ends_text: String,
    /// The chair's hint when the list runs past the plan: "Close the list now to finish
    /// this item by 16:10 (3 of 5 waiting fit)".
    pub close_list_hint: Option<String>,
}

impl ForecastView {
    /// The forecast for `meeting` at server time `now`; `None` before the meeting starts.
    /// `offset` gives the viewer's time-zone offset at a time, as [`clock_at`] takes it.
    pub fn of(meeting: &MeetingState, now: u64, offset: impl Fn(u64) -> i32) -> Option<Self> {
        let forecast = forecast::forecast(meeting, now)?;
        let waiting = meeting
            .current_item
            .as_ref()
            .and_then(|item| meeting.list(item))
            .map_or(0, |list| list.length);
        Some(Self::from_forecast(&forecast, waiting, offset))
    }

    /// The view of `forecast`, with `waiting` requests in the current item's list.
    pub fn from_forecast(forecast: &Forecast, waiting: u32, offset: impl Fn(u64) -> i32) -> Self {
        let at = |ms: u64| clock_at(ms, offset(ms));
        Self {
            item_ends_at: forecast.item_ends_at,
            item_ends_text: forecast.item_ends_at.map_or_else(
                || i18n::text(Key::ItemEndUnknown).to_owned(),
                |ms| i18n::item_ends_at(&at(ms)),
            ),
            meeting_ends_at: forecast.meeting_ends_at,
            meeting_ends_text: forecast.meeting_ends_at.map_or_else(
                || i18n::text(Key::MeetingEndUnknown).to_owned(),
                |ms| i18n::meeting_ends_at(&at(ms)),
            ),
            close_list_hint: forecast.close_now.map(|close| {
                i18n::close_list_hint(
                    &at(close.ends_at),
                    close.requests_that_fit.min(waiting),
                    waiting,
                )
            }),
        }
    }
}

/// What the chair typed into an agenda item's form (adding or editing).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemDraft {
    /// The new item's id (adding only).
    pub id: String,
    /// The title in the meeting's default language.
    pub title: String,
    /// Who presents it; empty for nobody in particular.
    pub presenter: String,
    /// The planned duration in whole minutes; empty for none.
    pub minutes: String,
}

/// A field of the item forms, to point the viewer at the one to fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftField {
    /// The id.
    Id,
    /// The title.
    Title,
    /// The presenter.
    Presenter,
    /// The planned minutes.
    Minutes,
}

/// Why an item form cannot be sent: the field to fix and what to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DraftError {
    /// The field at fault.
    pub field: DraftField,
    /// What to tell the viewer.
    pub key: Key,
}

impl DraftError {
    fn new(field: DraftField, key: Key) -> Self {
        Self { field, key }
    }
}

/// Checks a new item's id as the server does: 1 to 64 lowercase letters, digits and
/// dashes, not taken by another item.
///
/// # Errors
///
/// [`Key::ItemIdInvalid`] or [`Key::ItemIdTaken`], on [`DraftField::Id`].
pub fn check_item_id(meeting: &MeetingState, id: &str) -> Result<ItemId, DraftError> {
    let id = id.trim();
    if !protocol::ids::is_slug(id) {
        return Err(DraftError::new(DraftField::Id, Key::ItemIdInvalid));
    }
    let id = ItemId::new(id);
    if meeting.item_position(&id).is_some() {
        return Err(DraftError::new(DraftField::Id, Key::ItemIdTaken));
    }
    Ok(id)
}

impl ItemDraft {
    /// The draft of an existing item, for its edit form: its title in the meeting's
    /// default language (empty when it has none there), its presenter and planned minutes.
    pub fn of(meeting: &MeetingState, item: &AgendaItem) -> Self {
        Self {
            id: item.id.to_string(),
            title: item
                .title
                .0
                .get(&meeting.info.default_language)
                .cloned()
                .unwrap_or_default(),
            presenter: item.presenter.clone().unwrap_or_default(),
            minutes: item
                .planned_minutes
                .map(|minutes| minutes.to_string())
                .unwrap_or_default(),
        }
    }

    /// The title, presenter and minutes, checked: `title` is `base` with the default
    /// language's text replaced.
    fn fields(
        &self,
        meeting: &MeetingState,
        base: &Localized,
    ) -> Result<(Localized, Option<String>, Option<u32>), DraftError> {
        let text = self.title.trim();
        if text.is_empty() {
            return Err(DraftError::new(DraftField::Title, Key::ItemTitleRequired));
        }
        if text.chars().count() > MAX_TITLE_CHARS {
            return Err(DraftError::new(DraftField::Title, Key::ItemTitleTooLong));
        }
        let mut title = base.clone();
        title
            .0
            .insert(meeting.info.default_language.clone(), text.to_owned());
        let presenter = self.presenter.trim();
        if presenter.chars().count() > MAX_TITLE_CHARS {
            return Err(DraftError::new(
                DraftField::Presenter,
                Key::ItemPresenterTooLong,
            ));
        }
        let minutes = self.minutes.trim();
        let minutes = if minutes.is_empty() {
            None
        } else {
            let valid = minutes.bytes().all(|byte| byte.is_ascii_digit());
            match minutes.parse::<u32>() {
                Ok(minutes) if valid && (1..=MAX_PLANNED_MINUTES).contains(&minutes) => {
                    Some(minutes)
                }
                _ => {
                    return Err(DraftError::new(
                        DraftField::Minutes,
                        Key::ItemMinutesInvalid,
                    ));
                }
            }
        };
        Ok((
            title,
            (!presenter.is_empty()).then(|| presenter.to_owned()),
            minutes,
        ))
    }

    /// The `add_item` the add form sends: at the end of the agenda.
    ///
    /// # Errors
    ///
    /// The first field at fault, the id first.
    pub fn add_command(&self, meeting: &MeetingState) -> Result<Command, DraftError> {
        let id = check_item_id(meeting, &self.id)?;
        let (title, presenter, planned_minutes) = self.fields(meeting, &Localized::default())?;
        Ok(Command::AddItem {
            item: id,
            title,
            presenter,
            planned_minutes,
            position: None,
        })
    }

    /// The `edit_item` the edit form of `item` sends. Titles in other languages stay.
    ///
    /// # Errors
    ///
    /// The first field at fault.
    pub fn edit_command(
        &self,
        meeting: &MeetingState,
        item: &AgendaItem,
    ) -> Result<Command, DraftError> {
        let (title, presenter, planned_minutes) = self.fields(meeting, &item.title)?;
        Ok(Command::EditItem {
            item: item.id.clone(),
            title,
            presenter,
            planned_minutes,
        })
    }
}

/// Where the chair asked the meeting to go: the next or previous open item, or one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoveTo {
    /// "Next item".
    Next,
    /// "Previous item".
    Previous,
    /// An item's "Go to".
    Item(ItemId),
}

impl MoveTo {
    /// The command that goes there, with the chair's choice for the waiting requests.
    pub fn command(&self, waiting: Waiting) -> Command {
        match self {
            Self::Next => Command::NextItem { waiting },
            Self::Previous => Command::PreviousItem { waiting },
            Self::Item(item) => Command::SetCurrentItem {
                item: item.clone(),
                waiting,
            },
        }
    }
}

/// What the chair is asked before the meeting moves on while requests wait on the
/// current item: how many wait, the item they wait on and the item the meeting goes to
/// (titles as shown). `None` when nothing needs asking: none wait, the meeting has not
/// started (early requests belong to the first item) or the move leads nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveOnQuestion {
    /// How many requests wait on the current item.
    pub waiting: usize,
    /// The current item's title.
    pub from: String,
    /// The title of the item the meeting goes to.
    pub to: String,
}

impl MoveOnQuestion {
    /// The question for moving `to`, if one must be asked.
    pub fn of(meeting: &MeetingState, to: &MoveTo) -> Option<Self> {
        let current = meeting.current_agenda_item()?;
        let waiting = meeting.list(&current.id).map_or(0, |list| list.queue.len());
        if waiting == 0 {
            return None;
        }
        let target = match to {
            MoveTo::Next => meeting.next_open_item(),
            MoveTo::Previous => meeting.previous_open_item(),
            MoveTo::Item(item) => meeting
                .item_position(item)
                .map(|index| &meeting.agenda[index]),
        }?;
        Some(Self {
            waiting,
            from: title(meeting, current).text,
            to: title(meeting, target).text,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tests::meeting;
    use protocol::Event;

    #[test]
    fn the_chair_is_asked_about_waiting_requests_only_when_some_wait_on_the_current_item() {
        let mut state = meeting();
        let fold = |state: &mut MeetingState, event: Event| {
            let envelope = state.next_envelope(1_000 * (state.seq + 1), None, event);
            state.apply(&envelope).unwrap();
        };
        // Before the meeting starts, early requests belong to the first item: no question.
        fold(&mut state, crate::model::tests::raised(1, "a", None));
        assert_eq!(MoveOnQuestion::of(&state, &MoveTo::Next), None);
        fold(
            &mut state,
            Event::CurrentItemChanged {
                item: ItemId::new("one"),
                waiting: Waiting::Keep,
            },
        );
        let asked = MoveOnQuestion::of(&state, &MoveTo::Next).unwrap();
        assert_eq!(
            (asked.waiting, asked.from.as_str(), asked.to.as_str()),
            (1, "First", "Second")
        );
        let to_item = MoveOnQuestion::of(&state, &MoveTo::Item(ItemId::new("two")));
        assert_eq!(to_item, Some(asked));
        assert_eq!(
            MoveOnQuestion::of(&state, &MoveTo::Previous),
            None,
            "leads nowhere"
        );
        assert_eq!(
            MoveTo::Item(ItemId::new("two")).command(Waiting::Carry),
            Command::SetCurrentItem {
                item: ItemId::new("two"),
                waiting: Waiting::Carry
            }
        );
        fold(
            &mut state,
            Event::RequestWithdrawn {
                item: ItemId::new("one"),
                request: 1,
            },
        );
        assert_eq!(MoveOnQuestion::of(&state, &MoveTo::Next), None, "none wait");
    }

    fn text(pairs: &[(&str, &str)]) -> Localized {
        Localized(
            pairs
                .iter()
                .map(|(lang, text)| (LanguageCode::new(*lang), (*text).to_owned()))
                .collect(),
        )
    }

    fn fold(state: &mut MeetingState, at: u64, event: Event) {
        let envelope = state.next_envelope(at, None, event);
        state.apply(&envelope).expect("the event folds");
    }

    #[test]
    fn titles_say_when_they_fall_back() {
        let en = LanguageCode::new("en");
        let shown = Shown::of(&text(&[("en", "Opening"), ("fr", "Ouverture")]), &en, &en);
        assert_eq!(
            (shown.text.as_str(), shown.lang.as_str(), shown.fallback),
            ("Opening", "en", None)
        );
        let shown = Shown::of(&text(&[("fr", "Ouverture")]), &en, &en);
        assert_eq!(
            (shown.text.as_str(), shown.lang.as_str()),
            ("Ouverture", "fr")
        );
        assert_eq!(shown.fallback.as_deref(), Some("French"));
        assert_eq!(
            i18n::in_language(shown.fallback.as_deref().unwrap()),
            "(in French)"
        );
        let empty = Shown::of(&Localized::default(), &en, &en);
        assert_eq!((empty.text.as_str(), empty.fallback), ("", None));
    }

    #[test]
    fn controls_fit_the_state_and_never_touch_the_live_item() {
        let check = |state, index, len| {
            let c = ItemControls::of(state, index, len);
            (
                c.mark_done,
                c.mark_skipped,
                c.mark_upcoming,
                c.can_move_up,
                c.can_move_down,
            )
        };
        assert_eq!(
            check(ItemState::Upcoming, 0, 3),
            (true, true, false, false, true)
        );
        assert_eq!(
            check(ItemState::Live, 1, 3),
            (false, false, false, true, true)
        );
        assert_eq!(
            check(ItemState::Done, 2, 3),
            (false, true, true, true, false)
        );
        assert_eq!(
            check(ItemState::Skipped, 1, 3),
            (true, false, true, true, true)
        );
        assert_eq!(state_attr(ItemState::Skipped), "skipped");
        assert_eq!(state_label(ItemState::Done), "Done");
    }

    #[test]
    fn items_move_by_one_place_with_1_based_positions() {
        let state = meeting();
        assert_eq!(move_command(&state, 0, true), None);
        assert_eq!(
            move_command(&state, 0, false),
            Some(Command::MoveItem {
                item: ItemId::new("one"),
                position: 2
            })
        );
        assert_eq!(
            move_command(&state, 1, true),
            Some(Command::MoveItem {
                item: ItemId::new("two"),
                position: 1
            })
        );
        assert_eq!(move_command(&state, 1, false), None);
    }

    #[test]
    fn the_item_timer_shows_use_against_the_plan() {
        let check = |used_ms, planned_minutes: Option<u64>, expected: &str, state: &str| {
            let timer = ItemTimer {
                used_ms,
                planned_ms: planned_minutes.map(|minutes| minutes * 60_000),
            };
            assert_eq!((timer.text().as_str(), timer.state()), (expected, state));
        };
        check(750_000, Some(80), "12:30 of 80:00", "running");
        check(4_800_000, Some(80), "80:00 of 80:00", "running");
        check(4_930_999, Some(80), "+2:10 over", "overrun");
        check(65_000, None, "1:05 used", "running");
        let mut state = meeting();
        fold(
            &mut state,
            1_000,
            Event::CurrentItemChanged {
                item: ItemId::new("one"),
                waiting: protocol::Waiting::Keep,
            },
        );
        let timer = ItemTimer::of(&state.agenda[0], 61_000);
        assert_eq!(timer.used_ms, 60_000);
    }

    #[test]
    fn a_time_on_another_day_shows_its_date() {
        // 4 December 2020, 14:00 UTC, seen from UTC+1 (offset -60).
        let start = 1_607_090_400_000;
        assert_eq!(
            date_and_clock_at(start, -60, start + 3_600_000, -60),
            "15:00"
        );
        assert_eq!(
            date_and_clock_at(start, -60, start + 86_400_000, -60),
            "2020-12-04 15:00"
        );
        // Late in the evening in UTC-5 it is still the 3rd there.
        assert_eq!(
            date_and_clock_at(start - 15 * 3_600_000, 300, start, 300),
            "2020-12-03 18:00"
        );
    }

    #[test]
    fn clock_times_are_local() {
        // 2020-12-04T14:00:00Z.
        let ms = 1_607_090_400_000;
        assert_eq!(clock_at(ms, 0), "14:00");
        assert_eq!(clock_at(ms, -60), "15:00", "UTC+1");
        assert_eq!(clock_at(ms, 300), "09:00", "UTC-5");
        assert_eq!(clock_at(ms + 59_999, -330), "19:30", "UTC+5:30");
        assert_eq!(clock_at(ms, -600), "00:00", "past midnight");
    }

    #[test]
    fn the_forecast_reads_as_sentences_and_hints_at_closing() {
        let hour = 3_600_000;
        let base = 1_607_090_400_000; // 14:00 UTC.
        let forecast = Forecast {
            item_used_ms: 0,
            item_planned_ms: Some(hour),
            list_ms: Some(2 * hour),
            item_ends_at: Some(base + 2 * hour + 10 * 60_000),
            meeting_ends_at: None,
            close_now: Some(protocol::forecast::CloseNow {
                requests_that_fit: 3,
                ends_at: base + 2 * hour + 10 * 60_000,
                overrun_ms: hour,
            }),
        };
        let view = ForecastView::from_forecast(&forecast, 5, |_| 0);
        assert_eq!(view.item_ends_text, "This item ends at about 16:10");
        assert_eq!(
            view.meeting_ends_text,
            "The meeting’s end cannot be forecast yet"
        );
        assert_eq!(
            view.close_list_hint.as_deref(),
            Some("Close the list now to finish this item by 16:10 (3 of 5 waiting fit)")
        );
        let later = Forecast {
            meeting_ends_at: Some(base + 4 * hour),
            close_now: None,
            ..forecast
        };
        let view = ForecastView::from_forecast(&later, 0, |_| -60);
        assert_eq!(view.meeting_ends_text, "The meeting ends at about 19:00");
        assert_eq!(view.close_list_hint, None);
    }

    #[test]
    fn the_forecast_follows_the_state() {
        let mut state = meeting();
        assert_eq!(ForecastView::of(&state, 0, |_| 0), None, "not started");
        fold(
            &mut state,
            0,
            Event::CurrentItemChanged {
                item: ItemId::new("one"),
                waiting: protocol::Waiting::Keep,
            },
        );
        state.agenda[0].planned_minutes = Some(10);
        state.agenda[1].planned_minutes = Some(20);
        let view = ForecastView::of(&state, 60_000, |_| 0).expect("started");
        assert_eq!(view.item_ends_at, Some(600_000));
        assert_eq!(view.meeting_ends_at, Some(1_800_000));
        assert_eq!(view.item_ends_text, "This item ends at about 00:10");
    }

    #[test]
    fn item_ids_follow_the_servers_rule() {
        let state = meeting();
        assert_eq!(
            check_item_id(&state, " budget-2025 "),
            Ok(ItemId::new("budget-2025"))
        );
        for bad in ["", "Budget", "a b", "é", "a_b", &"a".repeat(65)] {
            assert_eq!(
                check_item_id(&state, bad).map_err(|error| error.key),
                Err(Key::ItemIdInvalid),
                "{bad:?}"
            );
        }
        assert!(check_item_id(&state, &"a".repeat(64)).is_ok());
        assert_eq!(
            check_item_id(&state, "one"),
            Err(DraftError::new(DraftField::Id, Key::ItemIdTaken))
        );
    }

    #[test]
    fn drafts_become_commands_or_point_at_the_field_to_fix() {
        let state = meeting();
        let draft = ItemDraft {
            id: "aob".into(),
            title: "  Any other business ".into(),
            presenter: " ".into(),
            minutes: "15".into(),
        };
        assert_eq!(
            draft.add_command(&state),
            Ok(Command::AddItem {
                item: ItemId::new("aob"),
                title: text(&[("en", "Any other business")]),
                presenter: None,
                planned_minutes: Some(15),
                position: None,
            })
        );
        let field = |draft: ItemDraft| draft.add_command(&state).map_err(|error| error.field);
        assert_eq!(
            field(ItemDraft {
                title: String::new(),
                ..draft.clone()
            }),
            Err(DraftField::Title)
        );
        for minutes in ["0", "601", "1.5", "-3", "x"] {
            assert_eq!(
                field(ItemDraft {
                    minutes: minutes.into(),
                    ..draft.clone()
                }),
                Err(DraftField::Minutes),
                "{minutes}"
            );
        }
        assert_eq!(
            field(ItemDraft {
                presenter: "p".repeat(201),
                ..draft.clone()
            }),
            Err(DraftField::Presenter)
        );

        // Editing keeps the other languages' titles and replaces the rest.
        let mut item = state.agenda[0].clone();
        item.title = text(&[("en", "First"), ("fr", "Premier")]);
        item.presenter = Some("Peru".into());
        let mut edit = ItemDraft::of(&state, &item);
        assert_eq!(
            (
                edit.title.as_str(),
                edit.presenter.as_str(),
                edit.minutes.as_str()
            ),
            ("First", "Peru", "")
        );
        edit.title = "Opening".into();
        edit.presenter = String::new();
        edit.minutes = "5".into();
        assert_eq!(
            edit.edit_command(&state, &item),
            Ok(Command::EditItem {
                item: ItemId::new("one"),
                title: text(&[("en", "Opening"), ("fr", "Premier")]),
                presenter: None,
                planned_minutes: Some(5),
            })
        );
    }
}

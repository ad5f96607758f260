//! The fold of the agenda and of the meeting as a whole (moving through the items,
//! marking, adding, editing and moving them; updating and closing the meeting), and the
//! questions asked of the whole agenda.

use super::MeetingState;
use crate::agenda::{AgendaItem, ItemState, Waiting};
use crate::event::{ApplyError, Event};
use crate::ids::{ItemId, LanguageCode};
use crate::info::MeetingInfo;
use crate::interpretation::{Channel, ChannelKind};
use crate::speakers::SpeakersList;

impl MeetingState {
    /// The first open item after the current one (the first open item before the meeting
    /// starts): where "next item" goes.
    pub fn next_open_item(&self) -> Option<&AgendaItem> {
        let from = self.current_item_position().map_or(0, |index| index + 1);
        self.agenda[from.min(self.agenda.len())..]
            .iter()
            .find(|item| item.is_open())
    }

    /// The last open item before the current one: where "previous item" goes. `None`
    /// before the meeting starts.
    pub fn previous_open_item(&self) -> Option<&AgendaItem> {
        let index = self.current_item_position()?;
        self.agenda[..index]
            .iter()
            .rev()
            .find(|item| item.is_open())
    }

    /// Folds the events of the agenda and of the meeting as a whole.
    pub(super) fn apply_agenda(&mut self, event: &Event, at: u64) -> Result<(), ApplyError> {
        match event {
            Event::CurrentItemChanged { item, waiting } => {
                let to = self
                    .item_position(item)
                    .ok_or(ApplyError::Inconsistent("unknown agenda item"))?;
                if self.agenda[to].state == ItemState::Skipped {
                    return Err(ApplyError::Inconsistent("the item is skipped"));
                }
                if !self.summarised
                    && let Some(left) = self.current_item.clone()
                {
                    self.settle_waiting(&left, item, *waiting)?;
                }
                if let Some(from) = self.current_item_position() {
                    let left = &mut self.agenda[from];
                    left.used_ms = left.used_ms_at(at);
                    left.live_since = None;
                    left.state = if from < to {
                        ItemState::Done
                    } else {
                        ItemState::Upcoming
                    };
                }
                let opened = &mut self.agenda[to];
                opened.state = ItemState::Live;
                opened.live_since = Some(at);
                self.started_at.get_or_insert(at);
                self.current_item = Some(item.clone());
            }
            Event::ItemMarked { item, state } => {
                let index = self
                    .item_position(item)
                    .ok_or(ApplyError::Inconsistent("unknown agenda item"))?;
                if *state == ItemState::Live || self.current_item.as_ref() == Some(item) {
                    return Err(ApplyError::Inconsistent(
                        "the current item changes state by moving on",
                    ));
                }
                self.agenda[index].state = *state;
            }
            Event::ItemAdded { item, position } => {
                let index = usize::try_from(*position)
                    .unwrap_or(usize::MAX)
                    .wrapping_sub(1);
                if self.item_position(&item.id).is_some()
                    || index > self.agenda.len()
                    || item.state != ItemState::Upcoming
                    || item.used_ms != 0
                    || item.live_since.is_some()
                {
                    return Err(ApplyError::Inconsistent("the item cannot be added so"));
                }
                if !self.summarised {
                    self.lists.push(SpeakersList::new(
                        item.id.clone(),
                        item.speaking_time_seconds,
                    ));
                }
                self.agenda.insert(index, item.clone());
            }
            Event::ItemEdited {
                item,
                title,
                presenter,
                planned_minutes,
            } => {
                let index = self
                    .item_position(item)
                    .ok_or(ApplyError::Inconsistent("unknown agenda item"))?;
                let edited = &mut self.agenda[index];
                edited.title = title.clone();
                edited.presenter = presenter.clone();
                edited.planned_minutes = *planned_minutes;
            }
            Event::ItemMoved { item, position } => {
                let index = self
                    .item_position(item)
                    .ok_or(ApplyError::Inconsistent("unknown agenda item"))?;
                let target = usize::try_from(*position)
                    .unwrap_or(usize::MAX)
                    .wrapping_sub(1);
                if target >= self.agenda.len() {
                    return Err(ApplyError::Inconsistent("position out of range"));
                }
                let moved = self.agenda.remove(index);
                self.agenda.insert(target, moved);
            }
            Event::MeetingUpdated { info, agenda } => self.update(info, agenda)?,
            Event::MeetingClosed => {
                if self.closed_at.is_some() {
                    return Err(ApplyError::Inconsistent("the meeting is already closed"));
                }
                if self.floor.is_some() {
                    return Err(ApplyError::Inconsistent("someone has the floor"));
                }
                if let Some(index) = self.current_item_position() {
                    let item = &mut self.agenda[index];
                    item.used_ms = item.used_ms_at(at);
                    item.live_since = None;
                    item.state = ItemState::Done;
                }
                self.closed_at = Some(at);
            }
            _ => return Err(ApplyError::Inconsistent("not an event of this area")),
        }
        Ok(())
    }

    /// Does with the requests waiting on `left` what the chair chose when moving to
    /// `to`: nothing, carry them to `to`'s list (each where its rules put it, in their
    /// order, except those whose owner already waits there), or close them.
    fn settle_waiting(
        &mut self,
        left: &ItemId,
        to: &ItemId,
        waiting: Waiting,
    ) -> Result<(), ApplyError> {
        if waiting == Waiting::Keep {
            return Ok(());
        }
        // Both lists are checked before either changes: a fold is all or nothing.
        self.existing_list_mut(to)?;
        let from = self.existing_list_mut(left)?;
        let waiting_requests = std::mem::take(&mut from.queue);
        from.length = 0;
        if waiting == Waiting::Carry {
            let into = self.existing_list_mut(to)?;
            for request in waiting_requests {
                let owner = request.owner().key();
                let there = into.queue.iter().any(|there| {
                    there.owner().key() == owner
                        || std::iter::once(&there.participant)
                            .chain(&there.also)
                            .any(|who| who == &request.participant || request.also.contains(who))
                });
                if !there {
                    into.insert(request, false);
                }
            }
        }
        Ok(())
    }

    /// Folds [`Event::MeetingUpdated`]: all or nothing (checks come first).
    fn update(&mut self, info: &MeetingInfo, agenda: &[AgendaItem]) -> Result<(), ApplyError> {
        if info.id != self.info.id {
            return Err(ApplyError::Inconsistent("another meeting's description"));
        }
        let mut ids: Vec<&ItemId> = agenda.iter().map(|item| &item.id).collect();
        ids.sort_unstable();
        if ids.windows(2).any(|pair| pair[0] == pair[1]) {
            return Err(ApplyError::Inconsistent("an item id appears twice"));
        }
        let kept = |id: &ItemId| agenda.iter().any(|item| &item.id == id);
        if self.current_item.as_ref().is_some_and(|item| !kept(item)) {
            return Err(ApplyError::Inconsistent(
                "the current item cannot be removed",
            ));
        }
        let removed_channel_on_air = self.channels.iter().any(|channel| {
            matches!(&channel.kind, ChannelKind::Interpretation { language }
                if !info.languages.contains(language) && channel.on_air.is_some())
        });
        if removed_channel_on_air {
            return Err(ApplyError::Inconsistent(
                "a removed language's channel is on air",
            ));
        }
        let mut updated = Vec::with_capacity(agenda.len());
        for item in agenda {
            let mut item = AgendaItem {
                state: ItemState::Upcoming,
                used_ms: 0,
                live_since: None,
                ..item.clone()
            };
            match self.item_position(&item.id) {
                Some(index) => {
                    let old = &self.agenda[index];
                    item.state = old.state;
                    item.used_ms = old.used_ms;
                    item.live_since = old.live_since;
                    if old.speaking_time_seconds != item.speaking_time_seconds
                        && let Some(list) = self.list_mut(&item.id)
                    {
                        list.speaking_time_seconds = item.speaking_time_seconds;
                    }
                }
                None if !self.summarised => self.lists.push(SpeakersList::new(
                    item.id.clone(),
                    item.speaking_time_seconds,
                )),
                None => {}
            }
            updated.push(item);
        }
        self.lists.retain(|list| kept(&list.item));
        self.agenda = updated;
        // The interpretation channels follow the new languages, in their order, where the
        // old ones stood; a kept language keeps its channel as it is.
        let old = std::mem::take(&mut self.channels);
        let interpretation_of = |language: &LanguageCode| {
            old.iter()
                .find(|channel| {
                    matches!(&channel.kind, ChannelKind::Interpretation { language: held } if held == language)
                })
                .cloned()
                .unwrap_or_else(|| Channel::interpretation(language))
        };
        let mut interpretation: Vec<Channel> =
            info.languages.iter().map(interpretation_of).collect();
        let mut channels = Vec::with_capacity(interpretation.len() + 3);
        for channel in &old {
            if matches!(channel.kind, ChannelKind::Interpretation { .. }) {
                channels.append(&mut interpretation);
            } else {
                channels.push(channel.clone());
            }
        }
        let at = channels.len().min(1);
        channels.splice(at..at, interpretation);
        for channel in &mut channels {
            channel.configure(&info.booths);
        }
        self.channels = channels;
        self.info = info.clone();
        Ok(())
    }
}

//! The page's areas, one file each. Each view reads the [`crate::session::Session`] from
//! the context and sends commands through [`crate::connection::send`]. What they show is
//! computed by the pure modules ([`crate::model`], [`crate::speakers`],
//! [`crate::timing`]); views only lay it out.
//!
//! # DOM contract
//!
//! The end-to-end browser tests (`tests/it/browser.rs`) find things by these ids and
//! attributes; keep them stable:
//!
//! - `#connection-status[data-state]`: `connecting`, `connected`, `reconnecting` or
//!   `failed`. `#meeting-title`. `#you`: the viewer's name and role.
//! - `#ui-language`: the interface language, a `select` with a `label`, its options
//!   `ar`, `en`, `fr`, `es`, each named in its own language and with its `lang`. Picking
//!   one keeps it in `localStorage` (`ui-language`), sets `<html lang>` and `<html dir>`
//!   (`rtl` for Arabic) and draws the page again in that language, the focus staying on
//!   the picker; the connection and the meeting's state are kept, and so is whatever
//!   was typed, chosen or unfolded and not sent yet (the request form, the item forms
//!   and which row's actions are unfolded, the give-floor form, the speaking time, the
//!   roster's filter and order, the speaker log's format, the participants card's search
//!   and add form). Without a saved
//!   choice, the page starts in the first of the browser's languages that it has, else
//!   English. Texts quoted below are the English ones.
//! - Names, delegations and meeting texts are isolated from the text around them:
//!   `<bdi>` where they stand alone (`#meeting-title bdi`, `bdi.you-name`,
//!   `bdi.you-delegation`, `#floor bdi`, `#queue bdi.name`, `bdi.item-title`, `#questions
//!   li bdi`), Unicode isolates (FSI…PDI) where a sentence holds them, `dir="auto"` on
//!   the fields where they are typed.
//! - `#current-item[data-item-id]` (empty before the meeting starts), whose text contains
//!   the item's title; `#questions`, its guiding questions; `#agenda li[data-item-id]`,
//!   the current one with `aria-current="step"`.
//! - The agenda's items (everyone): `#agenda li[data-item-id][data-state]` in the
//!   agenda's order, `data-state` being `upcoming`, `live`, `done` or `skipped`, shown
//!   as `.badge.item-state`; `.item-title[lang]` (also in `#current-item`,
//!   `.current-title-text[lang]`), the title in the interface language, else in the
//!   meeting's default language, `lang` being the language actually shown, followed by
//!   `.fallback-note` ("(in English)") when the item has no title in the interface
//!   language; `#questions` and `#meeting-title` likewise follow the interface language; `.details`, the presenter and
//!   planned minutes ("5 min"). In the live item, `#item-timer[data-state][data-used-ms]`
//!   with `data-planned-ms` when planned, `data-state` `running` or `overrun`; its text
//!   "12:30 of 80:00", "+2:10 over" or, without a plan, "12:30 used".
//! - The forecast (everyone): `#forecast` with `#meeting-start[data-at-ms]` (the
//!   scheduled start), `#meeting-started[data-at-ms]` once started, and, once started,
//!   `#item-ends-at` and `#meeting-ends-at`, each with `data-at-ms` (server time) when it
//!   can be forecast. Times are shown as "16:10" in the viewer's time zone. Chair only:
//!   `#close-list-hint` while the list runs past the plan ("Close the list now to finish
//!   this item by 16:10 (3 of 5 waiting fit)").
//! - The floor: `#floor[data-participant-id]` (empty when nobody speaks), with the
//!   speaker's name; `#floor-timer[data-state]` while someone speaks, `data-state` being
//!   `running`, `paused` or `overrun`, with `data-spoken-ms` and, when there is a limit,
//!   `data-remaining-ms` (negative once overrun); its text is "2:35 left", "+0:12 over"
//!   or "Speaking for 1:05". `#floor-paused` while the timer is paused.
//!   `#my-floor-status`, present exactly while the viewer has the floor.
//! - The list of speakers (everyone): `#queue-length[data-length]` (how many wait, also
//!   beyond those shown); `#queue li[data-participant-id][data-request-id][data-kind]`
//!   in the server's order, the name in its text (`data-kind` is `intervention`,
//!   `question`, `point_of_order` or `right_of_reply`); attendees see the first few and
//!   `#queue-more` when there are more. `#list-closed` while the list is closed;
//!   `#first-time-first-note` while first-time speakers go first.
//! - Asking for the floor (attendees, organisers): the form `#request-form` with
//!   `#request-kind` (a `select` of the kinds above), `#request-question` (only for a
//!   question on an item with guiding questions; value `""` or the 0-based index),
//!   `#request-language` (the meeting's languages), `#request-note` (at most 280
//!   characters, counted in `#request-note-count`), `#request-error`; its submit button
//!   `#raise-hand[aria-pressed]` (in `#hand-bar`, always in view, its `form` attribute
//!   naming the form) raises the hand with the form's values, or, pressed, withdraws the
//!   viewer's own request ("Lower hand": the one control that does, whatever the list
//!   shows). In `#hand-bar` too, while the viewer has a request of their
//!   own: `#my-position` ("You are number 2 in the queue."), `#my-wait` (the estimated
//!   wait; empty without a speaking-time limit) and `#you-are-next` (exactly while at
//!   position 1). `#my-requests li[data-request-id][data-position]` lists the viewer's
//!   and their delegation's requests.
//!   `button.withdraw-request` in each of a colleague's (the viewer's own is withdrawn by
//!   `#raise-hand`), `button.claim-request` in a delegation's request the viewer can
//!   speak for instead of the colleague who asked. The H key does what
//!   `#raise-hand` does, raising with the defaults (an intervention in the viewer's
//!   language) rather than the form's values.
//! - Chair only, on the floor: `#give-floor-next`, `#end-floor`, `#pause-floor`,
//!   `#resume-floor`; the form `#give-floor-other` (inside `details#give-floor-other-
//!   section`) with `#other-name`, `#other-delegation`, `#other-language` and its submit
//!   `#give-floor-other-submit`, `#other-name-error`.
//! - Chair only, in each `#queue li`: `button.give-floor`, `button.move-up`,
//!   `button.move-down`, `button.remove-request`.
//! - Chair only, managing the list: `#close-list`, `#reopen-list`,
//!   `#first-time-first[aria-pressed]`, `#readd-last-speaker`, `#clear-queue`, which
//!   asks first in `#clear-queue-confirmation` (the count in its text) answered by
//!   `#clear-queue-confirm` or `#clear-queue-cancel`; the form `#speaking-time-form`
//!   with `#speaking-time` ("3:00", whole minutes, or empty for the meeting's default),
//!   `#set-speaking-time`, `#speaking-time-current`, `#speaking-time-error`.
//! - Chair only, the agenda: `#previous-item`, `#next-item` (both pass over skipped
//!   items). Each of the three moves at once when no request waits on the current
//!   item; else it asks first in `#move-on-confirmation` (`#move-on-question`, with the
//!   count and the item) answered by `#move-on-keep` (the focus goes there),
//!   `#move-on-carry`, `#move-on-close` or `#move-on-cancel` (Escape too), the focus
//!   then returning to the control that asked; requesters are shown (`.toast`) what
//!   became of their request. In each `#agenda li`, two buttons only: `button.go-to`
//!   (`aria-disabled` on the current and on skipped items; it asks as above) and
//!   `button.item-more[aria-expanded]` ("More actions", `aria-controls` naming the
//!   row's `div.item-actions#item-actions-<id>`), which unfolds that row's other
//!   actions (one row at a time; Escape in them folds them and returns the focus to
//!   it). Only while unfolded, in `div.item-actions`:
//!   `button.mark-done`, `button.mark-skipped`, `button.mark-upcoming`,
//!   each present only when the item is not in that state, none on the live item;
//!   `button.move-item-up`, `button.move-item-down` (`aria-disabled` at the ends);
//!   `button.edit-item[aria-expanded]`, which opens the row's `form.edit-item-form` with
//!   `input.edit-title` (the title in the meeting's default language; other languages'
//!   titles are kept), `input.edit-presenter`, `input.edit-minutes` (whole minutes,
//!   1-600, or empty), `p.edit-item-error`, `button.edit-item-submit` (type submit) and
//!   `button.edit-item-cancel` (Escape also closes it). The form `#add-item`, adding at
//!   the end of the agenda: `#new-item-id` (1 to 64 lowercase letters, digits and
//!   dashes, not taken), `#new-item-title` (in the meeting's default language),
//!   `#new-item-presenter`, `#new-item-minutes`, `#add-item-error`, submit
//!   `#add-item-submit`, folded in `details#add-item-section`. The field at fault gets `aria-invalid="true"` and the focus.
//! - The channels (everyone): `#channels li#channel-status-<id>[data-channel-id]
//!   [data-state][data-status]`, one per channel in the meeting's order; `data-state` is
//!   `live` while someone is on air on it, else `standby`; `data-status` is what it
//!   delivers (`MeetingState::channel_status`): `original`, `live`, `relay`, `swapping`,
//!   `paused`, `standby` or `unavailable`, also in its text ("Live, via relay from the
//!   Arabic booth", "Standby: you hear the floor"; before the meeting starts an
//!   unavailable channel says "Not started yet", calmly, with the class `not-started`); `bdi.interpreter`, who is on air;
//!   `a.media-link` when the channel has a `media_url`; `[data-following="true"]` and
//!   `.badge.following` on the channel the viewer hears.
//! - The viewer's channel (roles that listen: attendees, the chair, organisers), in the
//!   channels' card (for the chair, folded in `details#listening-section`): `#listen-channel` (a `select` of the floor and the interpretation
//!   channels), `#listening-now` ("You hear the Arabic channel."), the ordered fallbacks
//!   `#fallbacks li[data-channel-id]` with `button.fallback-up`, `button.fallback-down`
//!   (`aria-disabled` at the ends) and `button.fallback-remove`, or `#fallbacks-none`
//!   when there are none; `#fallback-add` (a `select` of the channels not chosen yet) with
//!   `#fallback-add-submit`; the checkboxes `#need-sign` and `#need-captions`. The choice
//!   is kept in `localStorage` (`listening`). When the chosen channel stops delivering,
//!   the first fallback that delivers is heard, and the chosen one again when it returns;
//!   `#announcer` says so ("French interpretation paused. You now hear the Arabic
//!   channel.", "French interpretation is back.", "Captions are available.").
//! - Chair only, in the channels' card: `#floor-language` (a `select` of the meeting's
//!   languages) and `#set-floor-language`.
//! - Interpreters, signers and captioners (`section.booth`): `#on-air-toggle
//!   [aria-pressed]` (`aria-disabled` while a partner is on air); `#booth-pause
//!   [aria-pressed]` (`aria-disabled` unless the viewer is on air); one handover button
//!   whose id says what it does: `#request-handover` or `#cancel-handover` for the
//!   interpreter on air, `#take-over` for a partner ("Accept handover" while a handover
//!   is asked, else "Take over"), absent while nobody is on air;
//!   `#handover-countdown[data-remaining-ms]` while a handover is asked ("Waiting for
//!   your booth partner: 0:42 left", "Amira asks you to take over: 0:42 left");
//!   `#booth-working-into[role=switch][aria-checked]` for a bi-active booth;
//!   `#booth-relay` (`""` for the floor, or a booth) with `#set-relay` for interpretation
//!   booths; `#booth-task` ("The floor speaks Arabic: take relay from the Arabic
//!   booth."), `#booth-pivot` ("These booths take relay from you: …") when any do,
//!   `#booth-audience` ("3 people listen to your channel."), `#coming-next` (the next
//!   speaker's name and language). The controls are absent once the meeting is closed.
//! - `#dead-air li[data-channel-id]`: dead-air alerts received (a booth's people, the
//!   chair, organisers), while the silence lasts; each is also said at once through
//!   `#alerter`.
//! - Chair and organisers (also once the meeting has ended): `section#speaker-log` with
//!   `#speaker-log-format` (a `select`: `csv`, `json`, `md`) and
//!   `#download-speaker-log[aria-busy]`, which fetches the log with the viewer's token
//!   and saves it as `<meeting>-speakers.<ext>`; then `#speaker-log-outcome
//!   [data-outcome]` (`saved` or `failed`) says what happened ("Speaker log saved as
//!   m1-speakers.csv.", "Your session has expired: …"), also said through `#announcer`.
//! - Organisers only: the participants card `section#participants`, fetched from the
//!   participants API with the viewer's token and fetched again whenever the registry in
//!   the meeting's state changes. `#participants-search` (a search field: every word in
//!   the name, delegation, id or e-mail, ignoring case and Latin accents);
//!   `#participants-count[data-count]` (a status: "Matching: 3 of 2000.", "Only the
//!   first 50 are listed: …" beyond 50, "No participant matches."); `#participants-list
//!   li[data-participant-id][data-role][data-link-state]` (`active` or `revoked`), the
//!   first 50 matches in the registry's order, each with `bdi.name`, `.badge.link-state`
//!   ("Link active", "Link revoked"), `bdi.delegation`, `.role`, `.participant-id`,
//!   `bdi.email`, `.needs` ("Needs: Captions") and `.written-question` ("Written question:
//!   …") when they have any, and the buttons `button.copy-link` (the clipboard; when the browser
//!   refuses, the link is shown instead), `button.show-link`, `button.revoke-link` (both
//!   only while the link is active) and `button.replace-link`, each named "Copy link:
//!   Ana Pérez" and so on. Revoking, and replacing an active link, first unfold the
//!   inline confirmation `#link-confirm-{id}` (`role="group"`, the focus on its
//!   `button.link-confirm`; `button.link-cancel` or Escape folds it, the focus going back)
//!   saying that their open pages are disconnected at once. `#participant-link` shows a
//!   link to copy by hand: `#participant-link-text` (read-only, selected when shown, the
//!   focus on it) and `#participant-link-copy`. `#participants-outcome[data-outcome]`
//!   (`revoked`, `replaced`, `added`, `copied`, `copy-failed`, `failed`) says what
//!   happened, also through `#announcer`. The form `#add-participant-form`:
//!   `#participant-name` (required), `#participant-id` (left empty, made from the name:
//!   lowercase Latin letters and digits with dashes, accents dropped, `-2`, `-3` … when
//!   taken; a name without Latin letters or digits needs one typed), `#participant-role`
//!   (`attendee`, `chair`, `organiser`), `#participant-delegation`,
//!   `#participant-languages` (checkboxes `#participant-language-{tag}`),
//!   `#participant-email`, `#participant-sign-language`, `#participant-captions`, and
//!   `#add-participant-submit`. A refusal (the client's checks, or the API's 422 naming a
//!   field) sets `aria-invalid` on the field, shows `#participant-{field}-error`, says it
//!   and moves the focus there; once added, the new link is shown in
//!   `#participant-link`.
//! - An attendee whose link is revoked: the socket closes with 4411, the page shows
//!   `#failure-reason` ("The organisers have withdrawn this invite link …") and does not
//!   reconnect; opening a new invite link in that tab joins again.
//! - Organisers only (`section#participants-import`): `#import-file` (an `input
//!   type=file` with a `label`); once a file is chosen, its header line is read and
//!   `fieldset#import-mapping` offers `select#import-column-<field>[data-field]` for each
//!   field of `docs/participants.md` (`name`, `email`, `delegation`, `languages`, `role`,
//!   `booth`, `sign_language`, `captions`, `floor`, `item`, `kind`, `question`,
//!   `written_question`, `id`), each with the option `""` ("(not in the file)") and one
//!   per header of the file. A header that is the field's name or label (case aside) is
//!   chosen as a suggestion, and `#import-suggested` then says so; nothing else is
//!   guessed. `#import-check` (a dry run), `#import-run` (all or nothing) and, once a
//!   check or an import found problems in some rows, `#import-valid-only`; each has
//!   `aria-busy` while the request is on its way. `#import-outcome[data-outcome]`
//!   (`checked`, `refused`, `imported` or `failed`: no name column, the file unreadable,
//!   the server unreachable or an error) says what happened ("Checked: 2 of the rows can
//!   be imported. Problems found: 1.", "Participants imported: 2 (0 asked for the floor).
//!   Rows left out: 1."), also said through `#announcer`; `#import-errors
//!   li[data-line][data-field]` lists each problem ("Line 4, Languages: `de` is not a
//!   language of this meeting"; the message is the server's, in English). The file,
//!   the mapping and the outcome survive a change of language. `#download-links
//!   [aria-busy]` fetches every invite link with the viewer's token and saves it as
//!   `<meeting>-links.csv`; `#links-outcome[data-outcome]` (`saved` or `failed`) says so
//!   ("Invite links saved as m1-links.csv."), also through `#announcer`.
//! - `#session-ending`: "Your session ends in N minutes …", from ten minutes before the
//!   token expires until it is renewed.
//! - `#meeting-closed`: "This meeting has ended", once closed; then no action control of
//!   any role is shown (nor does the H key act) and commands are not sent.
//! - Who is connected (organisers: a card at the top of the page; the chair: the same
//!   card at the end, its details folded in `details#roster-details`): `#roster`, with
//!   `#roster-total[data-count]` ("5 people are connected."); the count tables
//!   `#roster-by-role`, `#roster-by-delegation` and `#roster-by-language`, each a
//!   `table` labelled by its `h3`, one `tr[data-key]` per role (its wire name: `attendee`,
//!   `sign_language_interpreter` …, in the order chair, organiser, attendee, interpreter,
//!   signer, captioner, roles nobody has left out), per delegation (its name, by name;
//!   `""` last for those without one) or per language listed (its tag, most people
//!   first; someone counts once per language they list), with the role, delegation or
//!   language in its `th` and `td[data-count]` ("3 people"). The list of people
//!   `#roster-people` (also `#roster li[data-participant-id][data-role]
//!   [data-connections]`), by name unless `#roster-order` (a `select`: `name`,
//!   `delegation`, `role`) says otherwise; each with `bdi.name`, `bdi.delegation` (when
//!   it is not the name), `.role`, `.booth`, `.languages` ("Languages: French, English")
//!   and `.devices` ("2 devices") only when connected more than once. `#roster-filter`
//!   (a search field) keeps those whose name or delegation contains its text, ignoring
//!   case; `#roster-shown` (a status) then says "Showing 2 people of 5." or "Nobody
//!   connected matches the filter.". Everything follows the `roster` messages live.
//! - Fixed at the top of the viewport (`.at-top`), whatever is scrolled:
//!   `#offline-banner[data-offline]` (`role="status"`, always in the page), whose text
//!   "Connection lost. Reconnecting… …" shows while the connection is lost and a meeting
//!   is shown (`data-offline="true"`); meanwhile `#floor-timer`, `#item-timer`, `#my-wait`
//!   and `#my-floor-status` have `data-stale="true"` and are followed or ended by
//!   `.not-current` ("(not current)"). `#toasts .toast[data-serial]`: messages about
//!   changes that must be seen (what the listener hears changed: the same text as
//!   `#announcer`; "Connected again. Everything shown is up to date." after a lost
//!   connection), each with `button.toast-dismiss` ("Dismiss message"); they take no
//!   focus, stay 8 s and while hovered or focused, and Escape dismisses them all.
//! - The registration page (`/register/{meeting}`, no invite needed): `#meeting-title`,
//!   `#ui-language` as above; the form `#registration-form` with `#reg-name`,
//!   `#reg-email`, `#reg-delegation`, the checkboxes `#reg-language-<tag>` (in
//!   `fieldset#reg-languages`), `#reg-need-sign`, `#reg-need-captions`, `#reg-floor`
//!   ("I ask for the floor", unfolding `#reg-floor-details`: `#reg-item`, `#reg-kind`
//!   (`intervention`, `question`), `#reg-question` for a question on an item with
//!   guiding questions, value `""` or the 0-based index), `#reg-written` with
//!   `#reg-written-count`, and the submit `#reg-submit[aria-busy]`. A field at fault has
//!   `aria-invalid="true"` and `aria-describedby` naming its `#<id>-error` (for the
//!   languages, each checkbox names `#reg-languages-error`); the first gets the focus;
//!   `#reg-summary` (`role="alert"`) says that fields need correcting, or that the
//!   address sent too many. Once sent: `#reg-status[data-status]` (`pending`,
//!   `approved`, `declined`) with `#reg-status-heading` (focused; "Your registration is
//!   waiting for the organisers"), and when approved `a#reg-join` ("Join the meeting",
//!   the invite link) and `#reg-link` (the link to copy); when declined `#reg-again`.
//!   `#reg-not-taking` when the meeting takes no registrations.
//! - Organisers, on their page: `section#registrations` (when the meeting takes
//!   registrations or has some), `#registrations-pending li[data-registration-id]
//!   [data-status="pending"]` with `bdi.name`, `bdi.delegation`, `dd.email`,
//!   `dd.languages`, `dd.needs`, `dd.floor`, `dd.written-question` and the buttons
//!   `button.approve-registration`, `button.decline-registration` (named "Approve: Ana
//!   Pérez"); `#registrations-none` when none waits; `#registrations-decided li
//!   [data-status]` (`approved`, `declined`); `#registrations-outcome` when a decision
//!   fails. New registrations and decisions are said through `#announcer`.
//! - `#announcer`: the polite `aria-live` region ("Item changed: …", "Item added: …",
//!   "The agenda was updated.", channel changes among others); `#alerter`: the assertive
//!   one (dead air); `#notice`: refused commands.
//!
//! Buttons whose action does not fit the moment are `aria-disabled` rather than
//! `disabled`, so that keyboard focus is not lost when the state changes under it.

mod agenda;
mod banners;
mod booth;
mod channels;
mod floor;
mod header;
mod list_controls;
mod participants;
mod participants_import;
mod registration;
mod registrations;
mod request;
mod roster;
mod speaker_log;
mod speakers;

pub use agenda::{Agenda, CurrentItem, Forecast, Questions};
pub use banners::{AtTheTop, DeadAir, MeetingClosed, SessionEnding};
pub use booth::Booth;
pub use channels::Channels;
pub use floor::Floor;
pub use header::{Header, Notices};
pub use list_controls::ListControls;
pub use participants::Participants;
pub use participants_import::ParticipantsImport;
pub use registration::{RegistrationPage, registration_meeting};
pub use registrations::Registrations;
pub use request::{HandBar, Request, provide_draft};
pub use roster::WhoIsConnected;
pub use speaker_log::SpeakerLog;
pub use speakers::Speakers;

use crate::session::Session;
use crate::speakers::Abilities;
use leptos::prelude::*;
use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use wasm_bindgen::JsCast;

/// What the viewer has typed, chosen or unfolded and not sent yet (a note for the chair,
/// an item being added or edited, a name to give the floor to …), kept above the part of
/// the page that is drawn again when the interface language changes, so that changing
/// the language loses none of it. Provided by the app ([`provide_unsent`]); views take
/// their part with [`unsent`].
#[derive(Clone)]
struct Unsent {
    /// The app's owner: what is kept is created under it, so that it outlives the page.
    owner: Owner,
    kept: Arc<Mutex<HashMap<&'static str, Box<dyn Any + Send + Sync>>>>,
}

/// Provides the store of unsent input; called by the app, above the page.
pub fn provide_unsent() {
    if let Some(owner) = Owner::current() {
        provide_context(Unsent {
            owner,
            kept: Arc::default(),
        });
    }
}

/// The part of the unsent input named `name` (signals, usually): made by `init` the
/// first time, under the app's owner, and the same every time the page is drawn again.
/// Without the store (outside the app), `init`'s value for this drawing only.
fn unsent<T: Clone + Send + Sync + 'static>(name: &'static str, init: impl FnOnce() -> T) -> T {
    let Some(store) = use_context::<Unsent>() else {
        return init();
    };
    let known = store
        .kept
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(name)
        .and_then(|value| value.downcast_ref::<T>())
        .cloned();
    known.unwrap_or_else(|| {
        let value = store.owner.with(init);
        store
            .kept
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(name, Box::new(value.clone()));
        value
    })
}

/// Whether the viewer chairs the meeting (and it is still open).
fn is_chair(session: Session) -> Memo<bool> {
    Memo::new(move |_| abilities_of(session).chair)
}

/// What the viewer's role sees of the list of speakers.
fn abilities(session: Session) -> Memo<Abilities> {
    Memo::new(move |_| abilities_of(session))
}

/// What the viewer's role may do; once the meeting is closed, nothing but read (every
/// command would be refused).
fn abilities_of(session: Session) -> Abilities {
    let closed = session.closed();
    session.you.with(|you| {
        you.as_ref().map_or(
            Abilities {
                ask: false,
                chair: false,
                full_list: false,
            },
            |you| {
                let abilities = Abilities::of(you.role);
                Abilities {
                    ask: abilities.ask && !closed,
                    chair: abilities.chair && !closed,
                    full_list: abilities.full_list,
                }
            },
        )
    })
}

/// Whether the `details` element a `toggle` event comes from is open now.
fn details_open(event: &web_sys::Event) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        .is_some_and(|details| details.open())
}

/// `aria-disabled` for a button: present (`"true"`) only when the action does not fit.
fn aria_disabled(disabled: bool) -> Option<&'static str> {
    disabled.then_some("true")
}

/// `aria-busy` for a button whose command is on its way.
fn aria_busy(busy: bool) -> Option<&'static str> {
    busy.then_some("true")
}

/// `aria-pressed` for a toggle button.
fn aria_pressed(pressed: bool) -> &'static str {
    if pressed { "true" } else { "false" }
}

/// Moves the keyboard focus to the element `selector` finds, if any: after an action
/// removes the focused element (a queue entry that got the floor, say), so that keyboard
/// users are not sent back to the top of the page.
/// A row's details ("Peru · Attendee · peru"), each part after the first preceded by the
/// interface's separator.
fn with_separators(parts: Vec<AnyView>) -> Vec<AnyView> {
    let separator = crate::i18n::text(crate::i18n::Key::DetailSeparator);
    parts
        .into_iter()
        .enumerate()
        .flat_map(|(index, part)| {
            let gap = (index > 0).then(|| separator.into_any());
            gap.into_iter().chain(std::iter::once(part))
        })
        .collect()
}

fn focus(selector: &str) -> bool {
    document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|element| element.focus().is_ok())
}

# The interface in English: the reference that the other languages follow.
#
# Every message here exists in ar.ftl, fr.ftl and es.ftl with the same variables; the
# unit tests of client-web check it. Variables holding names, titles or notes are
# isolated by the client (Unicode FSI…PDI), so messages put them where the sentence
# needs them without further marks. Counts are numbers: select on them with the plural
# categories of the language (`[one]`, `*[other]`; Arabic also `[zero]`, `[two]`,
# `[few]`, `[many]`).

## The page and joining

app-name = Meeting control
interface-language = Interface language
connecting = Connecting…
connected = Connected
reconnecting = Reconnecting…
not-connected = Not connected
offline = Connection lost. Reconnecting… Times and the list shown here are not current.
# Next to a countdown or a clock while the connection is lost.
not-current = (not current)
up-to-date = Connected again. Everything shown is up to date.
dismiss-message = Dismiss message
joining = Joining the meeting…
open-invite = Open your invite link
open-invite-explained = This page needs the personal invite link you received for the meeting. Open that link to join.
invalid-invite = Your invite link is not valid or has expired. Ask the meeting’s organiser for a new link.
session-expired = Your session has expired. Open your invite link again, or ask the meeting’s organiser for a new one.
session-ending =
    { $minutes ->
        [one] Your session ends in 1 minute. Open your invite link again to stay in the meeting.
       *[other] Your session ends in { $minutes } minutes. Open your invite link again to stay in the meeting.
    }
outdated-client = This page is out of date. Reload it to join the meeting.
too-many-connections = The meeting is already open in too many of your tabs or devices. Close one of them, then reload this page.
link-revoked = The organisers have withdrawn this invite link. If you should still take part, ask them for a new link.
cannot-join = You cannot join the meeting
not-sent = Not connected: your action was not sent. Try again once connected.
chair-controls = Chair controls
you = You
cancel = Cancel
# Joins the details of one row: “in French · Question 2: … · Registered”.
detail-separator = { " · " }
# A speaker and the delegation they speak for: “Ana Pérez (Peru)”.
name-with-delegation = { $name } ({ $delegation })

## Roles

role-attendee = Attendee
role-chair = Chair
role-interpreter = Interpreter
role-sign-language-interpreter = Sign-language interpreter
role-captioner = Captioner
role-organiser = Organiser

## Languages, as named in running text and in lists

language-ar = Arabic
language-en = English
language-fr = French
language-es = Spanish
language-ru = Russian
language-zh = Chinese
# A note after a meeting text that is not in the interface language: “(in English)”.
in-language = (in { $language })
# The language someone speaks in: “in French”.
speaks-in = in { $language }

## The agenda

current-item = Now
not-started = The meeting has not started yet.
presenter = Presented by { $name }
planned-minutes = { $minutes } min
guiding-questions = Guiding questions
agenda = Agenda
previous-item = Previous item
next-item = Next item
go-to = Go to
go-to-label = Go to item: { $title }
item-upcoming = Upcoming
item-live = Now
item-done = Done
item-skipped = Skipped
# The time the current item has used against its plan: “12:30 of 80:00”.
item-used-of = { $used } of { $planned }
item-used = { $time } used
item-over = +{ $time } over
item-changed = Item changed: { $title }
item-added = Item added: { $title }
mark-done = Done
mark-done-label = Done: mark { $title } as done
mark-skipped = Skip
mark-skipped-label = Skip: { $title }
mark-upcoming = Upcoming
mark-upcoming-label = Upcoming: mark { $title } as upcoming again
move-item-up-label = Up: move { $title } up the agenda
move-item-down-label = Down: move { $title } down the agenda
edit-item = Edit
edit-item-label = Edit: { $title }
item-more = More actions
item-more-label = More actions: { $title }
item-actions-label = Actions: { $title }
item-id-label = Id (lowercase letters, digits and dashes)
item-title-label = Title in { $language }
item-presenter-label = Presented by (optional)
item-minutes-label = Planned minutes (optional)
save-item = Save
add-item = Add an item
add-item-submit = Add item
item-id-invalid = Use 1 to 64 lowercase letters, digits and dashes for the id.
item-id-taken = Another item already has this id.
item-title-required = Enter a title.
item-title-too-long = The title is longer than 200 characters.
item-presenter-too-long = The presenter is longer than 200 characters.
item-minutes-invalid = Enter whole minutes from 1 to 600, or leave it empty.

## The forecast (times as “16:10”, in the viewer’s time zone)

forecast = Forecast
scheduled-start = Scheduled start: { $time }
started-at = Started at { $time }
item-ends-at = This item ends at about { $time }
meeting-ends-at = The meeting ends at about { $time }
item-end-unknown = This item’s end cannot be forecast yet
meeting-end-unknown = The meeting’s end cannot be forecast yet
# $fit of the $waiting requests can still speak before $time.
close-list-hint = Close the list now to finish this item by { $time } ({ $fit } of { $waiting } waiting fit)
times-are-local = Times are in your time zone.

## The floor

floor = Floor
nobody-has-floor = Nobody has the floor
you-have-floor = You have the floor.
floor-given-to = { $name } has the floor.
speech-ended = Your speech has ended.
speaking-for = Speaking for { $time }
time-left = { $time } left
time-over = +{ $time } over
timer-paused = Timer paused
your-time-paused = Your speaking time is paused.
your-time-resumed = Your speaking time runs again.
give-floor-next = Give the floor to the next speaker
give-floor = Give the floor
give-floor-label = Give the floor to { $name }
end-speech = End speech
pause-timer = Pause timer
resume-timer = Resume timer
give-floor-other = Give the floor to someone not on the list
other-name = Name
other-delegation = Delegation (optional)
other-language = Language
language-not-stated = Not stated
name-required = Enter the name of the person who will speak.

## The list of speakers

speakers = List of speakers
queue-length =
    { $count ->
        [0] Nobody is waiting to speak.
        [one] { $count } person is waiting to speak.
       *[other] { $count } people are waiting to speak.
    }
# After the first few requests of a long list.
queue-more = and { $count } more
queue-label = Requests to speak, in order
queue-next-label = Next in line
list-is-closed = The list of speakers is closed: only points of order are taken.
first-time-first-on = Those who have not yet spoken on this item go first.
registered = Registered
# Members of the delegation whose requests were merged into this one.
also-asked =
    { $count ->
        [one] { $count } colleague also asked
       *[other] { $count } colleagues also asked
    }
note-for-chair = Note: { $note }
list-closed-announced = The list of speakers is closed.
list-reopened-announced = The list of speakers is open again.

## Asking for the floor

ask-for-floor = Ask for the floor
request-kind-label = Request
kind-intervention = Intervention
kind-question = Question
kind-point-of-order = Point of order
kind-right-of-reply = Right of reply
request-question-label = On the guiding question
no-particular-question = No particular question
question-numbered = Question { $number }: { $text }
request-language-label = I will speak in
request-note-label = Note for the chair (optional)
note-count = { $count } of { $max } characters
note-too-long = The note is longer than { $max } characters.
raise-hand = Raise hand
lower-hand = Lower hand
shortcut-hand = Shortcut: H
your-requests = Your requests
queue-position = You are number { $position } in the queue.
you-are-next = You are next in the queue.
delegation-position = Your delegation’s request is number { $position } in the queue ({ $name } speaks).
delegation-next = Your delegation is next ({ $name } speaks).
estimated-wait = Estimated wait: about { $minutes } min
estimated-wait-short = Estimated wait: less than a minute
withdraw = Withdraw
withdraw-label = Withdraw the request: { $kind }
claim-request = Speak for my delegation
claim-request-label = Speak for my delegation instead of { $name }
hand-lowered = Your hand is lowered.
request-removed = Your request was removed from the list of speakers.

## The chair’s management of the list

manage-list = Manage the list
move-up = Up
move-up-label = Up: move { $name } up the list
move-down = Down
move-down-label = Down: move { $name } down the list
remove = Remove
remove-label = Remove { $name } from the list of speakers
close-list = Close the list
reopen-list = Reopen the list
first-time-first = First-time speakers first
clear-queue = Lower all hands
clear-queue-confirm =
    { $count ->
        [one] Lower the { $count } raised hand? The request leaves the list.
       *[other] Lower all { $count } raised hands? Every request leaves the list.
    }
clear-queue-yes = Yes, lower all hands
readd-last-speaker = Re-add last speaker
readd-last-speaker-label = Re-add last speaker: { $name }, at the top of the list
speaking-time = Speaking time (minutes:seconds)
speaking-time-hint = Leave empty for the meeting’s default.
set-speaking-time = Set
speaking-time-is = Speaking time: { $time }
speaking-time-is-default = Speaking time: { $time } (the meeting’s default)
no-speaking-time = No speaking-time limit
speaking-time-invalid = Enter a time such as 3:00, from 0:10 to 60:00.

## Channels and the interpreter’s booth

channels = Channels
channel-floor = Floor
channel-sign-language = Sign language
channel-captions = Captions
channel-live = { $channel } channel live
channel-standby = { $channel } channel on standby
your-booth = Your booth: { $channel }
go-on-air = Go on air
go-off-air = Go off air
you-are-on-air = You are on air
other-on-air = { $name } is on air on this channel
booth-off-air = Off air: the channel is on standby
# Several booths in a sentence are separated by this: “French booth, Spanish booth”.
booth-list = { ", " }
# Booths as named in sentences (“take relay from the Arabic booth”).
booth-ar = Arabic booth
booth-en = English booth
booth-fr = French booth
booth-es = Spanish booth
booth-ru = Russian booth
booth-zh = Chinese booth
booth-of = { $language } booth

## What a channel delivers ($kind is floor, interpretation, sign or captions)

status-original = Original
status-live = Live
status-relay = Live, via relay from the { $booth }
status-swapping = Interpreters swapping
status-paused = Paused
status-standby =
    { $kind ->
        [interpretation] Standby: you hear the floor
       *[other] Standby
    }
status-unavailable = Unavailable
# Before the meeting starts, instead of "unavailable": calm, not a fault.
status-not-started = Not started yet

## Your language channel: the listener’s choice, fallbacks and what they are told

listening = Your language channel
listen-channel-label = I listen to
fallbacks-label = If it stops, switch to (in this order)
fallbacks-none = No fallback: while your channel is silent you hear the floor.
fallback-add-label = Add a fallback channel
fallback-add = Add
fallback-up-label = Up: move { $channel } up the fallbacks
fallback-down-label = Down: move { $channel } down the fallbacks
fallback-remove-label = Remove { $channel } from the fallbacks
need-sign = I need sign language
need-captions = I need captions
hearing =
    { $kind ->
        [floor] You hear the floor.
       *[other] You hear the { $language } channel.
    }
hearing-floor-instead = The { $language } channel gives nothing now: you hear the floor.
now-hearing =
    { $kind ->
        [floor] You now hear the floor.
       *[other] You now hear the { $language } channel.
    }
you-hear-this = You hear this
media-link = Open the { $channel } channel
said-live =
    { $kind ->
        [sign] Sign language interpretation is on screen.
        [captions] Captions are available.
       *[other] { $language } interpretation is live.
    }
said-relay = { $language } interpretation is live, via relay from the { $booth }.
said-original = The floor speaks { $language }: you hear the original.
said-swapping = Sign language interpreter is swapping.
said-paused =
    { $kind ->
        [sign] Sign language interpretation paused.
        [captions] Captions paused.
       *[other] { $language } interpretation paused.
    }
said-standby =
    { $kind ->
        [sign] Sign language interpretation is on standby.
        [captions] Captions are on standby.
       *[other] { $language } interpretation is on standby.
    }
said-unavailable =
    { $kind ->
        [sign] Sign language interpretation is not available.
        [captions] Captions are not available.
       *[other] { $language } interpretation is not available.
    }
said-back = { $language } interpretation is back.

## The interpreter’s console

pause-channel = Pause
resume-channel = Resume
booth-paused = Paused: your listeners hear the floor.
working-into-retour = Work into the retour ({ $language })
relay-label = Relay input
relay-floor = The floor (no relay)
apply = Apply
request-handover = Request handover
cancel-handover = Cancel handover
accept-handover = Accept handover
take-over = Take over
handover-waiting = Waiting for your booth partner: { $time } left
handover-asked = { $name } asks you to take over: { $time } left
task-direct = The floor speaks { $floor }: interpret from the floor.
task-relay = The floor speaks { $floor }: take relay from the { $pivot }.
task-retour = Work into { $language } (retour).
task-idle-floor = Idle: the floor speaks { $floor }.
task-idle-covered = Idle: the { $pivot }’s retour covers { $language }.
task-no-source = The floor speaks { $floor }: no booth can give you the floor.
relying =
    { $count ->
        [one] This booth takes relay from you: { $booths }.
       *[other] These booths take relay from you: { $booths }.
    }
audience =
    { $count ->
        [0] Nobody listens to your channel.
        [one] { $count } person listens to your channel.
       *[other] { $count } people listen to your channel.
    }
coming-next-heading = Coming next
coming-next = Next speaker: { $name }, who will speak { $language }.
dead-air-heading = Dead air
dead-air = No interpretation into { $language } for { $time } while the floor speaks.

## The chair’s interpretation controls, and the meeting as a whole

floor-language-label = Floor language
floor-language-unset = Not set
meeting-updated = The agenda was updated.
meeting-ended = This meeting has ended.
meeting-ended-explained = Nothing can be changed any more; the record stays available.

## Refused commands: “{ $action }: { $reason }”, the reason in lower case

command-refused = { $action }: { $reason }
error-unauthorized = you are not allowed in this meeting
error-forbidden = your role cannot do that
error-invalid = the server did not understand the request
error-not-found = that no longer exists
error-conflict = that does not fit the meeting as it is now
error-list-closed = the list of speakers is closed; only points of order are taken
error-limit-reached = your delegation already has as many requests as allowed
error-rate-limited = too many actions at once; wait a moment
error-unavailable = the service is busy; try again
error-unsupported-version = this page is out of date; reload it
error-internal = something went wrong on the server
action-raise-hand = Raise hand
action-lower-hand = Lower hand
action-claim-request = Speak for my delegation
action-give-floor = Give the floor
action-end-floor = End speech
action-pause-floor = Pause timer
action-resume-floor = Resume timer
action-move-request = Move request
action-clear-queue = Lower all hands
action-close-list = Close the list
action-reopen-list = Reopen the list
action-first-time-first = First-time speakers first
action-readd-last-speaker = Re-add last speaker
action-speaking-time = Speaking time
action-change-item = Change item
action-mark-item = Mark item
action-add-item = Add item
action-edit-item = Edit item
action-move-item = Move item
action-on-air = On air
action-floor-language = Floor language
action-working-into = Working language
action-relay = Relay input
action-pause-channel = Pause
action-request-handover = Request handover
action-cancel-handover = Cancel handover
action-take-over = Take over

## Who is connected (organisers, and the chair)

roster = Who is connected
roster-show = Show who is connected
roster-total =
    { $count ->
        [0] Nobody is connected.
        [one] { $count } person is connected.
       *[other] { $count } people are connected.
    }
# A count in the tables by role, delegation and language.
roster-people =
    { $count ->
        [one] { $count } person
       *[other] { $count } people
    }
roster-by-role = By role
roster-by-delegation = By delegation
roster-by-language = By language
roster-column-role = Role
roster-column-delegation = Delegation
roster-column-language = Language
roster-column-people = People
roster-no-delegation = No delegation
roster-list = Everyone connected
roster-filter-label = Filter by name or delegation
roster-order-label = Order by
roster-order-name = Name
roster-order-delegation = Delegation
roster-order-role = Role
# While the filter hides some: $count of the $total people connected are shown.
roster-shown =
    { $count ->
        [one] Showing { $count } person of { $total }.
       *[other] Showing { $count } people of { $total }.
    }
roster-no-match = Nobody connected matches the filter.
# Someone connected from several tabs or devices.
roster-devices =
    { $count ->
        [one] { $count } device
       *[other] { $count } devices
    }
roster-languages = Languages: { $languages }

## Moving on while requests wait: the chair is asked, the requesters told.
move-on-question =
    { $count ->
        [one] One request waits on “{ $item }”. What becomes of it?
       *[other] { $count } requests wait on “{ $item }”. What becomes of them?
    }
move-on-carry = Carry over to “{ $item }”
move-on-keep = Keep on “{ $item }”
move-on-close = Lower the hands
move-on-cancel = Stay on this item
request-kept = Your request stays on the list of “{ $item }”, for when the chair returns to it.
request-carried = Your request was carried over to this item.
request-closed = The chair closed the list of “{ $item }”: your hand is lowered.
# The chair's and organisers' download of the speaker log.
speaker-log = Speaker log
speaker-log-explained = Who spoke, on which item, in which language and for how long.
speaker-log-format = Format
speaker-log-csv = CSV (spreadsheet)
speaker-log-json = JSON (data)
speaker-log-markdown = Summary (Markdown)
download-speaker-log = Download the speaker log
# $file: the name the file was saved under.
speaker-log-downloaded = Speaker log saved as { $file }.
speaker-log-expired = Your session has expired: open your invite link again to download the speaker log.
speaker-log-forbidden = Your role may not download the speaker log.
speaker-log-unavailable = The speaker log cannot be made right now. Try again in a moment.
speaker-log-offline = The speaker log could not be downloaded: the server cannot be reached.
# $status: the HTTP status of an unexpected answer.
speaker-log-failed = The speaker log could not be downloaded (error { $status }).

## Self-registration: the registration page (/register/{meeting}) and the organisers'
## list of registrations.

reg-heading = Register for the meeting
reg-intro = Tell the organisers who you are. Once they approve your registration, this page gives you your link to the meeting.
reg-loading = Loading the registration form…
reg-not-taking = This meeting does not take registrations.
reg-name = Name
reg-email = E-mail address
reg-delegation = Delegation
reg-languages = Languages you follow
reg-needs = What you need
reg-need-sign = Sign-language interpretation
reg-need-captions = Captions
reg-ask-floor = I ask for the floor
reg-item = Agenda item
reg-kind = To make
reg-kind-intervention = An intervention
reg-kind-question = A question
reg-question = Guiding question
reg-question-none = None in particular
reg-written = A question in writing for the organisers
reg-optional = (optional)
reg-submit = Register
reg-errors-summary = Some fields need correcting.
reg-error-name = Enter your name.
reg-error-email = Enter your e-mail address.
reg-error-email-invalid = Enter an e-mail address such as name@example.org.
reg-error-languages = Choose at least one language.
reg-error-item = Choose an item of the agenda.
reg-error-question = Choose one of the item’s guiding questions.
reg-error-too-long = This is too long.
reg-error-characters = Remove the special characters from this field.
reg-rate-limited = Too many registrations came from your connection. Please try again in a minute.
reg-send-failed = Your registration could not be sent. Please try again.
reg-pending-heading = Your registration is waiting for the organisers
reg-pending = This page checks by itself whether it is approved. You can close it and open it again later in this browser.
reg-approved-heading = Your registration is approved
reg-join = Join the meeting
reg-link-label = Your link to the meeting (keep it to yourself)
reg-no-link = Your link is not available right now. Please contact the organisers.
reg-declined-heading = Your registration was declined
reg-declined = The organisers did not approve this registration. Please contact them if you think this is a mistake.
reg-register-again = Register again
regs-heading = Registrations
regs-waiting = Waiting for a decision
regs-none-waiting = No registration is waiting.
regs-decided = Decided
regs-approve = Approve
regs-decline = Decline
# $name: who registered.
regs-approve-label = Approve: { $name }
regs-decline-label = Decline: { $name }
regs-status-approved = Approved
regs-status-declined = Declined
regs-email = E-mail
regs-languages = Languages
regs-needs = Needs
regs-floor = Asks for the floor
regs-written = Written question
regs-received = New registration: { $name }
regs-announced-approved = Registration approved: { $name }
regs-announced-declined = Registration declined: { $name }
# $status: the HTTP status of an unexpected answer.
regs-decision-failed = The decision could not be recorded (error { $status }).

## The organisers' participants card.
participants = Participants
participants-explained = Everyone invited, with their invite links. Revoke a link that leaked; replace it to send the person a new one.
participants-search-label = Search by name, delegation, id or e-mail
participants-loading = Loading the participants…
participants-no-match = No participant matches.
# $count: how many participants match the search; $total: how many there are.
participants-shown = Matching: { $count } of { $total }.
participants-first-shown = Only the first 50 are listed: search to find the others.
participant-link-active = Link active
participant-link-revoked = Link revoked
copy-link = Copy link
show-link = Show link
revoke-link = Revoke link
replace-link = Replace link
# $name: the participant's name.
copy-link-label = Copy link: { $name }
show-link-label = Show link: { $name }
revoke-link-label = Revoke link: { $name }
replace-link-label = Replace link: { $name }
participant-link-heading = Invite link of { $name }
participant-link-hint = Select the link and copy it, or use Copy link.
link-copied = Invite link of { $name } copied.
link-copy-failed = The link could not be copied: select it in the box and copy it by hand.
revoke-confirm = Revoke the link of { $name }? Their open pages are disconnected at once and the link stops working.
replace-confirm = Replace the link of { $name }? The old link stops working and their open pages are disconnected at once; you get a new link to send them.
link-revoked-done = Link of { $name } revoked: their open pages are disconnected.
link-replaced-done = New link for { $name }: copy it and send it to them.
participant-added = { $name } added: copy their link and send it to them.
# $status: the HTTP status of an unexpected answer.
participants-failed = The participants could not be loaded or changed (error { $status }).
participants-offline = The server cannot be reached. Try again in a moment.
add-participant = Add a participant
add-participant-explained = For someone who registered late. They get their own invite link.
participant-name = Name
participant-id = Id
participant-id-hint = Lowercase letters, digits and dashes. Left empty, it is made from the name.
participant-role = Role
participant-delegation = Delegation (optional)
participant-languages = Languages
participant-email = E-mail (optional)
participant-needs = Needs
participant-sign-language = Sign-language interpretation
participant-captions = Captions
participant-written-question = Written question: { $question }
participant-needs-list = Needs: { $needs }
add-participant-submit = Add participant
participant-error-name = Enter a name, without control characters.
participant-error-id = An id is 1 to 64 lowercase Latin letters, digits and dashes: type one.
participant-error-id-taken = This id is already someone else's: choose another.
participant-error-email = Enter an e-mail address, such as name@example.org.
participant-error-delegation = The delegation holds characters that cannot be used.
participant-error-languages = Choose only languages of this meeting.
# The organisers' import of registrations and download of invite links.
import-heading = Import registrations
import-explained = Bring people in from your registration tool's export (a CSV file). Say which column of the file holds each field: nothing is guessed.
import-file = Registration file (CSV)
import-columns = Which column holds each field
import-suggested = Columns whose header is the field's name are chosen for you: check each one before importing.
import-column-none = (not in the file)
import-field-id = Id
import-field-name = Name (required)
import-field-email = E-mail
import-field-delegation = Delegation
import-field-role = Role
import-field-booth = Booth
import-field-languages = Languages
import-field-sign-language = Sign language
import-field-captions = Captions
import-field-floor = Asks for the floor
import-field-item = Agenda item
import-field-kind = Kind of request
import-field-question = Guiding question
import-field-written-question = Written question
import-check = Check
import-run = Import
import-valid-only = Import the valid rows
import-no-name = Choose the column that holds the names.
import-unreadable = The file could not be read as text.
import-errors = Problems in the file
# $valid: rows that can be imported; $errors: problems found.
import-checked = Checked: { $valid } of the rows can be imported. Problems found: { $errors }.
# $imported: participants imported; $requests: those who asked for the floor; $errors: rows left out.
import-done = Participants imported: { $imported } ({ $requests } asked for the floor). Rows left out: { $errors }.
import-refused = Nothing was imported. Problems found: { $errors }.
# $line: the line of the file; $field: the field; $message: what is wrong (from the server, in English).
import-error = Line { $line }, { $field }: { $message }
# $status: the HTTP status of an unexpected answer.
import-failed = The request failed (error { $status }). Nothing was imported.
import-offline = The server cannot be reached. Try again in a moment.
download-links = Download all invite links (CSV)
# $file: the name the file was saved under.
links-downloaded = Invite links saved as { $file }.
# $status: the HTTP status of an unexpected answer.
links-failed = The invite links could not be downloaded (error { $status }).

//! The page: the chair's laid out around the floor and the list of speakers, everyone
//! else's around the item and the floor, with the hand bar for those who ask for the
//! floor; each role sees the controls it may use. It is drawn in the interface language,
//! and drawn again, whole, when the viewer picks another; the session, and with it the
//! connection and the meeting, stays, and so does what the viewer typed and did not send
//! yet (`views::provide_unsent`).

use crate::connection;
use crate::i18n::{self, Key};
use crate::locale;
use crate::model;
use crate::session::{Failure, Session};
use crate::views::{
    Agenda, AtTheTop, Booth, Channels, CurrentItem, DeadAir, Floor, Forecast, HandBar, Header,
    ListControls, MeetingClosed, Notices, Participants, Questions, RegistrationPage, Registrations,
    Request, SessionEnding, SpeakerLog, Speakers, WhoIsConnected, provide_draft, provide_unsent,
    registration_meeting,
};
use leptos::ev;
use leptos::prelude::*;
use protocol::Role;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// The whole page. Provides the [`Session`] to every view, starts the connection, and
/// draws the page again when the interface language changes.
#[component]
pub fn App() -> impl IntoView {
    // `/register/{meeting}`: the registration page, which needs no invite.
    if let Some(meeting) = registration_meeting() {
        return view! { <RegistrationPage meeting/> }.into_any();
    }
    let language = locale::initial();
    locale::apply(language);
    let session = Session::new(language);
    provide_context(session);
    // Above the page, so that what the viewer typed and did not send yet survives the
    // page being drawn again in another language.
    provide_unsent();
    connection::start(session);
    listen_for_shortcuts(session);
    set_interval(
        move || session.now.set(js_sys::Date::now()),
        Duration::from_secs(1),
    );
    // The tab's title follows the meeting's, in the interface language.
    let document = document();
    let title = Memo::new(move |_| {
        session.language.track();
        session.with_meeting(|meeting| model::localized(meeting, &meeting.info.title).to_owned())
    });
    Effect::new(move |_| document.set_title(&i18n::tab_title(title.get().as_deref())));
    mark_when_the_meeting_shows(session);
    (move || {
        session.language.track();
        untrack(|| view! { <Page/> })
    })
    .into_any()
}

/// Marks (`performance.mark("meeting-shown")`) the first frame that shows the meeting,
/// so that page-load measurements (and anyone's real-user monitoring) can read when the
/// person saw their meeting, not only when files arrived.
fn mark_when_the_meeting_shows(session: Session) {
    Effect::new(move |marked: Option<bool>| {
        if marked == Some(true) {
            return true;
        }
        let shown = session.meeting.with(Option::is_some);
        if shown {
            request_animation_frame(|| {
                if let Some(performance) = window().performance() {
                    let _ = performance.mark("meeting-shown");
                }
            });
        }
        shown
    });
}

/// Everything on the page, in the current interface language.
#[component]
fn Page() -> impl IntoView {
    let session = Session::get();
    provide_draft();
    let failure = Memo::new(move |_| session.failure.get());
    let loaded = Memo::new(move |_| session.meeting.with(Option::is_some));
    let works_channel = Memo::new(move |_| {
        session
            .you
            .with(|you| you.as_ref().is_some_and(|you| you.role.works_channel()))
    });
    let role = Memo::new(move |_| session.you.with(|you| you.as_ref().map(|you| you.role)));
    view! {
        <AtTheTop/>
        <Header/>
        <Notices/>
        {move || match (failure.get(), loaded.get()) {
            (Some(failure), _) => view! { <FailurePage failure/> }.into_any(),
            (None, false) => view! {
                <main class="joining">
                    <p>{i18n::text(Key::Joining)}</p>
                </main>
            }
            .into_any(),
            (None, true) => view! {
                <main class="layout">
                    <div class="banners">
                        <MeetingClosed/>
                        <SessionEnding/>
                        <DeadAir/>
                    </div>
                    <HandBar/>
                    {move || if role.get() == Some(Role::Chair) {
                        view! { <ChairColumns/> }.into_any()
                    } else {
                        view! { <Columns works_channel/> }.into_any()
                    }}
                </main>
            }
            .into_any(),
        }}
    }
}

/// The chair's page: the floor and the list of speakers first, beside the agenda, so
/// that who speaks, the time left, who is next and "give the floor to the next speaker"
/// fit the first screen; the chair's own listening settings and the roster come after,
/// folded.
#[component]
fn ChairColumns() -> impl IntoView {
    view! {
        <div class="column">
            <Floor/>
            <Speakers/>
            <ListControls/>
            <Channels/>
        </div>
        <div class="column">
            <CurrentItem/>
            <Forecast/>
            <Agenda/>
            <Questions/>
            <WhoIsConnected/>
            <SpeakerLog/>
        </div>
    }
}

/// Everyone else's page: the item and the floor first; who is connected at the top for
/// organisers (watching it is their job), the console first for a booth.
#[component]
fn Columns(works_channel: Memo<bool>) -> impl IntoView {
    let session = Session::get();
    let organiser = Memo::new(move |_| {
        session
            .you
            .with(|you| you.as_ref().is_some_and(|you| you.role == Role::Organiser))
    });
    view! {
        <div class="column">
            <Show when=move || organiser.get()>
                <WhoIsConnected/>
            </Show>
            <Registrations/>
            <Show when=move || works_channel.get()>
                <Booth/>
            </Show>
            <CurrentItem/>
            <Floor/>
            <Channels/>
            <Request/>
            <Speakers/>
            <ListControls/>
        </div>
        <div class="column">
            <Questions/>
            <Forecast/>
            <Agenda/>
            <Show when=move || organiser.get()>
                <Participants/>
                <SpeakerLog/>
                <crate::views::ParticipantsImport/>
            </Show>
        </div>
    }
}

/// Shown instead of the meeting when the client cannot join.
#[component]
fn FailurePage(failure: Failure) -> impl IntoView {
    let (heading, explanation) = match failure {
        Failure::NoInvite => (Key::OpenInvite, Key::OpenInviteExplained),
        Failure::Refused(reason) => (Key::CannotJoin, reason),
    };
    view! {
        <main class="failure">
            <section class="card" aria-labelledby="failure-heading">
                <h2 id="failure-heading">{i18n::text(heading)}</h2>
                <p id="failure-reason">{i18n::text(explanation)}</p>
            </section>
        </main>
    }
}

/// "H" raises or lowers the hand (an intervention in the viewer's default language, or
/// withdrawing their own request), unless the focus is in a text field or a modifier is
/// held (so that browser and screen-reader shortcuts keep working).
fn listen_for_shortcuts(session: Session) {
    let _ = window_event_listener(ev::keydown, move |event| {
        if event.ctrl_key() || event.meta_key() || event.alt_key() || event.repeat() {
            return;
        }
        if !event.key().eq_ignore_ascii_case("h") || typing(event.target()) {
            return;
        }
        if connection::toggle_hand(session) {
            event.prevent_default();
        }
    });
}

/// Whether a key press goes into a text field.
fn typing(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|target| target.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|element| {
            element.is_content_editable()
                || matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        })
}

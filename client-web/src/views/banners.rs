//! Banners across the top of the page: the meeting has ended, the session is about to
//! end, and dead air (someone has the floor and no booth interprets into a language).

use crate::console;
use crate::i18n::{self, Key};
use crate::session::Session;
use leptos::prelude::*;
use protocol::ChannelId;

/// "This meeting has ended", once it has.
#[component]
pub fn MeetingClosed() -> impl IntoView {
    let session = Session::get();
    let closed = Memo::new(move |_| session.closed());
    view! {
        <Show when=move || closed.get()>
            <section id="meeting-closed" class="banner closed" aria-labelledby="meeting-closed-heading">
                <h2 id="meeting-closed-heading">{i18n::text(Key::MeetingEnded)}</h2>
                <p>{i18n::text(Key::MeetingEndedExplained)}</p>
            </section>
        </Show>
    }
}

/// "Your session ends in 5 minutes …": from ten minutes before the token expires until a
/// fresh invite link renews it, so that the viewer can act before being cut off.
#[component]
pub fn SessionEnding() -> impl IntoView {
    let session = Session::get();
    let minutes = Memo::new(move |_| {
        let ends_at = session.session_ends_at.get()?;
        crate::policy::session_minutes_left(session.server_now(), ends_at)
    });
    view! {
        <Show when=move || minutes.get().is_some()>
            <section id="session-ending" class="banner session-ending" role="status">
                <p>{move || minutes.get().map(i18n::session_ending)}</p>
            </section>
        </Show>
    }
}

/// The dead-air alerts received (the booth's, or every booth's for the chair), while
/// each silence goes on, with how long it has lasted.
#[component]
pub fn DeadAir() -> impl IntoView {
    let session = Session::get();
    let alerts = Memo::new(move |_| {
        let now = session.server_now();
        session.dead_air.with(|alerts| {
            session
                .with_meeting(|state| {
                    alerts
                        .iter()
                        .filter_map(|(channel, since)| {
                            console::dead_air_text(state, channel, *since, now)
                                .map(|text| (channel.clone(), text))
                        })
                        .collect::<Vec<(ChannelId, String)>>()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <Show when=move || alerts.with(|alerts| !alerts.is_empty())>
            <section id="dead-air" class="banner dead-air" aria-labelledby="dead-air-heading">
                <h2 id="dead-air-heading">{i18n::text(Key::DeadAirHeading)}</h2>
                <ul>
                    {move || {
                        alerts
                            .get()
                            .into_iter()
                            .map(|(channel, text)| view! { <li data-channel-id=channel.to_string()>{text}</li> })
                            .collect_view()
                    }}
                </ul>
            </section>
        </Show>
    }
}

//! The booth of an interpreter, sign-language interpreter or captioner: their channel's
//! state and the on-air toggle.

use super::aria_pressed;
use crate::connection;
use crate::i18n::{self, Key};
use crate::model::{self, Booth as BoothState};
use crate::session::Session;
use leptos::prelude::*;

/// The viewer's booth channel and the button that puts it on or off air. The button is
/// rendered once and only its attributes change, so that it keeps the keyboard focus.
#[component]
pub fn Booth() -> impl IntoView {
    let session = Session::get();
    let booth = Memo::new(move |_| {
        session
            .with(|meeting, you| {
                model::booth(&meeting.state, you)
                    .map(|(channel, state)| (i18n::channel(&channel.kind), state))
            })
            .flatten()
    });
    let on_air = move || booth.with(|booth| matches!(booth, Some((_, BoothState::OnAirByMe))));
    let heading = move || {
        booth
            .with(|booth| booth.as_ref().map(|(channel, _)| i18n::your_booth(channel)))
            .unwrap_or_default()
    };
    let state = move || {
        booth.with(|booth| match booth.as_ref().map(|(_, state)| state) {
            Some(BoothState::OnAirByMe) => i18n::text(Key::YouAreOnAir).to_owned(),
            Some(BoothState::OnAirByOther(name)) => i18n::other_on_air(name),
            Some(BoothState::OffAir) | None => i18n::text(Key::BoothOffAir).to_owned(),
        })
    };
    let toggle = move |_| {
        if let Some(command) = session
            .with_untracked(|meeting, you| model::on_air_command(&meeting.state, you))
            .flatten()
        {
            connection::send(command);
        }
    };
    view! {
        <Show when=move || booth.with(Option::is_some)>
            <section class="card booth" class:on-air=on_air aria-labelledby="booth-heading">
                <h2 id="booth-heading">{heading}</h2>
                <p class="booth-state">{state}</p>
                <button
                    id="on-air-toggle"
                    class="primary big"
                    aria-pressed=move || aria_pressed(on_air())
                    on:click=toggle
                >
                    <span class="on-air-light" aria-hidden="true"></span>
                    {move || i18n::text(if on_air() { Key::GoOffAir } else { Key::GoOnAir })}
                </button>
            </section>
        </Show>
    }
}

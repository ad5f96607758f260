//! The channels listeners can follow, each live (with its interpreter) or on standby.

use crate::i18n::{self, Key};
use crate::session::Session;
use leptos::prelude::*;
use protocol::ChannelId;

/// Every channel and its state.
#[component]
pub fn Channels() -> impl IntoView {
    let session = Session::get();
    let channels = Memo::new(move |_| {
        session
            .with_meeting(|meeting| {
                meeting
                    .channels
                    .iter()
                    .map(|channel| {
                        (
                            channel.id.clone(),
                            i18n::channel(&channel.kind),
                            channel.on_air.as_ref().map(|on_air| on_air.name.clone()),
                        )
                    })
                    .collect::<Vec<(ChannelId, String, Option<String>)>>()
            })
            .unwrap_or_default()
    });
    view! {
        <section class="card channels" aria-labelledby="channels-heading">
            <h2 id="channels-heading">{i18n::text(Key::Channels)}</h2>
            <ul id="channels">
                <For each=move || channels.get() key=|channel| channel.clone() let:channel>
                    {
                        let (id, name, on_air) = channel;
                        let live = on_air.is_some();
                        view! {
                            <li
                                data-channel-id=id.to_string()
                                data-state=if live { "live" } else { "standby" }
                                class:live=live
                            >
                                <span class="channel-name">{name}</span>
                                <span class="channel-state">
                                    {match on_air {
                                        Some(interpreter) => i18n::live_by(&interpreter),
                                        None => i18n::text(Key::Standby).to_owned(),
                                    }}
                                </span>
                            </li>
                        }
                    }
                </For>
            </ul>
        </section>
    }
}

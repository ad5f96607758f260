//! The channels: what each delivers now (everyone), the listener's choice of channel with
//! its ordered fallbacks, sign language and captions, and the chair's floor language.

use super::{aria_disabled, focus, is_chair};
use crate::channels::{self, Follower};
use crate::connection;
use crate::i18n::{self, Key};
use crate::session::Session;
use crate::storage;
use leptos::html;
use leptos::prelude::*;
use protocol::{ChannelId, ChannelKind, ChannelStatus, Command, LanguageCode, Listening};

/// One channel's row.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Row {
    id: ChannelId,
    name: String,
    status: ChannelStatus,
    status_text: String,
    /// Unavailable only because the meeting has not started: said calmly, not as a fault.
    not_started: bool,
    on_air: Option<String>,
    media_url: Option<String>,
    following: bool,
}

/// Every channel with what it delivers; for listeners, their choice first; for the chair,
/// the floor language.
#[component]
pub fn Channels() -> impl IntoView {
    let session = Session::get();
    let chair = is_chair(session);
    let listens = Memo::new(move |_| {
        session
            .you
            .with(|you| you.as_ref().is_some_and(|you| channels::listens(you.role)))
    });
    let rows = Memo::new(move |_| {
        let following = session
            .follower
            .with(|follower| follower.as_ref().map(|f| f.following.clone()));
        session.presence.with(|presence| {
            session
                .with_meeting(|meeting| {
                    meeting
                        .channels
                        .iter()
                        .map(|channel| {
                            let status =
                                meeting.channel_status(channel, presence.staffed(&channel.id));
                            let not_started = meeting.started_at.is_none()
                                && status == ChannelStatus::Unavailable;
                            Row {
                                id: channel.id.clone(),
                                name: i18n::channel_label(&channel.kind),
                                status_text: if not_started {
                                    i18n::text(Key::StatusNotStarted).to_owned()
                                } else {
                                    i18n::channel_status(&channel.kind, &status)
                                },
                                not_started,
                                status,
                                on_air: channel.on_air.as_ref().map(|on_air| on_air.name.clone()),
                                media_url: channel.media_url.clone(),
                                following: following.as_ref() == Some(&channel.id),
                            }
                        })
                        .collect::<Vec<Row>>()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <section class="card channels" aria-labelledby="channels-heading">
            <h2 id="channels-heading">{i18n::text(Key::Channels)}</h2>
            // The chair listens too, but that is not their task: folded until asked for.
            <Show when=move || listens.get() && !chair.get()>
                <ListenControls/>
            </Show>
            <Show when=move || listens.get() && chair.get()>
                <details id="listening-section" class="more listening-more">
                    <summary>{i18n::text(Key::Listening)}</summary>
                    <ListenControls/>
                </details>
            </Show>
            <Show when=move || chair.get()>
                <FloorLanguage/>
            </Show>
            <ul id="channels">
                <For each=move || rows.get() key=|row| row.clone() let:row>
                    <ChannelRow row/>
                </For>
            </ul>
        </section>
    }
}

#[component]
fn ChannelRow(row: Row) -> impl IntoView {
    let Row {
        id,
        name,
        status,
        status_text,
        not_started,
        on_air,
        media_url,
        following,
    } = row;
    let live = matches!(
        status,
        ChannelStatus::Live { .. } | ChannelStatus::Relay { .. }
    );
    let on_air_now = on_air.is_some();
    let interpreter = on_air
        .filter(|_| !matches!(status, ChannelStatus::Original))
        .map(|name| view! { <bdi class="interpreter">{name}</bdi> });
    let media = media_url.map(|url| {
        let label = i18n::media_link(&name);
        view! {
            <a class="media-link" href=url target="_blank" rel="noopener noreferrer">{label}</a>
        }
    });
    view! {
        <li
            id=format!("channel-status-{id}")
            data-channel-id=id.to_string()
            data-state=if on_air_now { "live" } else { "standby" }
            data-status=channels::status_name(&status)
            data-following=following.then_some("true")
            class:live=live
            class:following=following
            class:not-started=not_started
        >
            <span class="channel-name">{name}</span>
            <span class="channel-state">{status_text}</span>
            {interpreter}
            {following.then(|| view! { <span class="badge following">{i18n::text(Key::YouHearThis)}</span> })}
            {media}
        </li>
    }
}

/// Changes the viewer's choice with `change`, keeps it in this browser and tells the
/// server what they now follow.
fn update_choice(session: Session, change: impl FnOnce(&Listening) -> Listening) {
    let presence = session.presence.get_untracked();
    session.meeting.with_untracked(|meeting| {
        let Some(meeting) = meeting else { return };
        session.follower.update(|follower| {
            if let Some(follower) = follower {
                let preference = channels::fit(&change(&follower.preference), &meeting.state);
                storage::keep_listening(&preference);
                follower.prefer(preference, &meeting.state, &presence);
            }
        });
    });
    connection::listening_changed();
}

/// The listener's channel, fallbacks, sign language and captions.
#[component]
fn ListenControls() -> impl IntoView {
    let session = Session::get();
    let preference = Memo::new(move |_| {
        session
            .follower
            .with(|follower| follower.as_ref().map(|f| f.preference.clone()))
            .unwrap_or_default()
    });
    let audible = Memo::new(move |_| {
        session
            .with_meeting(|meeting| {
                meeting
                    .channels
                    .iter()
                    .filter(|channel| channels::audible(channel))
                    .map(|channel| (channel.id.clone(), i18n::channel_label(&channel.kind)))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let name_of = move |id: &ChannelId| {
        audible.with(|audible| {
            audible
                .iter()
                .find(|(known, _)| known == id)
                .map_or_else(|| id.to_string(), |(_, name)| name.clone())
        })
    };
    let hearing = Memo::new(move |_| {
        session
            .follower
            .with(|follower| {
                let follower: &Follower = follower.as_ref()?;
                session.with_meeting(|meeting| channels::hearing(follower, meeting))
            })
            .flatten()
    });
    let options = Memo::new(move |_| {
        preference.with(|preference| {
            session
                .with_meeting(|meeting| channels::fallback_options(preference, meeting))
                .unwrap_or_default()
        })
    });
    let adding = NodeRef::<html::Select>::new();
    let add = move |_| {
        let Some(value) = adding.get_untracked().map(|select| select.value()) else {
            return;
        };
        if value.is_empty() {
            return;
        }
        let id = ChannelId::new(value);
        update_choice(session, |preference| {
            channels::add_fallback(preference, &id)
        });
    };
    let fallbacks = move || {
        preference.with(|preference| {
            let count = preference.fallbacks.len();
            preference
                .fallbacks
                .iter()
                .cloned()
                .enumerate()
                .map(|(index, id)| (index, count, id))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="listening" role="group" aria-labelledby="listening-heading">
            <h3 id="listening-heading">{i18n::text(Key::Listening)}</h3>
            <div class="field">
                <label for="listen-channel">{i18n::text(Key::ListenChannelLabel)}</label>
                <select
                    id="listen-channel"
                    on:change=move |event| {
                        let id = ChannelId::new(event_target_value(&event));
                        update_choice(session, |preference| channels::choose(preference, &id));
                    }
                >
                    {move || {
                        let chosen = preference.with(channels::preferred);
                        audible
                            .get()
                            .into_iter()
                            .map(|(id, name)| {
                                let selected = id == chosen;
                                view! { <option value=id.to_string() selected=selected>{name}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <p id="listening-now" class="listening-now">{move || hearing.get()}</p>
            <p id="fallbacks-label" class="label">{i18n::text(Key::FallbacksLabel)}</p>
            <Show
                when=move || preference.with(|preference| !preference.fallbacks.is_empty())
                fallback=|| view! { <p id="fallbacks-none" class="details">{i18n::text(Key::FallbacksNone)}</p> }
            >
                <ol id="fallbacks" aria-labelledby="fallbacks-label">
                    <For each=fallbacks key=|entry| entry.clone() let:entry>
                        {
                            let (index, count, id) = entry;
                            let name = name_of(&id);
                            view! { <FallbackRow index count id name/> }
                        }
                    </For>
                </ol>
            </Show>
            <Show when=move || options.with(|options| !options.is_empty())>
                <div class="field-row">
                    <label for="fallback-add">{i18n::text(Key::FallbackAddLabel)}</label>
                    <select id="fallback-add" node_ref=adding>
                        {move || {
                            options
                                .get()
                                .into_iter()
                                .map(|id| {
                                    let name = name_of(&id);
                                    view! { <option value=id.to_string()>{name}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                    <button id="fallback-add-submit" type="button" on:click=add>
                        {i18n::text(Key::FallbackAdd)}
                    </button>
                </div>
            </Show>
            <div class="checks">
                <label class="check">
                    <input
                        type="checkbox"
                        id="need-sign"
                        prop:checked=move || preference.with(|preference| preference.sign)
                        on:change=move |event| {
                            let sign = event_target_checked(&event);
                            update_choice(session, |preference| Listening { sign, ..preference.clone() });
                        }
                    />
                    {i18n::text(Key::NeedSign)}
                </label>
                <label class="check">
                    <input
                        type="checkbox"
                        id="need-captions"
                        prop:checked=move || preference.with(|preference| preference.captions)
                        on:change=move |event| {
                            let captions = event_target_checked(&event);
                            update_choice(session, |preference| Listening { captions, ..preference.clone() });
                        }
                    />
                    {i18n::text(Key::NeedCaptions)}
                </label>
            </div>
        </div>
    }
}

/// One fallback with its buttons. Rows are drawn anew when the list changes, so the
/// pressed button gets the focus back.
#[component]
fn FallbackRow(index: usize, count: usize, id: ChannelId, name: String) -> impl IntoView {
    let session = Session::get();
    let first = index == 0;
    let last = index + 1 == count;
    let selector = move |class: &str, id: &ChannelId| {
        format!("#fallbacks li[data-channel-id='{id}'] button.{class}")
    };
    let shift = {
        let id = id.clone();
        move |up: bool| {
            if (up && first) || (!up && last) {
                return;
            }
            let id = id.clone();
            update_choice(session, |preference| {
                channels::move_fallback(preference, &id, up)
            });
            let target = selector(if up { "fallback-up" } else { "fallback-down" }, &id);
            request_animation_frame(move || {
                focus(&target);
            });
        }
    };
    let shift_down = shift.clone();
    let remove = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            update_choice(session, |preference| {
                channels::remove_fallback(preference, &id)
            });
            request_animation_frame(|| {
                if !focus("#fallbacks li button.fallback-remove") {
                    focus("#fallback-add");
                }
            });
        }
    };
    view! {
        <li data-channel-id=id.to_string()>
            <span class="channel-name">{name.clone()}</span>
            <span class="entry-actions">
                <button
                    type="button"
                    class="small fallback-up"
                    aria-label=i18n::fallback_label(Key::FallbackUpLabel, &name)
                    aria-disabled=aria_disabled(first)
                    on:click=move |_| shift(true)
                >
                    {i18n::text(Key::MoveUp)}
                </button>
                <button
                    type="button"
                    class="small fallback-down"
                    aria-label=i18n::fallback_label(Key::FallbackDownLabel, &name)
                    aria-disabled=aria_disabled(last)
                    on:click=move |_| shift_down(false)
                >
                    {i18n::text(Key::MoveDown)}
                </button>
                <button
                    type="button"
                    class="small danger fallback-remove"
                    aria-label=i18n::fallback_label(Key::FallbackRemoveLabel, &name)
                    on:click=remove
                >
                    {i18n::text(Key::Remove)}
                </button>
            </span>
        </li>
    }
}

/// The chair's choice of the language the floor speaks.
#[component]
fn FloorLanguage() -> impl IntoView {
    let session = Session::get();
    let current = Memo::new(move |_| {
        session
            .with_meeting(|meeting| meeting.floor_language.clone())
            .flatten()
    });
    let languages = Memo::new(move |_| {
        session
            .with_meeting(|meeting| {
                meeting
                    .channels
                    .iter()
                    .filter_map(|channel| match &channel.kind {
                        ChannelKind::Interpretation { language } => {
                            Some((language.clone(), i18n::language(language)))
                        }
                        _ => None,
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let picker = NodeRef::<html::Select>::new();
    let apply = move |_| {
        let Some(value) = picker.get_untracked().map(|select| select.value()) else {
            return;
        };
        let language = LanguageCode::new(value);
        if language.as_str().is_empty() || current.get_untracked().as_ref() == Some(&language) {
            return;
        }
        connection::send(Command::SetFloorLanguage { language });
    };
    view! {
        <div class="field-row floor-language">
            <label for="floor-language">{i18n::text(Key::FloorLanguageLabel)}</label>
            <select id="floor-language" node_ref=picker>
                {move || {
                    let chosen = current.get();
                    let unset = chosen.is_none().then(|| view! {
                        <option value="" selected=true disabled=true>{i18n::text(Key::FloorLanguageUnset)}</option>
                    });
                    let options = languages
                        .get()
                        .into_iter()
                        .map(|(code, name)| {
                            let selected = chosen.as_ref() == Some(&code);
                            view! { <option value=code.to_string() selected=selected>{name}</option> }
                        })
                        .collect_view();
                    view! { {unset} {options} }
                }}
            </select>
            <button id="set-floor-language" type="button" on:click=apply>{i18n::text(Key::Apply)}</button>
        </div>
    }
}

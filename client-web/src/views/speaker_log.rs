//! The chair's and organisers' download of the speaker log: a format and a button. The
//! page fetches the log from the server's endpoint with the viewer's own token (in the
//! `Authorization` header, never in the URL) and hands it to the browser as a file;
//! what happened is shown beside the button and said through the live region.

use super::aria_busy;
use crate::connection;
use crate::http;
use crate::i18n::{self, Key};
use crate::session::Session;
use crate::speaker_log::{self, Format};
use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::Role;

/// How the latest download went.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Saved(String),
    Failed(String),
}

/// The speaker log's card, for the chair and organisers (also once the meeting has
/// ended: that is when the log is wanted most).
#[component]
pub fn SpeakerLog() -> impl IntoView {
    let session = Session::get();
    let allowed = Memo::new(move |_| {
        session.you.with(|you| {
            you.as_ref()
                .is_some_and(|you| matches!(you.role, Role::Chair | Role::Organiser))
        })
    });
    let format = super::unsent("speaker-log-format", || RwSignal::new(Format::default()));
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);
    let download = move |_| {
        if busy.get_untracked() {
            return;
        }
        let Some(meeting) = session.with_meeting(|meeting| meeting.info.id.to_string()) else {
            return;
        };
        let format = format.get_untracked();
        busy.set(true);
        outcome.set(None);
        spawn_local(async move {
            let result = fetch_and_save(&meeting, format).await;
            busy.set(false);
            let (shown, said) = match result {
                Ok(file) => {
                    let text = i18n::speaker_log_downloaded(&file);
                    (Outcome::Saved(text.clone()), text)
                }
                Err(status) => {
                    let text = match speaker_log::failure(status) {
                        Some(Ok(key)) => i18n::text(key).to_owned(),
                        Some(Err(status)) => i18n::speaker_log_failed(status),
                        None => i18n::speaker_log_failed(status.unwrap_or_default()),
                    };
                    (Outcome::Failed(text.clone()), text)
                }
            };
            outcome.set(Some(shown));
            session.announce(said);
        });
    };
    view! {
        <Show when=move || allowed.get()>
            <section id="speaker-log" class="card speaker-log" aria-labelledby="speaker-log-heading">
                <h2 id="speaker-log-heading">{i18n::text(Key::SpeakerLog)}</h2>
                <p class="details">{i18n::text(Key::SpeakerLogExplained)}</p>
                <div class="field">
                    <label for="speaker-log-format">{i18n::text(Key::SpeakerLogFormat)}</label>
                    <div class="field-row">
                        <select
                            id="speaker-log-format"
                            on:change=move |event| {
                                if let Some(chosen) = Format::from_extension(&event_target_value(&event)) {
                                    format.set(chosen);
                                }
                            }
                        >
                            {Format::ALL
                                .into_iter()
                                .map(|option| view! {
                                    <option value=option.extension() selected=move || format.get() == option>
                                        {i18n::text(option.label())}
                                    </option>
                                })
                                .collect_view()}
                        </select>
                        <button
                            id="download-speaker-log"
                            type="button"
                            aria-busy=move || aria_busy(busy.get())
                            aria-describedby="speaker-log-outcome"
                            on:click=download
                        >
                            {i18n::text(Key::DownloadSpeakerLog)}
                        </button>
                    </div>
                </div>
                <p
                    id="speaker-log-outcome"
                    class=move || match outcome.get() {
                        Some(Outcome::Failed(_)) => "field-error speaker-log-outcome",
                        _ => "details speaker-log-outcome",
                    }
                    data-outcome=move || outcome.with(|outcome| match outcome {
                        Some(Outcome::Saved(_)) => Some("saved"),
                        Some(Outcome::Failed(_)) => Some("failed"),
                        None => None,
                    })
                >
                    {move || outcome.get().map(|(Outcome::Saved(text) | Outcome::Failed(text))| text)}
                </p>
            </section>
        </Show>
    }
}

/// Fetches the log in `format` with the viewer's token and saves it; the file's name, or
/// the server's HTTP status (`None` when it could not be reached).
async fn fetch_and_save(meeting: &str, format: Format) -> Result<String, Option<u16>> {
    let token = connection::token().ok_or(Some(401))?;
    let encoded = String::from(js_sys::encode_uri_component(meeting));
    let response = http::send("GET", &format.path(&encoded), Some(&token), None)
        .await
        .map_err(|_| None)?;
    let status = response.status();
    if speaker_log::failure(Some(status)).is_some() {
        return Err(Some(status));
    }
    let blob = http::blob(&response).await.ok_or(None)?;
    let file = format.file_name(meeting);
    http::save(&blob, &file).map_err(|_| Some(status))?;
    Ok(file)
}

//! The organisers' card for bringing registrations in and handing the links out: a
//! registration tool's CSV export is chosen, its header line read, and each of our fields
//! mapped to one of its columns (headers that are the field's name are chosen as a
//! suggestion the organiser sees); "Check" asks the server for a dry run, "Import"
//! imports, "Import the valid rows" leaves the bad rows out. Every problem is listed with
//! its line and field. "Download all invite links (CSV)" saves the links' file. Requests
//! carry the viewer's own token in the `Authorization` header; outcomes are shown beside
//! the buttons and said through the live region.

use super::{aria_busy, focus, unsent};
use crate::connection;
use crate::http;
use crate::i18n::{self, Key};
use crate::import::{self, Answer, FIELDS};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::Role;
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// How the latest check or import went.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    /// The server's answer.
    Answered(Answer),
    /// A fixed reason (the file unreadable, no name column, the server out of reach).
    Said(Key),
    /// Any other HTTP status.
    Failed(u16),
}

impl Outcome {
    /// The `data-outcome` of `#import-outcome`.
    fn kind(&self) -> &'static str {
        match self {
            Self::Answered(answer) if answer.dry_run => "checked",
            Self::Answered(answer) if answer.refused => "refused",
            Self::Answered(_) => "imported",
            Self::Said(_) | Self::Failed(_) => "failed",
        }
    }

    /// What it says, in the interface language.
    fn text(&self) -> String {
        match self {
            Self::Answered(answer) => {
                let errors = answer.problems.len() as u64;
                if answer.dry_run {
                    i18n::import_checked(answer.valid, errors)
                } else if answer.refused {
                    i18n::import_refused(errors)
                } else {
                    i18n::import_done(answer.imported, answer.requests, errors)
                }
            }
            Self::Said(key) => i18n::text(*key).to_owned(),
            Self::Failed(status) => i18n::import_failed(*status),
        }
    }
}

/// How the latest links download went.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Saved {
    Saved(String),
    Failed(String),
}

/// The card, on the organisers' page only.
#[component]
pub fn ParticipantsImport() -> impl IntoView {
    let session = Session::get();
    let organiser = Memo::new(move |_| {
        session
            .you
            .with(|you| you.as_ref().is_some_and(|you| you.role == Role::Organiser))
    });
    let csv = unsent("import-csv", || RwSignal::new(None::<String>));
    let headers = unsent("import-headers", || RwSignal::new(Vec::<String>::new()));
    let mapping = unsent("import-mapping", || {
        RwSignal::new(BTreeMap::<String, String>::new())
    });
    let suggested = unsent("import-suggested", || RwSignal::new(false));
    let outcome = unsent("import-outcome", || RwSignal::new(None::<Outcome>));
    let busy = RwSignal::new(false);
    let links_busy = RwSignal::new(false);
    let links_outcome = RwSignal::new(None::<Saved>);

    let chosen = move |event: leptos::ev::Event| {
        let Some(file) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0))
        else {
            return;
        };
        outcome.set(None);
        spawn_local(async move {
            let text = JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|text| text.as_string());
            let found = text.as_deref().map(import::headers).unwrap_or_default();
            if found.is_empty() {
                csv.set(None);
                headers.set(Vec::new());
                mapping.set(BTreeMap::new());
                let said = Outcome::Said(Key::ImportUnreadable);
                session.announce(said.text());
                outcome.set(Some(said));
                return;
            }
            let guess = import::suggested(&found, |key| i18n::text(key).to_owned());
            suggested.set(!guess.is_empty());
            mapping.set(guess);
            headers.set(found);
            csv.set(text);
        });
    };

    let send = move |dry_run: bool, valid_only: bool| {
        if busy.get_untracked() {
            return;
        }
        let Some(text) = csv.get_untracked() else {
            return;
        };
        if !mapping.with_untracked(|mapping| mapping.contains_key("name")) {
            let said = Outcome::Said(Key::ImportNoName);
            session.announce(said.text());
            outcome.set(Some(said));
            focus("#import-column-name");
            return;
        }
        let Some(meeting) = session.with_meeting(|meeting| meeting.info.id.to_string()) else {
            return;
        };
        let body =
            mapping.with_untracked(|mapping| import::body(&text, mapping, dry_run, valid_only));
        busy.set(true);
        spawn_local(async move {
            let encoded = String::from(js_sys::encode_uri_component(&meeting));
            let result = fetch(&import::import_path(&encoded), Some(body)).await;
            let shown = match result {
                Ok((status, response)) => {
                    let text = http::text(&response).await;
                    match import::answer(status, &text) {
                        Some(answer) => Outcome::Answered(answer),
                        None => Outcome::Failed(status),
                    }
                }
                Err(None) => Outcome::Said(Key::ImportOffline),
                Err(Some(status)) => Outcome::Failed(status),
            };
            busy.set(false);
            session.announce(shown.text());
            outcome.set(Some(shown));
        });
    };

    let download = move |_| {
        if links_busy.get_untracked() {
            return;
        }
        let Some(meeting) = session.with_meeting(|meeting| meeting.info.id.to_string()) else {
            return;
        };
        links_busy.set(true);
        links_outcome.set(None);
        spawn_local(async move {
            let encoded = String::from(js_sys::encode_uri_component(&meeting));
            let file = import::links_file_name(&meeting);
            let result = match fetch(&import::links_path(&encoded), None).await {
                Ok((200, response)) => match http::blob(&response).await {
                    Some(blob) if http::save(&blob, &file).is_ok() => Ok(file),
                    _ => Err(Some(200)),
                },
                Ok((status, _)) => Err(Some(status)),
                Err(status) => Err(status),
            };
            links_busy.set(false);
            let shown = match result {
                Ok(file) => Saved::Saved(i18n::links_downloaded(&file)),
                Err(None) => Saved::Failed(i18n::text(Key::ImportOffline).to_owned()),
                Err(Some(status)) => Saved::Failed(i18n::links_failed(status)),
            };
            let (Saved::Saved(said) | Saved::Failed(said)) = &shown;
            session.announce(said.clone());
            links_outcome.set(Some(shown));
        });
    };

    let problems = move || {
        outcome.with(|outcome| match outcome {
            Some(Outcome::Answered(answer)) => answer.problems.clone(),
            _ => Vec::new(),
        })
    };
    // The valid rows may be imported alone once a check or an import found problems in
    // some rows (not in the mapping, which leaves no row to import).
    let offer_valid = move || {
        outcome.with(|outcome| match outcome {
            Some(Outcome::Answered(answer)) => {
                answer.valid > 0
                    && !answer.problems.is_empty()
                    && (answer.dry_run || answer.refused)
            }
            _ => false,
        })
    };

    view! {
        <Show when=move || organiser.get()>
            <section id="participants-import" class="card participants-import" aria-labelledby="import-heading">
                <h2 id="import-heading">{i18n::text(Key::ImportHeading)}</h2>
                <p class="details">{i18n::text(Key::ImportExplained)}</p>
                <div class="field">
                    <label for="import-file">{i18n::text(Key::ImportFile)}</label>
                    <input id="import-file" type="file" accept=".csv,text/csv" on:change=chosen/>
                </div>
                <Show when=move || headers.with(|headers| !headers.is_empty())>
                    <fieldset id="import-mapping" class="import-mapping">
                        <legend>{i18n::text(Key::ImportColumns)}</legend>
                        <Show when=move || suggested.get()>
                            <p id="import-suggested" class="details">{i18n::text(Key::ImportSuggested)}</p>
                        </Show>
                        {FIELDS
                            .into_iter()
                            .map(|(field, key)| {
                                let id = format!("import-column-{field}");
                                view! {
                                    <div class="field">
                                        <label for=id.clone()>{i18n::text(key)}</label>
                                        <select
                                            id=id
                                            data-field=field
                                            on:change=move |event| {
                                                let header = event_target_value(&event);
                                                mapping.update(|mapping| {
                                                    if header.is_empty() {
                                                        mapping.remove(field);
                                                    } else {
                                                        mapping.insert(field.to_owned(), header);
                                                    }
                                                });
                                            }
                                        >
                                            <option value="" selected=move || mapping.with(|m| !m.contains_key(field))>
                                                {i18n::text(Key::ImportColumnNone)}
                                            </option>
                                            {move || headers
                                                .get()
                                                .into_iter()
                                                .map(|header| {
                                                    let value = header.clone();
                                                    let chosen = header.clone();
                                                    view! {
                                                        <option
                                                            value=value
                                                            selected=move || mapping.with(|m| m.get(field) == Some(&chosen))
                                                        >
                                                            {header}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </fieldset>
                    <div class="field-row">
                        <button
                            id="import-check"
                            type="button"
                            aria-busy=move || aria_busy(busy.get())
                            aria-describedby="import-outcome"
                            on:click=move |_| send(true, false)
                        >
                            {i18n::text(Key::ImportCheck)}
                        </button>
                        <button
                            id="import-run"
                            type="button"
                            aria-busy=move || aria_busy(busy.get())
                            aria-describedby="import-outcome"
                            on:click=move |_| send(false, false)
                        >
                            {i18n::text(Key::ImportRun)}
                        </button>
                        <Show when=offer_valid>
                            <button
                                id="import-valid-only"
                                type="button"
                                aria-busy=move || aria_busy(busy.get())
                                aria-describedby="import-outcome"
                                on:click=move |_| send(false, true)
                            >
                                {i18n::text(Key::ImportValidOnly)}
                            </button>
                        </Show>
                    </div>
                </Show>
                <p
                    id="import-outcome"
                    class=move || match outcome.get() {
                        Some(Outcome::Said(_) | Outcome::Failed(_)) => "field-error import-outcome",
                        _ => "details import-outcome",
                    }
                    data-outcome=move || outcome.with(|outcome| outcome.as_ref().map(Outcome::kind))
                >
                    {move || outcome.with(|outcome| outcome.as_ref().map(Outcome::text))}
                </p>
                <Show when=move || !problems().is_empty()>
                    <h3 id="import-errors-heading">{i18n::text(Key::ImportErrors)}</h3>
                    <ul id="import-errors" aria-labelledby="import-errors-heading">
                        {move || problems()
                            .into_iter()
                            .map(|problem| {
                                let field = import::field_label(&problem.field)
                                    .map_or_else(|| problem.field.clone(), |key| i18n::text(key).to_owned());
                                view! {
                                    <li data-line=problem.line data-field=problem.field.clone()>
                                        {i18n::import_error(problem.line, &field, &problem.message)}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </Show>
                <div class="field-row">
                    <button
                        id="download-links"
                        type="button"
                        aria-busy=move || aria_busy(links_busy.get())
                        aria-describedby="links-outcome"
                        on:click=download
                    >
                        {i18n::text(Key::DownloadLinks)}
                    </button>
                </div>
                <p
                    id="links-outcome"
                    class=move || match links_outcome.get() {
                        Some(Saved::Failed(_)) => "field-error links-outcome",
                        _ => "details links-outcome",
                    }
                    data-outcome=move || links_outcome.with(|outcome| match outcome {
                        Some(Saved::Saved(_)) => Some("saved"),
                        Some(Saved::Failed(_)) => Some("failed"),
                        None => None,
                    })
                >
                    {move || links_outcome.get().map(|(Saved::Saved(text) | Saved::Failed(text))| text)}
                </p>
            </section>
        </Show>
    }
}

/// Sends a request with the viewer's token: a `POST` of JSON `body`, else a `GET`; the
/// HTTP status and the response, or the status that stopped it (`None`: the server could
/// not be reached).
async fn fetch(path: &str, body: Option<String>) -> Result<(u16, web_sys::Response), Option<u16>> {
    let token = connection::token().ok_or(Some(401))?;
    let method = if body.is_some() { "POST" } else { "GET" };
    let response = http::send(method, path, Some(&token), body.as_deref())
        .await
        .map_err(|_| None)?;
    Ok((response.status(), response))
}

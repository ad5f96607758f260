//! The registration page, `/register/{meeting}`: the form, then where the registration
//! stands (waiting, approved with the link to join, declined). It needs no invite: it
//! talks to the public routes of the registrations API. The registration's id and
//! status key are kept in `localStorage`, so that the page shows how it stands when the
//! person comes back; it asks every [`POLL_SECONDS`] and whenever it gets the focus.
//!
//! Drawn again, whole, when the interface language changes; what was typed is kept
//! above that part.

use crate::http;
use crate::i18n::{self, Lang};
use crate::locale;
use crate::registration::{
    self, Field, Form, Made, POLL_SECONDS, Standing, Text, meeting_of_path, storage_key,
};
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::{LanguageCode, Localized};
use serde_json::Value;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// The meeting whose registration page this is, if the address is one.
pub fn registration_meeting() -> Option<String> {
    let path = window().location().pathname().ok()?;
    meeting_of_path(&path)
}

/// Sends `method` to `path` (with a JSON `body`, a bearer `token`); the answer's status
/// and JSON (`Value::Null` when it has none). `Err` when the server cannot be reached.
pub(super) async fn fetch_json(
    method: &str,
    path: &str,
    body: Option<String>,
    token: Option<String>,
) -> Result<(u16, Value), ()> {
    let response = http::send(method, path, token.as_deref(), body.as_deref())
        .await
        .map_err(|_| ())?;
    let text = http::text(&response).await;
    Ok((
        response.status(),
        serde_json::from_str(&text).unwrap_or(Value::Null),
    ))
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// An agenda item as the page offers it.
#[derive(Debug, Clone, PartialEq)]
struct Item {
    id: String,
    title: Localized,
    questions: Vec<Localized>,
}

/// What the page knows of the meeting.
#[derive(Debug, Clone, PartialEq)]
struct Info {
    title: Localized,
    languages: Vec<LanguageCode>,
    default_language: LanguageCode,
    items: Vec<Item>,
}

impl Info {
    fn from_json(value: &Value) -> Option<Self> {
        let localized = |value: &Value| serde_json::from_value::<Localized>(value.clone()).ok();
        let items = value
            .get("items")?
            .as_array()?
            .iter()
            .filter_map(|item| {
                Some(Item {
                    id: item.get("id")?.as_str()?.to_owned(),
                    title: localized(item.get("title")?)?,
                    questions: item
                        .get("questions")
                        .and_then(Value::as_array)
                        .map(|questions| questions.iter().filter_map(localized).collect())
                        .unwrap_or_default(),
                })
            })
            .collect();
        Some(Self {
            title: localized(value.get("title")?)?,
            languages: serde_json::from_value(value.get("languages")?.clone()).ok()?,
            default_language: serde_json::from_value(value.get("default_language")?.clone())
                .ok()?,
            items,
        })
    }

    /// `text` in the interface language, else the meeting's default.
    fn local<'a>(&self, text: &'a Localized) -> &'a str {
        text.get(&i18n::ui().code(), &self.default_language)
    }
}

/// How far the page has got with the meeting.
#[derive(Debug, Clone, PartialEq)]
enum Loaded {
    Loading,
    Ready(Info),
    NotTaking,
    Failed,
}

/// Everything the page holds, above the part drawn again in another language.
#[derive(Clone, Copy)]
struct Page {
    meeting: StoredValue<String>,
    language: RwSignal<Lang>,
    loaded: RwSignal<Loaded>,
    form: RwSignal<Form>,
    errors: RwSignal<Vec<(Field, Text)>>,
    summary: RwSignal<Option<Text>>,
    busy: RwSignal<bool>,
    made: RwSignal<Option<Made>>,
    standing: RwSignal<Option<Standing>>,
}

/// The registration page of `meeting`.
#[component]
pub fn RegistrationPage(meeting: String) -> impl IntoView {
    let language = locale::initial();
    locale::apply(language);
    let made = local_storage()
        .and_then(|storage| storage.get_item(&storage_key(&meeting)).ok().flatten())
        .and_then(|kept| serde_json::from_str::<Value>(&kept).ok())
        .and_then(|kept| Made::from_json(&kept));
    let page = Page {
        meeting: StoredValue::new(meeting.clone()),
        language: RwSignal::new(language),
        loaded: RwSignal::new(Loaded::Loading),
        form: RwSignal::new(Form::default()),
        errors: RwSignal::new(Vec::new()),
        summary: RwSignal::new(None),
        busy: RwSignal::new(false),
        standing: RwSignal::new(made.as_ref().map(|_| Standing::Pending)),
        made: RwSignal::new(made),
    };
    spawn_local(async move {
        let path = format!("/api/meetings/{meeting}/registration");
        let loaded = match fetch_json("GET", &path, None, None).await {
            Ok((200, value)) => Info::from_json(&value).map_or(Loaded::Failed, Loaded::Ready),
            Ok((404, _)) => Loaded::NotTaking,
            _ => Loaded::Failed,
        };
        if let Loaded::Ready(info) = &loaded {
            page.form.update(|form| {
                form.item = info
                    .items
                    .first()
                    .map(|item| item.id.clone())
                    .unwrap_or_default();
            });
        }
        page.loaded.set(loaded);
    });
    poll(page);
    set_interval(move || poll(page), Duration::from_secs(POLL_SECONDS));
    let _ = window_event_listener(ev::focus, move |_| poll(page));
    let document = document();
    Effect::new(move |_| {
        page.language.track();
        let title = page.loaded.with(|loaded| match loaded {
            Loaded::Ready(info) => Some(info.local(&info.title).to_owned()),
            _ => None,
        });
        let heading = registration::text(Text::Heading);
        document.set_title(&match title {
            Some(title) => format!("{heading} · \u{2068}{title}\u{2069}"),
            None => heading,
        });
    });
    move || {
        page.language.track();
        untrack(|| view! { <Drawn page/> })
    }
}

/// Asks how the registration stands, unless it is decided already.
fn poll(page: Page) {
    let Some(made) = page.made.get_untracked() else {
        return;
    };
    if matches!(
        page.standing.get_untracked(),
        Some(Standing::Approved(Some(_)) | Standing::Declined)
    ) {
        return;
    }
    let path = made.status_path(&page.meeting.get_value());
    let key = made.key.clone();
    spawn_local(async move {
        match fetch_json("GET", &path, None, Some(key)).await {
            Ok((200, value)) => {
                if let Some(standing) = Standing::from_json(&value)
                    && page.standing.get_untracked() != Some(standing.clone())
                {
                    page.standing.set(Some(standing));
                }
            }
            // The key is no longer good (another server's secret, say): start again.
            Ok((401 | 403 | 404, _)) => forget(page),
            _ => {}
        }
    });
}

/// Forgets the registration made, to register again.
fn forget(page: Page) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(&storage_key(&page.meeting.get_value()));
    }
    page.made.set(None);
    page.standing.set(None);
}

/// Moves the focus to `selector` once the page has drawn it.
fn focus_soon(selector: &'static str) {
    request_animation_frame(move || {
        super::focus(selector);
    });
}

/// Checks the form and sends it.
fn submit(page: Page) {
    if page.busy.get_untracked() {
        return;
    }
    let form = page.form.get_untracked();
    let problems = form.problems();
    if !problems.is_empty() {
        show_problems(page, problems);
        return;
    }
    page.errors.set(Vec::new());
    page.summary.set(None);
    page.busy.set(true);
    let meeting = page.meeting.get_value();
    spawn_local(async move {
        let path = format!("/api/meetings/{meeting}/registrations");
        let answer = fetch_json("POST", &path, Some(form.body().to_string()), None).await;
        page.busy.set(false);
        match answer {
            Ok((201, value)) => {
                if let Some(made) = Made::from_json(&value) {
                    if let Some(storage) = local_storage() {
                        let _ = storage.set_item(&storage_key(&meeting), &made.to_json());
                    }
                    page.made.set(Some(made));
                    page.standing.set(Some(Standing::Pending));
                    focus_soon("#reg-status-heading");
                } else {
                    page.summary.set(Some(Text::SendFailed));
                }
            }
            Ok((422, value)) => {
                let field = value
                    .get("field")
                    .and_then(Value::as_str)
                    .and_then(Field::from_server);
                let message = value
                    .get("message")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                match field {
                    Some(field) => {
                        show_problems(page, vec![(field, field.server_problem(message))])
                    }
                    None => page.summary.set(Some(Text::SendFailed)),
                }
            }
            Ok((429, _)) => page.summary.set(Some(Text::RateLimited)),
            // No longer taking registrations (closed since the page was opened).
            Ok((404 | 409, _)) => page.loaded.set(Loaded::NotTaking),
            _ => page.summary.set(Some(Text::SendFailed)),
        }
    });
}

/// Shows `problems` by their fields and puts the focus on the first.
fn show_problems(page: Page, problems: Vec<(Field, Text)>) {
    let first = problems.first().map(|(field, _)| *field);
    page.errors.set(problems);
    page.summary.set(Some(Text::ErrorsSummary));
    if let Some(field) = first {
        focus_soon(match field {
            Field::Languages => "#reg-languages input",
            Field::Name => "#reg-name",
            Field::Email => "#reg-email",
            Field::Delegation => "#reg-delegation",
            Field::Item => "#reg-item",
            Field::Question => "#reg-question",
            Field::Written => "#reg-written",
        });
    }
}

/// The page in the current interface language.
#[component]
fn Drawn(page: Page) -> impl IntoView {
    view! {
        <header class="top">
            <h1 id="meeting-title">
                <bdi>
                    {move || page.loaded.with(|loaded| match loaded {
                        Loaded::Ready(info) => info.local(&info.title).to_owned(),
                        _ => i18n::text(i18n::Key::AppName).to_owned(),
                    })}
                </bdi>
            </h1>
            <LanguagePicker language=page.language/>
        </header>
        <main class="registration">
            <div id="reg-announcer" class="visually-hidden" aria-live="polite" aria-atomic="true">
                {move || page.standing.get().map(|standing| registration::text(match standing {
                    Standing::Pending => Text::PendingHeading,
                    Standing::Approved(_) => Text::ApprovedHeading,
                    Standing::Declined => Text::DeclinedHeading,
                }))}
            </div>
            {move || match (page.standing.get(), page.loaded.get()) {
                (Some(standing), _) => view! { <Status page standing/> }.into_any(),
                (None, Loaded::Ready(info)) => view! { <RegistrationForm page info/> }.into_any(),
                (None, Loaded::Loading) => view! {
                    <p id="reg-loading" role="status">{registration::text(Text::Loading)}</p>
                }
                .into_any(),
                (None, Loaded::NotTaking) => view! {
                    <section class="card" aria-labelledby="reg-heading">
                        <h2 id="reg-heading">{registration::text(Text::Heading)}</h2>
                        <p id="reg-not-taking">{registration::text(Text::NotTaking)}</p>
                    </section>
                }
                .into_any(),
                (None, Loaded::Failed) => view! {
                    <section class="card" aria-labelledby="reg-heading">
                        <h2 id="reg-heading">{registration::text(Text::Heading)}</h2>
                        <p id="reg-not-taking">{registration::text(Text::SendFailed)}</p>
                    </section>
                }
                .into_any(),
            }}
        </main>
    }
}

/// The interface language, as on the meeting's page (`#ui-language`).
#[component]
fn LanguagePicker(language: RwSignal<Lang>) -> impl IntoView {
    let current = language.get_untracked();
    let pick = move |event| {
        let Some(lang) = Lang::from_tag(&event_target_value(&event)) else {
            return;
        };
        if lang == language.get_untracked() {
            return;
        }
        locale::save(lang);
        locale::apply(lang);
        language.set(lang);
        focus_soon("#ui-language");
    };
    view! {
        <p class="ui-language">
            <label for="ui-language">{i18n::text(i18n::Key::InterfaceLanguage)}</label>
            <select id="ui-language" on:change=pick>
                {Lang::ALL
                    .into_iter()
                    .map(|lang| view! {
                        <option value=lang.tag() lang=lang.tag() dir=lang.dir() selected=lang == current>
                            {lang.native_name()}
                        </option>
                    })
                    .collect_view()}
            </select>
        </p>
    }
}

/// The error of `field`, if any.
fn error_of(page: Page, field: Field) -> Option<Text> {
    page.errors.with(|errors| {
        errors
            .iter()
            .find(|(wrong, _)| *wrong == field)
            .map(|(_, text)| *text)
    })
}

/// `aria-invalid` for `field`'s control.
fn invalid(page: Page, field: Field) -> impl Fn() -> Option<&'static str> + Copy {
    move || error_of(page, field).map(|_| "true")
}

/// `aria-describedby` for `field`'s control: its error when it has one, and `more`.
fn described(
    page: Page,
    field: Field,
    more: Option<&'static str>,
) -> impl Fn() -> Option<String> + Copy {
    move || {
        let ids: Vec<String> = more
            .map(str::to_owned)
            .into_iter()
            .chain(error_of(page, field).map(|_| field.error_id()))
            .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// The error message of `field` (empty without one).
#[component]
fn FieldError(page: Page, field: Field) -> impl IntoView {
    view! {
        <p id=field.error_id() class="field-error">
            {move || error_of(page, field).map(registration::text)}
        </p>
    }
}

/// The registration form.
#[component]
fn RegistrationForm(page: Page, info: Info) -> impl IntoView {
    let form = page.form;
    let text_input = move |field: Field, set: fn(&mut Form, String)| {
        move |event| {
            let value = event_target_value(&event);
            form.update(|form| set(form, value));
            // Fixed as the person types: the error goes.
            if error_of(page, field).is_some() {
                page.errors
                    .update(|errors| errors.retain(|(wrong, _)| *wrong != field));
            }
        }
    };
    let info = StoredValue::new(info);
    let languages = info.with_value(|info| info.languages.clone());
    let items = info.with_value(|info| {
        info.items
            .iter()
            .map(|item| (item.id.clone(), info.local(&item.title).to_owned()))
            .collect::<Vec<_>>()
    });
    let questions = move || {
        let item = form.with(|form| form.item.clone());
        info.with_value(|info| {
            info.items
                .iter()
                .find(|known| known.id == item)
                .map(|item| {
                    item.questions
                        .iter()
                        .map(|question| info.local(question).to_owned())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let written_count =
        move || form.with(|form| registration::written_count(form.written.chars().count()));
    view! {
        <section class="card registration" aria-labelledby="reg-heading">
            <h2 id="reg-heading">{registration::text(Text::Heading)}</h2>
            <p class="details">{registration::text(Text::Intro)}</p>
            <form
                id="registration-form"
                novalidate
                on:submit=move |event: ev::SubmitEvent| {
                    event.prevent_default();
                    submit(page);
                }
            >
                <p id="reg-summary" class="field-error" role="alert">
                    {move || page.summary.get().map(registration::text)}
                </p>
                <div class="field">
                    <label for="reg-name">{registration::text(Text::Name)}</label>
                    <input
                        id="reg-name"
                        type="text"
                        autocomplete="name"
                        dir="auto"
                        aria-required="true"
                        aria-invalid=invalid(page, Field::Name)
                        aria-describedby=described(page, Field::Name, None)
                        prop:value=move || form.with(|form| form.name.clone())
                        on:input=text_input(Field::Name, |form, value| form.name = value)
                    />
                    <FieldError page field=Field::Name/>
                </div>
                <div class="field">
                    <label for="reg-email">{registration::text(Text::Email)}</label>
                    <input
                        id="reg-email"
                        type="email"
                        autocomplete="email"
                        dir="ltr"
                        aria-required="true"
                        aria-invalid=invalid(page, Field::Email)
                        aria-describedby=described(page, Field::Email, None)
                        prop:value=move || form.with(|form| form.email.clone())
                        on:input=text_input(Field::Email, |form, value| form.email = value)
                    />
                    <FieldError page field=Field::Email/>
                </div>
                <div class="field">
                    <label for="reg-delegation">
                        {registration::text(Text::Delegation)}" "{registration::text(Text::Optional)}
                    </label>
                    <input
                        id="reg-delegation"
                        type="text"
                        autocomplete="organization"
                        dir="auto"
                        aria-invalid=invalid(page, Field::Delegation)
                        aria-describedby=described(page, Field::Delegation, None)
                        prop:value=move || form.with(|form| form.delegation.clone())
                        on:input=text_input(Field::Delegation, |form, value| form.delegation = value)
                    />
                    <FieldError page field=Field::Delegation/>
                </div>
                <fieldset id="reg-languages" class="field">
                    <legend>{registration::text(Text::Languages)}</legend>
                    {languages
                        .into_iter()
                        .map(|code| {
                            let tag = code.as_str().to_owned();
                            let id = format!("reg-language-{tag}");
                            let checked_tag = tag.clone();
                            view! {
                                <p class="check">
                                    <input
                                        type="checkbox"
                                        id=id.clone()
                                        value=tag.clone()
                                        aria-invalid=invalid(page, Field::Languages)
                                        aria-describedby=described(page, Field::Languages, None)
                                        prop:checked=move || form.with(|form| form.languages.contains(&checked_tag))
                                        on:change=move |event| {
                                            let on = event_target_checked(&event);
                                            let tag = tag.clone();
                                            form.update(|form| {
                                                form.languages.retain(|known| *known != tag);
                                                if on {
                                                    form.languages.push(tag);
                                                }
                                            });
                                            page.errors.update(|errors| errors.retain(|(wrong, _)| *wrong != Field::Languages));
                                        }
                                    />
                                    <label for=id>{i18n::language(&code)}</label>
                                </p>
                            }
                        })
                        .collect_view()}
                    <FieldError page field=Field::Languages/>
                </fieldset>
                <fieldset class="field">
                    <legend>{registration::text(Text::Needs)}</legend>
                    <p class="check">
                        <input
                            type="checkbox"
                            id="reg-need-sign"
                            prop:checked=move || form.with(|form| form.sign_language)
                            on:change=move |event| {
                                let on = event_target_checked(&event);
                                form.update(|form| form.sign_language = on);
                            }
                        />
                        <label for="reg-need-sign">{registration::text(Text::NeedSign)}</label>
                    </p>
                    <p class="check">
                        <input
                            type="checkbox"
                            id="reg-need-captions"
                            prop:checked=move || form.with(|form| form.captions)
                            on:change=move |event| {
                                let on = event_target_checked(&event);
                                form.update(|form| form.captions = on);
                            }
                        />
                        <label for="reg-need-captions">{registration::text(Text::NeedCaptions)}</label>
                    </p>
                </fieldset>
                <fieldset class="field">
                    <legend>{registration::text(Text::AskFloor)}</legend>
                    <p class="check">
                        <input
                            type="checkbox"
                            id="reg-floor"
                            aria-controls="reg-floor-details"
                            aria-expanded=move || if form.with(|form| form.floor) { "true" } else { "false" }
                            prop:checked=move || form.with(|form| form.floor)
                            on:change=move |event| {
                                let on = event_target_checked(&event);
                                form.update(|form| form.floor = on);
                            }
                        />
                        <label for="reg-floor">{registration::text(Text::AskFloor)}</label>
                    </p>
                    <div id="reg-floor-details" hidden=move || !form.with(|form| form.floor)>
                        <div class="field">
                            <label for="reg-item">{registration::text(Text::Item)}</label>
                            <select
                                id="reg-item"
                                aria-invalid=invalid(page, Field::Item)
                                aria-describedby=described(page, Field::Item, None)
                                on:change=move |event| {
                                    let item = event_target_value(&event);
                                    form.update(|form| {
                                        form.item = item;
                                        form.question = None;
                                    });
                                }
                            >
                                {items
                                    .into_iter()
                                    .map(|(id, title)| {
                                        let selected_id = id.clone();
                                        view! {
                                            <option value=id selected=move || form.with(|form| form.item == selected_id)>
                                                {title}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                            <FieldError page field=Field::Item/>
                        </div>
                        <div class="field">
                            <label for="reg-kind">{registration::text(Text::Kind)}</label>
                            <select
                                id="reg-kind"
                                on:change=move |event| {
                                    let question = event_target_value(&event) == "question";
                                    form.update(|form| {
                                        form.question_kind = question;
                                        if !question {
                                            form.question = None;
                                        }
                                    });
                                }
                            >
                                <option value="intervention" selected=move || !form.with(|form| form.question_kind)>
                                    {registration::text(Text::KindIntervention)}
                                </option>
                                <option value="question" selected=move || form.with(|form| form.question_kind)>
                                    {registration::text(Text::KindQuestion)}
                                </option>
                            </select>
                        </div>
                        <Show when=move || form.with(|form| form.question_kind) && !questions().is_empty()>
                            <div class="field">
                                <label for="reg-question">{registration::text(Text::Question)}</label>
                                <select
                                    id="reg-question"
                                    aria-invalid=invalid(page, Field::Question)
                                    aria-describedby=described(page, Field::Question, None)
                                    on:change=move |event| {
                                        let question = event_target_value(&event).parse::<u32>().ok();
                                        form.update(|form| form.question = question);
                                    }
                                >
                                    <option value="" selected=move || form.with(|form| form.question.is_none())>
                                        {registration::text(Text::QuestionNone)}
                                    </option>
                                    {move || questions()
                                        .into_iter()
                                        .zip(0u32..)
                                        .map(|(question, index)| view! {
                                            <option
                                                value=index.to_string()
                                                selected=move || form.with(|form| form.question == Some(index))
                                            >
                                                {i18n::question_numbered(index, &question)}
                                            </option>
                                        })
                                        .collect_view()}
                                </select>
                                <FieldError page field=Field::Question/>
                            </div>
                        </Show>
                    </div>
                </fieldset>
                <div class="field">
                    <label for="reg-written">
                        {registration::text(Text::Written)}" "{registration::text(Text::Optional)}
                    </label>
                    <textarea
                        id="reg-written"
                        rows="4"
                        dir="auto"
                        aria-invalid=invalid(page, Field::Written)
                        aria-describedby=described(page, Field::Written, Some("reg-written-count"))
                        prop:value=move || form.with(|form| form.written.clone())
                        on:input=text_input(Field::Written, |form, value| form.written = value)
                    ></textarea>
                    <p id="reg-written-count" class="details">{written_count}</p>
                    <FieldError page field=Field::Written/>
                </div>
                <button
                    id="reg-submit"
                    type="submit"
                    aria-busy=move || super::aria_busy(page.busy.get())
                >
                    {registration::text(Text::Submit)}
                </button>
            </form>
        </section>
    }
}

/// Where the registration stands.
#[component]
fn Status(page: Page, standing: Standing) -> impl IntoView {
    let (state, heading) = match &standing {
        Standing::Pending => ("pending", Text::PendingHeading),
        Standing::Approved(_) => ("approved", Text::ApprovedHeading),
        Standing::Declined => ("declined", Text::DeclinedHeading),
    };
    let body = match standing {
        Standing::Pending => view! {
            <p id="reg-status-text">{registration::text(Text::Pending)}</p>
        }
        .into_any(),
        Standing::Approved(Some(url)) => view! {
            <p>
                <a id="reg-join" class="button primary" href=url.clone()>
                    {registration::text(Text::Join)}
                </a>
            </p>
            <div class="field">
                <label for="reg-link">{registration::text(Text::LinkLabel)}</label>
                <input
                    id="reg-link"
                    type="text"
                    readonly
                    dir="ltr"
                    prop:value=url
                    on:focus=move |event| {
                        if let Some(input) = event
                            .target()
                            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
                        {
                            input.select();
                        }
                    }
                />
            </div>
        }
        .into_any(),
        Standing::Approved(None) => view! {
            <p id="reg-status-text">{registration::text(Text::NoLink)}</p>
        }
        .into_any(),
        Standing::Declined => view! {
            <p id="reg-status-text">{registration::text(Text::Declined)}</p>
            <button id="reg-again" type="button" on:click=move |_| {
                forget(page);
                focus_soon("#reg-name");
            }>
                {registration::text(Text::RegisterAgain)}
            </button>
        }
        .into_any(),
    };
    view! {
        <section id="reg-status" class="card" data-status=state aria-labelledby="reg-status-heading">
            <h2 id="reg-status-heading" tabindex="-1">{registration::text(heading)}</h2>
            {body}
        </section>
    }
}

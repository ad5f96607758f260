//! The organisers' participants card: everyone invited, with a search, each one's role,
//! delegation and link state, and per participant "Copy link", "Show link", "Revoke link"
//! (after an inline confirmation that says their open pages are disconnected at once) and
//! "Replace link" (the new link is shown to copy); and the form to add a late registrant,
//! whose link is shown once added. The list comes from the participants API with the
//! viewer's token and is fetched again whenever the registry in the meeting's state
//! changes (someone else revoked, replaced or added). What happened is shown in
//! `#participants-outcome` and said through the live region.

use crate::connection;
use crate::http;
use crate::i18n::{self, Key};
use crate::participants::{self, Entry, Field};
use crate::session::Session;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::{LanguageCode, Role};
use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a call to the participants API failed.
#[derive(Debug, Clone, PartialEq, Eq)]
enum CallError {
    /// The server could not be reached.
    Offline,
    /// The server answered with this status and body.
    Status(u16, String),
}

impl CallError {
    /// What to tell the organiser.
    fn text(&self) -> String {
        match self {
            Self::Offline => i18n::text(Key::ParticipantsOffline).to_owned(),
            Self::Status(status, _) => i18n::participants_failed(*status),
        }
    }
}

/// What the card last did, shown under the search.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Outcome {
    /// `data-outcome`: `revoked`, `replaced`, `added`, `copied`, `copy-failed` or `failed`.
    kind: &'static str,
    text: String,
}

/// One participant's row. Their link is not part of it: every fetch mints fresh links,
/// and rows are only drawn again when what they show changes (so that the focus stays
/// in a row while others change the registry); the buttons read the link when pressed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Row {
    id: String,
    name: String,
    delegation: Option<String>,
    role: Role,
    email: Option<String>,
    needs: protocol::Needs,
    written_question: Option<String>,
    revoked: bool,
    /// Whether the list has a link for them.
    linked: bool,
}

impl Row {
    fn of(entry: &Entry) -> Self {
        let who = &entry.participant;
        Self {
            id: who.id.to_string(),
            name: who.name.clone(),
            delegation: who.delegation.clone(),
            role: who.role,
            email: entry.email.clone(),
            needs: entry.needs.clone(),
            written_question: entry.written_question.clone(),
            revoked: entry.revoked,
            linked: entry.url.is_some(),
        }
    }
}

/// What the card shares between its parts.
#[derive(Clone, Copy)]
struct Card {
    session: Session,
    entries: RwSignal<Option<Vec<Entry>>>,
    /// The participant whose revocation (`false`) or replacement (`true`) is being
    /// confirmed.
    confirming: RwSignal<Option<(String, bool)>>,
    /// The link shown for copying by hand: whose (name) and the link.
    shown_link: RwSignal<Option<(String, String)>>,
    outcome: RwSignal<Option<Outcome>>,
    busy: RwSignal<bool>,
}

impl Card {
    fn tell(&self, kind: &'static str, text: String) {
        self.outcome.set(Some(Outcome {
            kind,
            text: text.clone(),
        }));
        self.session.announce(text);
    }

    /// Replaces `entry` in the list (by id), or adds it.
    fn update(&self, entry: Entry) {
        self.entries.update(|entries| {
            let entries = entries.get_or_insert_with(Vec::new);
            match entries
                .iter_mut()
                .find(|known| known.participant.id == entry.participant.id)
            {
                Some(known) => *known = entry,
                None => entries.push(entry),
            }
        });
    }

    /// The link the list holds for `id`.
    fn url_of(&self, id: &str) -> Option<String> {
        self.entries.with_untracked(|entries| {
            entries
                .iter()
                .flatten()
                .find(|entry| entry.participant.id.as_str() == id)
                .and_then(|entry| entry.url.clone())
        })
    }

    /// Shows `url` as `name`'s link and moves the focus to it, selected.
    fn show_link(&self, name: String, url: String) {
        self.shown_link.set(Some((name, url)));
        request_animation_frame(|| {
            if let Some(input) = document()
                .get_element_by_id("participant-link-text")
                .and_then(|element| element.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                let _ = input.focus();
                input.select();
            }
        });
    }

    /// Copies `name`'s link to the clipboard, or shows it for copying by hand.
    fn copy(&self, name: String, url: String) {
        let card = *self;
        spawn_local(async move {
            let clipboard = window().navigator().clipboard();
            match JsFuture::from(clipboard.write_text(&url)).await {
                Ok(_) => card.tell("copied", i18n::about_participant(Key::LinkCopied, &name)),
                Err(_) => {
                    card.show_link(name, url);
                    card.tell("copy-failed", i18n::text(Key::LinkCopyFailed).to_owned());
                }
            }
        });
    }

    /// Revokes (or replaces) `id`'s link.
    fn change_link(&self, id: String, name: String, replace: bool) {
        let card = *self;
        if self.busy.get_untracked() {
            return;
        }
        let Some(meeting) = meeting_id(self.session) else {
            return;
        };
        self.busy.set(true);
        spawn_local(async move {
            let action = if replace { "replace" } else { "revoke" };
            let path = format!(
                "{}/{}/{action}",
                base_path(&meeting),
                String::from(js_sys::encode_uri_component(&id))
            );
            let result = call("POST", &path, None).await;
            card.busy.set(false);
            match result.map(|body| participants::parse_entry(&body)) {
                Ok(Ok(entry)) => {
                    let url = entry.url.clone();
                    card.update(entry);
                    if replace && let Some(url) = url {
                        card.tell(
                            "replaced",
                            i18n::about_participant(Key::LinkReplacedDone, &name),
                        );
                        card.show_link(name, url);
                    } else {
                        card.tell(
                            "revoked",
                            i18n::about_participant(Key::LinkRevokedDone, &name),
                        );
                        if card
                            .shown_link
                            .with_untracked(|shown| shown.as_ref().is_some_and(|(n, _)| *n == name))
                        {
                            card.shown_link.set(None);
                        }
                        // Once the row is drawn again, revoked.
                        request_animation_frame(move || {
                            let _ = super::focus(&format!(
                                "#participants-list li[data-participant-id='{id}'] button.replace-link"
                            ));
                        });
                    }
                }
                Ok(Err(_)) => card.tell("failed", i18n::participants_failed(200)),
                Err(error) => card.tell("failed", error.text()),
            }
        });
    }
}

/// The meeting's id, as the API's paths take it.
fn meeting_id(session: Session) -> Option<String> {
    session.with_meeting(|meeting| meeting.info.id.to_string())
}

/// `/api/meetings/{meeting}/participants`.
fn base_path(meeting: &str) -> String {
    format!(
        "/api/meetings/{}/participants",
        String::from(js_sys::encode_uri_component(meeting))
    )
}

/// Calls the participants API with the viewer's token: the body of a 2xx answer.
async fn call(method: &str, path: &str, body: Option<String>) -> Result<String, CallError> {
    let token = connection::token().ok_or(CallError::Status(401, String::new()))?;
    let response = http::send(method, path, Some(&token), body.as_deref())
        .await
        .map_err(|_| CallError::Offline)?;
    let status = response.status();
    let text = http::text(&response).await;
    if (200..300).contains(&status) {
        Ok(text)
    } else {
        Err(CallError::Status(status, text))
    }
}

/// The card, for organisers.
#[component]
pub fn Participants() -> impl IntoView {
    let session = Session::get();
    let organiser = Memo::new(move |_| {
        session
            .you
            .with(|you| you.as_ref().is_some_and(|you| you.role == Role::Organiser))
    });
    view! {
        <Show when=move || organiser.get()>
            <ParticipantsCard/>
        </Show>
    }
}

#[component]
fn ParticipantsCard() -> impl IntoView {
    let session = Session::get();
    let (entries, filter) = super::unsent("participants-view", || {
        (
            RwSignal::new(None::<Vec<Entry>>),
            RwSignal::new(String::new()),
        )
    });
    let card = Card {
        session,
        entries,
        confirming: RwSignal::new(None),
        shown_link: RwSignal::new(None),
        outcome: RwSignal::new(None),
        busy: RwSignal::new(false),
    };
    // Fetched again whenever the registry changes: a participant added, a link revoked
    // or replaced, here or by another organiser.
    let fingerprint = Memo::new(move |_| {
        session.with_meeting(|meeting| participants::fingerprint(&meeting.registry))
    });
    let loads = StoredValue::new(0_u64);
    Effect::new(move |_| {
        fingerprint.track();
        let Some(meeting) = meeting_id(session) else {
            return;
        };
        let serial = loads.get_value() + 1;
        loads.set_value(serial);
        spawn_local(async move {
            let result = call("GET", &base_path(&meeting), None).await;
            // A later fetch knows better.
            if loads.get_value() != serial {
                return;
            }
            match result.map(|body| participants::parse_list(&body)) {
                Ok(Ok(list)) => entries.set(Some(list)),
                Ok(Err(_)) => card.tell("failed", i18n::participants_failed(200)),
                Err(error) => card.tell("failed", error.text()),
            }
        });
    });
    let found = Memo::new(move |_| {
        let query = filter.get();
        entries.with(|entries| {
            entries.as_ref().map(|entries| {
                let (shown, total) = participants::search(entries, &query);
                let rows: Vec<Row> = shown
                    .iter()
                    .map(|&index| Row::of(&entries[index]))
                    .collect();
                (rows, total, entries.len())
            })
        })
    });
    let rows = move || found.with(|found| found.as_ref().map(|f| f.0.clone()).unwrap_or_default());
    view! {
        <section id="participants" class="card participants" aria-labelledby="participants-heading">
            <h2 id="participants-heading">{i18n::text(Key::Participants)}</h2>
            <p class="details">{i18n::text(Key::ParticipantsExplained)}</p>
            <div class="field">
                <label for="participants-search">{i18n::text(Key::ParticipantsSearchLabel)}</label>
                <input
                    id="participants-search"
                    type="search"
                    autocomplete="off"
                    dir="auto"
                    aria-controls="participants-list"
                    aria-describedby="participants-count"
                    prop:value=move || filter.get()
                    on:input=move |event| filter.set(event_target_value(&event))
                />
            </div>
            <p id="participants-count" class="details" role="status" data-count=move || {
                found.with(|found| found.as_ref().map(|f| f.1.to_string()))
            }>
                {move || found.with(|found| match found {
                    None => i18n::text(Key::ParticipantsLoading).to_owned(),
                    Some((_, 0, _)) => i18n::text(Key::ParticipantsNoMatch).to_owned(),
                    Some((_, total, all)) => {
                        let mut text = i18n::participants_shown(*total, *all);
                        if *total > participants::SHOWN {
                            text.push(' ');
                            text.push_str(i18n::text(Key::ParticipantsFirstShown));
                        }
                        text
                    }
                })}
            </p>
            <p
                id="participants-outcome"
                class=move || match card.outcome.get() {
                    Some(Outcome { kind: "failed" | "copy-failed", .. }) => "field-error",
                    _ => "details",
                }
                data-outcome=move || card.outcome.with(|outcome| outcome.as_ref().map(|o| o.kind))
            >
                {move || card.outcome.get().map(|outcome| outcome.text)}
            </p>
            <ShownLink card/>
            <ul id="participants-list" class="participants-list" aria-labelledby="participants-heading">
                <For each=rows key=|row| row.clone() let:row>
                    <ParticipantItem row card/>
                </For>
            </ul>
            <AddParticipant card/>
        </section>
    }
}

/// The link shown for copying by hand (after "Show link", "Replace link", adding
/// someone, or when the clipboard refused).
#[component]
fn ShownLink(card: Card) -> impl IntoView {
    view! {
        <Show when=move || card.shown_link.with(Option::is_some)>
            {move || card.shown_link.get().map(|(name, url)| {
                let copied = (name.clone(), url.clone());
                view! {
                    <div id="participant-link" class="participant-link" role="group" aria-labelledby="participant-link-label">
                        <label id="participant-link-label" for="participant-link-text">
                            {i18n::about_participant(Key::ParticipantLinkHeading, &name)}
                        </label>
                        <input
                            id="participant-link-text"
                            type="text"
                            readonly=true
                            dir="ltr"
                            aria-describedby="participant-link-hint"
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
                        <p id="participant-link-hint" class="details">{i18n::text(Key::ParticipantLinkHint)}</p>
                        <div class="controls">
                            <button
                                id="participant-link-copy"
                                type="button"
                                on:click=move |_| card.copy(copied.0.clone(), copied.1.clone())
                            >
                                {i18n::text(Key::CopyLink)}
                            </button>
                        </div>
                    </div>
                }
            })}
        </Show>
    }
}

/// One participant: name, delegation, role, id, e-mail, link state and actions.
#[component]
fn ParticipantItem(row: Row, card: Card) -> impl IntoView {
    let Row {
        id,
        name,
        delegation,
        role,
        email,
        needs,
        written_question,
        revoked,
        linked,
    } = row;
    // What organisers staff and read for them: their needs and their written question.
    let needed: Vec<&str> = [
        needs
            .sign_language
            .then(|| i18n::text(Key::ParticipantSignLanguage)),
        needs.captions.then(|| i18n::text(Key::ParticipantCaptions)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let needs = (!needed.is_empty())
        .then(|| view! { <span class="needs">{i18n::needs_list(&needed.join(", "))}</span> });
    let written_question = written_question.map(|question| {
        view! { <p class="written-question">{i18n::written_question(&question)}</p> }
    });
    let state = if revoked {
        Key::ParticipantLinkRevoked
    } else {
        Key::ParticipantLinkActive
    };
    let confirming_here = {
        let id = id.clone();
        move || {
            card.confirming.with(|confirming| {
                confirming
                    .as_ref()
                    .filter(|(who, _)| *who == id)
                    .map(|(_, replace)| *replace)
            })
        }
    };
    let confirm_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = confirm_button.get() {
            let _ = button.focus();
        }
    });
    let cancel = {
        let id = id.clone();
        move || {
            let replace = card
                .confirming
                .get_untracked()
                .is_some_and(|(_, replace)| replace);
            card.confirming.set(None);
            let button = if replace {
                "replace-link"
            } else {
                "revoke-link"
            };
            let _ = super::focus(&format!(
                "#participants-list li[data-participant-id='{id}'] button.{button}"
            ));
        }
    };
    let actions = {
        let (id, name) = (id.clone(), name.clone());
        move || {
            let mut buttons: Vec<AnyView> = Vec::new();
            if linked && !revoked {
                let (copy_id, copy_name) = (id.clone(), name.clone());
                let (show_id, show_name) = (id.clone(), name.clone());
                buttons.push(view! {
                    <button
                        type="button"
                        class="copy-link"
                        aria-label=i18n::about_participant(Key::CopyLinkLabel, &name)
                        on:click=move |_| {
                            if let Some(url) = card.url_of(&copy_id) {
                                card.copy(copy_name.clone(), url);
                            }
                        }
                    >
                        {i18n::text(Key::CopyLink)}
                    </button>
                    <button
                        type="button"
                        class="show-link"
                        aria-label=i18n::about_participant(Key::ShowLinkLabel, &name)
                        on:click=move |_| {
                            if let Some(url) = card.url_of(&show_id) {
                                card.show_link(show_name.clone(), url);
                            }
                        }
                    >
                        {i18n::text(Key::ShowLink)}
                    </button>
                    <button
                        type="button"
                        class="revoke-link danger"
                        aria-label=i18n::about_participant(Key::RevokeLinkLabel, &name)
                        aria-expanded={
                            let id = id.clone();
                            move || if confirming_for(card, &id) == Some(false) { "true" } else { "false" }
                        }
                        aria-controls=format!("link-confirm-{id}")
                        on:click={
                            let id = id.clone();
                            move |_| card.confirming.set(Some((id.clone(), false)))
                        }
                    >
                        {i18n::text(Key::RevokeLink)}
                    </button>
                }.into_any());
            }
            let (replace_id, replace_name) = (id.clone(), name.clone());
            buttons.push(
                view! {
                    <button
                        type="button"
                        class="replace-link"
                        aria-label=i18n::about_participant(Key::ReplaceLinkLabel, &name)
                        aria-expanded={
                            let id = id.clone();
                            move || (!revoked).then(|| if confirming_for(card, &id) == Some(true) { "true" } else { "false" })
                        }
                        aria-controls=(!revoked).then(|| format!("link-confirm-{id}"))
                        aria-busy=move || super::aria_busy(card.busy.get())
                        on:click=move |_| {
                            if revoked {
                                // Nothing to disconnect: a new link at once.
                                card.change_link(replace_id.clone(), replace_name.clone(), true);
                            } else {
                                card.confirming.set(Some((replace_id.clone(), true)));
                            }
                        }
                    >
                        {i18n::text(Key::ReplaceLink)}
                    </button>
                }
                .into_any(),
            );
            buttons
        }
    };
    let mut details: Vec<AnyView> = Vec::new();
    if let Some(delegation) = delegation.filter(|delegation| *delegation != name) {
        details.push(view! { <bdi class="delegation">{delegation}</bdi> }.into_any());
    }
    details.push(view! { <span class="role">{i18n::role(role)}</span> }.into_any());
    details.push(view! { <span class="participant-id" dir="ltr">{id.clone()}</span> }.into_any());
    if let Some(email) = email {
        details.push(view! { <bdi class="email">{email}</bdi> }.into_any());
    }
    let details = super::with_separators(details);
    let confirm = {
        let (id, name) = (id.clone(), name.clone());
        move || {
            confirming_here().map(|replace| {
                let (id, name) = (id.clone(), name.clone());
                let cancel = cancel.clone();
                let cancel_too = cancel.clone();
                let question = if replace { Key::ReplaceConfirm } else { Key::RevokeConfirm };
                let yes = if replace { Key::ReplaceLink } else { Key::RevokeLink };
                let question_id = format!("link-confirm-question-{id}");
                let group_id = format!("link-confirm-{id}");
                let labelled_by = question_id.clone();
                view! {
                    <div
                        id=group_id
                        class="confirmation link-confirmation"
                        role="group"
                        aria-labelledby=labelled_by
                        on:keydown=move |event| {
                            if event.key() == "Escape" {
                                cancel();
                            }
                        }
                    >
                        <p id=question_id>{i18n::about_participant(question, &name)}</p>
                        <div class="controls">
                            <button
                                type="button"
                                class="link-confirm danger primary"
                                node_ref=confirm_button
                                on:click=move |_| {
                                    card.confirming.set(None);
                                    card.change_link(id.clone(), name.clone(), replace);
                                }
                            >
                                {i18n::text(yes)}
                            </button>
                            <button type="button" class="link-cancel" on:click=move |_| cancel_too()>
                                {i18n::text(Key::Cancel)}
                            </button>
                        </div>
                    </div>
                }
            })
        }
    };
    view! {
        <li data-participant-id=id.clone() data-role=role.as_str() data-link-state=if revoked { "revoked" } else { "active" }>
            <span class="person">
                <bdi class="name">{name.clone()}</bdi>
                <span class=if revoked { "badge link-state revoked" } else { "badge link-state" }>
                    {i18n::text(state)}
                </span>
            </span>
            <span class="details">{details}</span>
            {needs}
            {written_question}
            <div class="controls participant-actions">{actions}</div>
            {confirm}
        </li>
    }
}

/// Whether `id`'s link is being confirmed: `Some(replace)`.
fn confirming_for(card: Card, id: &str) -> Option<bool> {
    card.confirming.with(|confirming| {
        confirming
            .as_ref()
            .filter(|(who, _)| who == id)
            .map(|(_, replace)| *replace)
    })
}

/// The roles a late registrant may have here: those without a booth (interpreters,
/// signers and captioners come with the meeting file, which gives them their booth).
const ROLES: [Role; 3] = [Role::Attendee, Role::Chair, Role::Organiser];

/// What the add form holds, kept across a change of language.
#[derive(Debug, Clone, Copy)]
struct Form {
    name: RwSignal<String>,
    id: RwSignal<String>,
    role: RwSignal<Role>,
    delegation: RwSignal<String>,
    languages: RwSignal<Vec<LanguageCode>>,
    email: RwSignal<String>,
    sign_language: RwSignal<bool>,
    captions: RwSignal<bool>,
    error: RwSignal<Option<(Field, Key)>>,
}

/// The form to add a late registrant.
#[component]
fn AddParticipant(card: Card) -> impl IntoView {
    let session = card.session;
    let form = super::unsent("participant-form", || Form {
        name: RwSignal::new(String::new()),
        id: RwSignal::new(String::new()),
        role: RwSignal::new(Role::Attendee),
        delegation: RwSignal::new(String::new()),
        languages: RwSignal::new(Vec::new()),
        email: RwSignal::new(String::new()),
        sign_language: RwSignal::new(false),
        captions: RwSignal::new(false),
        error: RwSignal::new(None),
    });
    let languages = Memo::new(move |_| {
        session
            .with_meeting(|meeting| meeting.info.languages.clone())
            .unwrap_or_default()
    });
    let busy = RwSignal::new(false);
    let fail = move |field: Field, key: Key| {
        form.error.set(Some((field, key)));
        session.announce(i18n::text(key).to_owned());
        let _ = super::focus(&match field {
            Field::Languages => "#participant-languages input".to_owned(),
            _ => format!("#{}", input_id(field)),
        });
    };
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let name = form.name.get_untracked().trim().to_owned();
        if name.is_empty() {
            return fail(Field::Name, Key::ParticipantErrorName);
        }
        let taken = |id: &str| {
            card.entries.with_untracked(|entries| {
                entries
                    .iter()
                    .flatten()
                    .any(|entry| entry.participant.id.as_str() == id)
            })
        };
        let typed = form.id.get_untracked().trim().to_owned();
        let id = if typed.is_empty() {
            participants::unique(&participants::slug(&name), taken)
        } else {
            typed.clone()
        };
        if !participants::valid_id(&id) {
            return fail(Field::Id, Key::ParticipantErrorId);
        }
        if !typed.is_empty() && taken(&id) {
            return fail(Field::Id, Key::ParticipantErrorIdTaken);
        }
        let Some(meeting) = meeting_id(session) else {
            return;
        };
        let delegation = form.delegation.get_untracked().trim().to_owned();
        let email = form.email.get_untracked().trim().to_owned();
        let mut participant = json!({
            "id": id,
            "name": name,
            "role": form.role.get_untracked().as_str(),
            "languages": form.languages.get_untracked(),
        });
        if !delegation.is_empty() {
            participant["delegation"] = delegation.into();
        }
        let mut registrant = json!({
            "participant": participant,
            "needs": {
                "sign_language": form.sign_language.get_untracked(),
                "captions": form.captions.get_untracked(),
            },
        });
        if !email.is_empty() {
            registrant["email"] = email.into();
        }
        let body = json!({ "participants": [registrant] }).to_string();
        form.error.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = call("POST", &base_path(&meeting), Some(body)).await;
            busy.set(false);
            match result {
                Ok(body) => {
                    let added = participants::parse_list(&body)
                        .ok()
                        .and_then(|list| list.into_iter().next());
                    let Some(entry) = added else {
                        return card.tell("failed", i18n::participants_failed(200));
                    };
                    let name = entry.participant.name.clone();
                    let url = entry.url.clone();
                    card.update(entry);
                    for field in [form.name, form.id, form.delegation, form.email] {
                        field.set(String::new());
                    }
                    form.languages.set(Vec::new());
                    form.sign_language.set(false);
                    form.captions.set(false);
                    form.role.set(Role::Attendee);
                    card.tell(
                        "added",
                        i18n::about_participant(Key::ParticipantAdded, &name),
                    );
                    if let Some(url) = url {
                        card.show_link(name, url);
                    }
                }
                Err(CallError::Status(422, body)) => {
                    let message = serde_json::from_str::<serde_json::Value>(&body)
                        .ok()
                        .and_then(|value| value["message"].as_str().map(str::to_owned))
                        .unwrap_or_default();
                    match Field::of_refusal(&message) {
                        Some(field) => fail(field, error_key(field)),
                        None => card.tell("failed", i18n::participants_failed(422)),
                    }
                }
                Err(error) => card.tell("failed", error.text()),
            }
        });
    };
    let error_of = move |field: Field| {
        form.error.with(|error| {
            error
                .filter(|(which, _)| *which == field)
                .map(|(_, key)| key)
        })
    };
    let text_field = move |field: Field,
                           label: Key,
                           signal: RwSignal<String>,
                           kind: &'static str,
                           hint: Option<(&'static str, Key)>| {
        let id = input_id(field);
        let error_id = format!("{id}-error");
        let described = move || {
            let mut ids: Vec<String> = hint
                .iter()
                .map(|(hint_id, _)| (*hint_id).to_owned())
                .collect();
            if error_of(field).is_some() {
                ids.push(format!("{}-error", input_id(field)));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        };
        view! {
            <div class="field">
                <label for=id>{i18n::text(label)}</label>
                {hint.map(|(hint_id, key)| view! { <p id=hint_id class="details">{i18n::text(key)}</p> })}
                <input
                    id=id
                    type=kind
                    autocomplete="off"
                    dir=if matches!(field, Field::Id | Field::Email) { "ltr" } else { "auto" }
                    required=matches!(field, Field::Name)
                    aria-invalid=move || error_of(field).map(|_| "true")
                    aria-describedby=described
                    prop:value=move || signal.get()
                    on:input=move |event| {
                        signal.set(event_target_value(&event));
                        if error_of(field).is_some() {
                            form.error.set(None);
                        }
                    }
                />
                <p id=error_id class="field-error" data-field=field_name(field)>
                    {move || error_of(field).map(i18n::text)}
                </p>
            </div>
        }
    };
    view! {
        <section id="add-participant" class="add-participant" aria-labelledby="add-participant-heading">
            <h3 id="add-participant-heading">{i18n::text(Key::AddParticipant)}</h3>
            <p class="details">{i18n::text(Key::AddParticipantExplained)}</p>
            <form id="add-participant-form" novalidate=true on:submit=submit>
                {text_field(Field::Name, Key::ParticipantName, form.name, "text", None)}
                {text_field(Field::Id, Key::ParticipantId, form.id, "text", Some(("participant-id-hint", Key::ParticipantIdHint)))}
                <div class="field">
                    <label for="participant-role">{i18n::text(Key::ParticipantRole)}</label>
                    <select
                        id="participant-role"
                        on:change=move |event| {
                            let picked = event_target_value(&event);
                            if let Some(role) = ROLES.into_iter().find(|role| role.as_str() == picked) {
                                form.role.set(role);
                            }
                        }
                    >
                        {ROLES
                            .into_iter()
                            .map(|role| view! {
                                <option value=role.as_str() selected=move || form.role.get() == role>
                                    {i18n::role(role)}
                                </option>
                            })
                            .collect_view()}
                    </select>
                </div>
                {text_field(Field::Delegation, Key::ParticipantDelegation, form.delegation, "text", None)}
                <fieldset
                    id="participant-languages"
                    class="field"
                    aria-describedby=move || error_of(Field::Languages).map(|_| "participant-languages-error")
                >
                    <legend>{i18n::text(Key::ParticipantLanguages)}</legend>
                    {move || languages
                        .get()
                        .into_iter()
                        .map(|code| {
                            let input_id = format!("participant-language-{code}");
                            let label_for = input_id.clone();
                            let checked_code = code.clone();
                            let toggled_code = code.clone();
                            view! {
                                <label class="check" for=label_for>
                                    <input
                                        id=input_id
                                        type="checkbox"
                                        name="participant-languages"
                                        value=code.to_string()
                                        prop:checked=move || form.languages.with(|chosen| chosen.contains(&checked_code))
                                        on:change=move |event| {
                                            let on = event_target_checked(&event);
                                            let code = toggled_code.clone();
                                            form.languages.update(|chosen| {
                                                chosen.retain(|known| *known != code);
                                                if on {
                                                    chosen.push(code);
                                                }
                                            });
                                        }
                                    />
                                    {i18n::language(&code)}
                                </label>
                            }
                        })
                        .collect_view()}
                    <p id="participant-languages-error" class="field-error" data-field="languages">
                        {move || error_of(Field::Languages).map(i18n::text)}
                    </p>
                </fieldset>
                {text_field(Field::Email, Key::ParticipantEmail, form.email, "email", None)}
                <fieldset class="field">
                    <legend>{i18n::text(Key::ParticipantNeeds)}</legend>
                    <label class="check" for="participant-sign-language">
                        <input
                            id="participant-sign-language"
                            type="checkbox"
                            prop:checked=move || form.sign_language.get()
                            on:change=move |event| form.sign_language.set(event_target_checked(&event))
                        />
                        {i18n::text(Key::ParticipantSignLanguage)}
                    </label>
                    <label class="check" for="participant-captions">
                        <input
                            id="participant-captions"
                            type="checkbox"
                            prop:checked=move || form.captions.get()
                            on:change=move |event| form.captions.set(event_target_checked(&event))
                        />
                        {i18n::text(Key::ParticipantCaptions)}
                    </label>
                </fieldset>
                <div class="controls">
                    <button id="add-participant-submit" type="submit" aria-busy=move || super::aria_busy(busy.get())>
                        {i18n::text(Key::AddParticipantSubmit)}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// The id of a field's input.
fn input_id(field: Field) -> &'static str {
    match field {
        Field::Name => "participant-name",
        Field::Id => "participant-id",
        Field::Delegation => "participant-delegation",
        Field::Email => "participant-email",
        Field::Languages => "participant-languages",
    }
}

/// A field's name in `data-field`.
fn field_name(field: Field) -> &'static str {
    match field {
        Field::Name => "name",
        Field::Id => "id",
        Field::Delegation => "delegation",
        Field::Email => "email",
        Field::Languages => "languages",
    }
}

/// What to say about a field the API refused.
fn error_key(field: Field) -> Key {
    match field {
        Field::Name => Key::ParticipantErrorName,
        Field::Id => Key::ParticipantErrorId,
        Field::Delegation => Key::ParticipantErrorDelegation,
        Field::Email => Key::ParticipantErrorEmail,
        Field::Languages => Key::ParticipantErrorLanguages,
    }
}

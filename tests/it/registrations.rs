//! Self-registration over real sockets: the registration page's routes take no token and
//! answer only for meetings that take registrations; bad input is refused with the field
//! named; one address may register only a few times a minute; the status key opens its
//! own registration and nothing else (not `hello`, not someone else's registration);
//! approving makes the person a participant whose link joins, with their request for the
//! floor in the item's list marked as made at registration; declining says so.
//!
//! In real headless Chromium: a person registers on the registration page in French, an
//! organiser approves them on the organiser's page, and the person's page then offers
//! "Join the meeting", which joins them as that attendee. axe-core finds nothing on the
//! registration page (empty, with errors, after sending) in the four languages, nor on
//! the organiser's page with a registration waiting.

use anyhow::{Context, Result, ensure};
use serde_json::{Value, json};
use tests::a11y::assert_accessible;
use tests::browser::{Browser, Chromedriver, client_dist};
use tests::{HttpResponse, TestServer, http_send};

const MEETING: &str = "victim-assistance-2020";

async fn call(
    server: &TestServer,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: &str,
) -> HttpResponse {
    tests::meeting_api(server, method, path, token, body).await
}

fn json(response: &HttpResponse) -> Value {
    response.json()
}

/// A server whose demo meeting takes registrations, `per_minute` of them per address.
async fn registering(per_minute: u32) -> TestServer {
    TestServer::start_with(|config| {
        config.meetings[0].info.self_registration = true;
        config.limits.registrations_per_minute = per_minute;
    })
    .await
}

fn ana() -> Value {
    json!({
        "name": "Ana Pérez", "email": "ana@example.org", "delegation": "Peru",
        "languages": ["es", "en"], "needs": {"captions": true},
        "floor": {"item": "discussion", "kind": "question", "question": 1},
        "written_question": "¿Cómo informará el fondo a las víctimas?"
    })
}

async fn register(server: &TestServer, body: &Value) -> HttpResponse {
    call(server, "POST", "/registrations", None, &body.to_string()).await
}

async fn status(server: &TestServer, id: &Value, key: &str) -> HttpResponse {
    call(
        server,
        "GET",
        &format!("/registrations/{id}"),
        Some(key),
        "",
    )
    .await
}

#[tokio::test]
async fn a_meeting_without_self_registration_takes_none() {
    let server = TestServer::start().await;
    let info = call(&server, "GET", "/registration", None, "").await;
    assert_eq!(info.status, 404, "{}", info.body);
    let refused = register(&server, &ana()).await;
    assert_eq!(refused.status, 404, "{}", refused.body);
    let unknown = http_send(
        server.addr,
        "GET",
        "/api/meetings/no-such-meeting/registration",
        &[],
        "",
    )
    .await;
    assert_eq!(unknown.status, 404);
}

#[tokio::test]
async fn the_registration_page_gets_the_meeting_and_bad_input_names_its_field() {
    let server = registering(100).await;
    let info = call(&server, "GET", "/registration", None, "").await;
    assert_eq!(info.status, 200, "{}", info.body);
    let info = json(&info);
    assert_eq!(info["languages"], json!(["ar", "en", "fr", "es"]));
    let discussion = info["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["id"] == "discussion")
        .expect("the agenda's items");
    assert!(!discussion["questions"].as_array().unwrap().is_empty());
    assert!(
        !info.to_string().contains("peru") && !info.to_string().contains("email"),
        "nothing about participants"
    );

    let with = |change: &dyn Fn(&mut Value)| {
        let mut body = ana();
        change(&mut body);
        body
    };
    let cases: Vec<(Value, &str)> = vec![
        (with(&|body| body["name"] = json!("  ")), "name"),
        (
            with(&|body| {
                body.as_object_mut().unwrap().remove("email");
            }),
            "email",
        ),
        (
            with(&|body| body["email"] = json!("ana.example.org")),
            "email",
        ),
        (
            with(&|body| body["email"] = json!("ana@localhost")),
            "email",
        ),
        (with(&|body| body["languages"] = json!([])), "languages"),
        (with(&|body| body["languages"] = json!(["de"])), "languages"),
        (
            with(&|body| body["delegation"] = json!("Peru\u{202E}")),
            "delegation",
        ),
        (with(&|body| body["name"] = json!("Ana\u{0007}")), "name"),
        (
            with(&|body| body["written_question"] = json!("x".repeat(1001))),
            "written_question",
        ),
        (
            with(&|body| body["floor"]["item"] = json!("nowhere")),
            "floor.item",
        ),
        (
            with(&|body| body["floor"]["question"] = json!(99)),
            "floor.question",
        ),
        (
            with(&|body| body["floor"]["kind"] = json!("point_of_order")),
            "floor.kind",
        ),
    ];
    for (body, field) in cases {
        let refused = register(&server, &body).await;
        assert_eq!(refused.status, 422, "{field}: {}", refused.body);
        let refused = json(&refused);
        assert_eq!(refused["code"], "invalid");
        assert_eq!(refused["field"], field, "{refused}");
    }
    let shapeless = call(&server, "POST", "/registrations", None, "[1, 2]").await;
    assert_eq!(shapeless.status, 400, "{}", shapeless.body);

    // Nothing was recorded.
    let organiser = server.token("organiser");
    let listed = call(&server, "GET", "/registrations", Some(&organiser), "").await;
    assert_eq!(json(&listed)["registrations"], json!([]));
}

#[tokio::test]
async fn one_address_registers_only_a_few_times_a_minute() {
    let server = registering(3).await;
    for _ in 0..3 {
        let made = register(&server, &ana()).await;
        assert_eq!(made.status, 201, "{}", made.body);
    }
    let refused = register(&server, &ana()).await;
    assert_eq!(refused.status, 429, "{}", refused.body);
    assert_eq!(json(&refused)["code"], "rate_limited");
}

#[tokio::test]
async fn an_approved_registrant_joins_with_their_request_and_keys_open_nothing_else() {
    let server = registering(10).await;
    let made = register(&server, &ana()).await;
    assert_eq!(made.status, 201, "{}", made.body);
    let made = json(&made);
    let (id, key) = (
        made["registration"].clone(),
        made["key"].as_str().unwrap().to_owned(),
    );
    let other = json(
        &register(
            &server,
            &json!({"name": "Bo", "email": "bo@example.org", "languages": ["en"]}),
        )
        .await,
    );
    let (other_id, other_key) = (
        other["registration"].clone(),
        other["key"].as_str().unwrap().to_owned(),
    );
    assert_ne!(id, other_id);

    let pending = status(&server, &id, &key).await;
    assert_eq!(pending.status, 200, "{}", pending.body);
    assert_eq!(json(&pending)["status"], "pending");
    assert!(json(&pending).get("url").is_none());

    // Keys open their own registration only; other answers do not depend on others.
    assert_eq!(status(&server, &other_id, &key).await.status, 403);
    assert_eq!(status(&server, &id, &other_key).await.status, 403);
    assert_eq!(status(&server, &json!(999), &key).await.status, 403);
    assert_eq!(status(&server, &id, "not-a-key").await.status, 401);
    assert_eq!(status(&server, &id, "").await.status, 401);
    let forged = format!("{}x", &key[..key.len() - 1]);
    assert_eq!(status(&server, &id, &forged).await.status, 401);
    let other_meeting = http_send(
        server.addr,
        "GET",
        &format!("/api/meetings/board-2026/registrations/{id}"),
        &[("Authorization", &format!("Bearer {key}"))],
        "",
    )
    .await;
    assert_eq!(other_meeting.status, 401);
    // A key is not a token: no meeting opens with it, nor any API.
    let mut client = tests::WsClient::connect(&server.ws_url()).await.unwrap();
    assert!(
        client.hello(&key, None).await.is_err(),
        "hello refuses a key"
    );
    assert_eq!(
        call(&server, "GET", "/registrations", Some(&key), "")
            .await
            .status,
        401
    );

    // Organisers only list and decide.
    let organiser = server.token("organiser");
    for token in [None, Some(server.token("peru"))] {
        let listed = call(&server, "GET", "/registrations", token.as_deref(), "").await;
        assert!(matches!(listed.status, 401 | 403), "{}", listed.status);
        let approved = call(
            &server,
            "POST",
            &format!("/registrations/{id}/approve"),
            token.as_deref(),
            "",
        )
        .await;
        assert!(matches!(approved.status, 401 | 403), "{}", approved.status);
    }
    let listed = json(&call(&server, "GET", "/registrations", Some(&organiser), "").await);
    let listed = listed["registrations"].as_array().unwrap().clone();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0]["registrant"]["participant"]["name"], "Ana Pérez");
    assert_eq!(listed[0]["registrant"]["email"], "ana@example.org");

    let approved = call(
        &server,
        "POST",
        &format!("/registrations/{id}/approve"),
        Some(&organiser),
        "",
    )
    .await;
    assert_eq!(approved.status, 200, "{}", approved.body);
    let again = call(
        &server,
        "POST",
        &format!("/registrations/{id}/approve"),
        Some(&organiser),
        "",
    )
    .await;
    assert_eq!(again.status, 409, "{}", again.body);
    let declined = call(
        &server,
        "POST",
        &format!("/registrations/{other_id}/decline"),
        Some(&organiser),
        "",
    )
    .await;
    assert_eq!(declined.status, 200, "{}", declined.body);
    let missing = call(
        &server,
        "POST",
        "/registrations/999/approve",
        Some(&organiser),
        "",
    )
    .await;
    assert_eq!(missing.status, 404, "{}", missing.body);

    let approved = json(&status(&server, &id, &key).await);
    assert_eq!(approved["status"], "approved");
    let url = approved["url"]
        .as_str()
        .expect("the invite link")
        .to_owned();
    let token = url.split_once("#token=").unwrap().1;
    let (_, welcome) = server.join_with(token).await;
    assert_eq!(welcome.you.id.as_str(), format!("reg-{id}"));
    assert_eq!(welcome.you.name, "Ana Pérez");
    assert_eq!(welcome.you.role, protocol::Role::Attendee);
    let declined = json(&status(&server, &other_id, &other_key).await);
    assert_eq!(declined["status"], "declined");
    assert!(declined.get("url").is_none());

    let (_, chair) = server.join("chair").await;
    let state = chair.meeting.unwrap();
    let request = state
        .list(&protocol::ItemId::new("discussion"))
        .unwrap()
        .queue
        .iter()
        .find(|request| request.participant.as_str() == format!("reg-{id}"))
        .expect("the registrant's request is in the list")
        .clone();
    assert!(request.registered);
    assert_eq!(request.question, Some(1));
    assert_eq!(request.kind, protocol::RequestKind::Question);
}

#[tokio::test]
async fn a_closed_meeting_takes_no_registrations() {
    let server = registering(10).await;
    let admin = server.admin_token();
    let closed = http_send(
        server.addr,
        "POST",
        &format!("/api/meetings/{MEETING}/close"),
        &[("Authorization", &format!("Bearer {admin}"))],
        "",
    )
    .await;
    assert_eq!(closed.status, 200, "{}", closed.body);
    let refused = register(&server, &ana()).await;
    assert_eq!(refused.status, 409, "{}", refused.body);
    assert_eq!(json(&refused)["code"], "conflict");
}

const LANGUAGES: [&str; 4] = ["en", "fr", "es", "ar"];

/// A server with the built client, whose demo meeting takes registrations.
async fn registering_with_pages() -> TestServer {
    TestServer::start_with(|config| {
        config.static_dir = Some(client_dist());
        config.meetings[0].info.self_registration = true;
    })
    .await
}

async fn switch_language(browser: &Browser, language: &str) -> Result<()> {
    browser.select("#ui-language", language).await?;
    browser
        .wait_for(&format!("html[lang='{language}']"))
        .await
        .with_context(|| format!("the page is in {language}"))
}

/// Fills the registration form as Ana, who asks a question on the discussion's first
/// guiding question.
async fn fill_in(browser: &Browser) -> Result<()> {
    browser.type_into("#reg-name", "Ana Pérez").await?;
    browser.type_into("#reg-email", "ana@example.org").await?;
    browser.type_into("#reg-delegation", "Pérou").await?;
    browser.click("#reg-language-fr").await?;
    browser.click("#reg-need-captions").await?;
    browser.click("#reg-floor").await?;
    browser.select("#reg-item", "discussion").await?;
    browser.select("#reg-kind", "question").await?;
    browser.select("#reg-question", "0").await?;
    browser
        .type_into("#reg-written", "Comment le fonds rendra-t-il compte ?")
        .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_registers_in_french_is_approved_and_joins() {
    let server = registering_with_pages().await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let person = driver
        .session_in(&["fr-FR", "fr"])
        .await
        .expect("a browser");
    let organiser = driver.session().await.expect("a browser");
    let outcome = register_and_join(&server, &person, &organiser).await;
    person.close().await;
    organiser.close().await;
    outcome.unwrap();
}

async fn register_and_join(
    server: &TestServer,
    person: &Browser,
    organiser: &Browser,
) -> Result<()> {
    person
        .open(&format!("{}/register/{MEETING}", server.http_url()))
        .await?;
    person
        .wait_for("html[lang='fr'] #registration-form")
        .await?;
    // Sent empty: the first field at fault has the focus, each says what is wrong.
    person.click("#reg-submit").await?;
    person.wait_for("#reg-name[aria-invalid='true']").await?;
    person
        .wait_for_text("#reg-name-error", "Indiquez votre nom")
        .await?;
    ensure!(
        person
            .has("#reg-email[aria-invalid='true'][aria-describedby='reg-email-error']")
            .await?
    );
    ensure!(
        person.focused_id().await? == "reg-name",
        "the focus is on the first error"
    );
    fill_in(person).await?;
    person.click("#reg-submit").await?;
    person
        .wait_for("#reg-status[data-status='pending']")
        .await?;
    person
        .wait_for_content(
            "#reg-status-heading",
            "Votre inscription attend les organisateurs",
        )
        .await?;

    organiser.open(&server.invite("organiser")).await?;
    organiser
        .wait_for("#connection-status[data-state='connected']")
        .await?;
    organiser
        .wait_for_text(
            "#registrations-pending li[data-status='pending']",
            "Ana Pérez",
        )
        .await?;
    let details = organiser
        .text_content("#registrations-pending li")
        .await?
        .unwrap_or_default();
    ensure!(
        details.contains("ana@example.org") && details.contains("Comment le fonds"),
        "{details}"
    );
    organiser
        .click("#registrations-pending button.approve-registration")
        .await?;
    organiser
        .wait_for("#registrations-decided li[data-status='approved']")
        .await?;
    organiser.wait_for("#registrations-none").await?;

    // The person's page asks by itself, and offers the link.
    person
        .wait_for("#reg-status[data-status='approved'] a#reg-join")
        .await?;
    person
        .wait_for_text("#reg-join", "Rejoindre la réunion")
        .await?;
    ensure!(person.has("#reg-link").await?);
    person.click("#reg-join").await?;
    person
        .wait_for("#connection-status[data-state='connected']")
        .await
        .context("the link joins the meeting")?;
    person.wait_for_text("#you", "Ana Pérez").await?;
    // Their question made at registration is in the discussion's list.
    let (_, chair) = server.join("chair").await;
    let state = chair.meeting.context("the chair's state")?;
    let request = state
        .list(&protocol::ItemId::new("discussion"))
        .and_then(|list| {
            list.queue
                .iter()
                .find(|request| request.participant.as_str() == "reg-1")
                .cloned()
        })
        .context("the registrant's request is in the list")?;
    ensure!(
        request.registered && request.question == Some(0),
        "{request:?}"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_registration_pages_pass_axe_in_every_language() {
    let server = registering_with_pages().await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let person = driver.session().await.expect("a browser");
    let organiser = driver.session().await.expect("a browser");
    let outcome = async {
        registration_page_passes_axe(&server, &person).await?;
        organiser_page_passes_axe(&server, &organiser).await
    }
    .await;
    person.close().await;
    organiser.close().await;
    outcome.unwrap();
}

async fn registration_page_passes_axe(server: &TestServer, browser: &Browser) -> Result<()> {
    browser.client.set_window_size(1280, 1800).await?;
    browser
        .open(&format!("{}/register/{MEETING}", server.http_url()))
        .await?;
    browser.wait_for("#registration-form").await?;
    for language in LANGUAGES {
        switch_language(browser, language).await?;
        browser.wait_for("#registration-form").await?;
        assert_accessible(browser, &format!("the registration page in {language}")).await?;
    }
    browser.click("#reg-floor").await?;
    browser.select("#reg-kind", "question").await?;
    browser.click("#reg-submit").await?;
    browser.wait_for("#reg-name[aria-invalid='true']").await?;
    for language in LANGUAGES {
        switch_language(browser, language).await?;
        browser.wait_for("#reg-name[aria-invalid='true']").await?;
        assert_accessible(
            browser,
            &format!("the registration page with errors in {language}"),
        )
        .await?;
    }
    switch_language(browser, "en").await?;
    // A fresh form (the errors gone), for `fill_in`.
    browser.reload().await?;
    browser.wait_for("#registration-form").await?;
    fill_in(browser).await?;
    // The README's picture of the page, filled in (`UPDATE_SCREENSHOTS=1`).
    if std::env::var_os("UPDATE_SCREENSHOTS").is_some() {
        let path = tests::workspace_root().join("docs/screenshots/registration.png");
        browser.screenshot(&path).await?;
    }
    browser.click("#reg-submit").await?;
    browser
        .wait_for("#reg-status[data-status='pending']")
        .await?;
    for language in LANGUAGES {
        switch_language(browser, language).await?;
        browser
            .wait_for("#reg-status[data-status='pending']")
            .await?;
        assert_accessible(
            browser,
            &format!("the registration page after sending in {language}"),
        )
        .await?;
    }
    Ok(())
}

async fn organiser_page_passes_axe(server: &TestServer, browser: &Browser) -> Result<()> {
    let made = register(server, &ana()).await;
    ensure!(made.status == 201, "{}", made.body);
    browser.client.set_window_size(1280, 1800).await?;
    browser.open(&server.invite("organiser")).await?;
    browser
        .wait_for("#connection-status[data-state='connected']")
        .await?;
    browser
        .wait_for("#registrations-pending li[data-status='pending']")
        .await?;
    for language in LANGUAGES {
        switch_language(browser, language).await?;
        browser
            .wait_for("#registrations-pending button.approve-registration")
            .await?;
        assert_accessible(
            browser,
            &format!("the organiser's registrations in {language}"),
        )
        .await?;
    }
    Ok(())
}

//! Accessibility in real headless Chromium. axe-core (WCAG 2.2 A and AA rules, and the
//! experimental Label in Name rule: see [`tests::a11y::EXPERIMENTAL`]) finds nothing in
//! any role's view, in any of the four languages, on a desktop screen and on a
//! phone-sized one, nor in the states that add controls (the chair after a speech, a
//! dead-air alert, a handover under way); every view reflows into a 320 CSS px wide window without scrolling
//! sideways (WCAG 1.4.10), in English and in Arabic; the hand goes up and down by keyboard
//! alone and the live region says so. The views' screenshots for the README are taken here (written to `docs/screenshots`
//! with `UPDATE_SCREENSHOTS=1`, else to a temporary directory).

use anyhow::{Context, Result, ensure};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use protocol::Command;
use std::path::PathBuf;
use tests::a11y::assert_accessible;
use tests::browser::{Browser, Chromedriver, client_dist};
use tests::{TestServer, workspace_root};

/// Each role's view, by a demo participant.
const VIEWS: [(&str, &str); 5] = [
    ("attendee", "senegal"),
    ("chair", "chair"),
    ("interpreter", "interp-fr"),
    ("sign-language-interpreter", "signer"),
    ("organiser", "organiser"),
];

const LANGUAGES: [&str; 4] = ["en", "fr", "es", "ar"];

/// Where screenshots go: the README's when asked for, else out of the way.
fn screenshots() -> PathBuf {
    let dir = if std::env::var_os("UPDATE_SCREENSHOTS").is_some() {
        workspace_root().join("docs/screenshots")
    } else {
        std::env::temp_dir().join("meeting-screenshots")
    };
    std::fs::create_dir_all(&dir).expect("a screenshot directory");
    dir
}

/// A meeting under way: the discussion is the current item, a delegate has the floor, four
/// wait (Senegal, whose request was made at registration, first), and the French booth
/// is on air.
async fn under_way(server: &TestServer) {
    let (mut chair, _) = server.join("chair").await;
    for _ in 0..3 {
        chair.request(Command::next_item()).await.unwrap();
    }
    for who in ["peru", "eu", "colombia"] {
        let (mut delegate, _) = server.join(who).await;
        delegate.request(Command::raise_hand()).await.unwrap();
    }
    chair.request(Command::give_floor_next()).await.unwrap();
    let (mut booth, _) = server.join("interp-fr").await;
    booth
        .request(Command::SetOnAir {
            channel: protocol::ChannelId::new("fr"),
            on_air: true,
        })
        .await
        .unwrap();
    // The booth's connection closing would take it off air; keep it.
    std::mem::forget(booth);
}

async fn open_as(browser: &Browser, server: &TestServer, who: &str) -> Result<()> {
    browser.open(&server.invite(who)).await?;
    browser
        .wait_for("#connection-status[data-state='connected']")
        .await
        .with_context(|| format!("{who} connects"))
}

async fn switch_language(browser: &Browser, language: &str) -> Result<()> {
    browser.select("#ui-language", language).await?;
    browser
        .wait_for(&format!("html[lang='{language}']"))
        .await
        .with_context(|| format!("the page is in {language}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_view_passes_axe_in_every_language() {
    let server = TestServer::start_with(|config| config.static_dir = Some(client_dist())).await;
    under_way(&server).await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let mut failures = Vec::new();
    for (view, who) in VIEWS {
        let browser = driver.session().await.expect("a browser");
        let outcome = check_view(&server, &browser, view, who).await;
        browser.close().await;
        if let Err(error) = outcome {
            failures.push(format!("{view}: {error:#}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

async fn check_view(server: &TestServer, browser: &Browser, view: &str, who: &str) -> Result<()> {
    browser.client.set_window_size(1280, 1800).await?;
    open_as(browser, server, who).await?;
    if view == "chair" {
        browser.wait_for("#queue-length[data-length='4']").await?;
    }
    for language in LANGUAGES {
        switch_language(browser, language).await?;
        assert_accessible(browser, &format!("{view} in {language}")).await?;
        if language == "en" || (language == "ar" && view == "chair") {
            let name = if language == "en" {
                format!("{view}.png")
            } else {
                format!("{view}-{language}.png")
            };
            browser.screenshot(&screenshots().join(name)).await?;
        }
    }
    // On a phone, in Arabic (right to left) for the attendee and in English for the rest.
    browser.client.set_window_size(390, 844).await?;
    let language = if view == "attendee" { "ar" } else { "en" };
    switch_language(browser, language).await?;
    assert_accessible(browser, &format!("{view} on a phone in {language}")).await?;
    if view == "attendee" {
        browser
            .screenshot(&screenshots().join("attendee-phone-ar.png"))
            .await?;
    }
    Ok(())
}

/// The chair's page in the states that add controls after a speech: the speaker has
/// finished, so "Re-add last speaker" is offered (named after its label and the speaker),
/// with requests still waiting (those made at registration among them); then the
/// question asked when moving on while they wait; in every language.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chair_after_a_speech_passes_axe_in_every_language() {
    let server = TestServer::start_with(|config| config.static_dir = Some(client_dist())).await;
    under_way(&server).await;
    let (mut chair, _) = server.join("chair").await;
    chair.request(Command::EndFloor).await.unwrap();
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let browser = driver.session().await.expect("a browser");
    let outcome = after_a_speech(&server, &browser).await;
    browser.close().await;
    outcome.unwrap();
}

async fn after_a_speech(server: &TestServer, browser: &Browser) -> Result<()> {
    browser.client.set_window_size(1280, 1800).await?;
    open_as(browser, server, "chair").await?;
    browser
        .wait_for("#readd-last-speaker:not([aria-disabled='true'])")
        .await?;
    for language in LANGUAGES {
        switch_language(browser, language).await?;
        assert_accessible(browser, &format!("the chair after a speech in {language}")).await?;
    }
    switch_language(browser, "en").await?;
    browser
        .screenshot(&screenshots().join("chair-after-a-speech.png"))
        .await?;
    // Moving on while requests wait: the question and its four answers.
    browser.click("#next-item").await?;
    browser.wait_for("#move-on-confirmation").await?;
    for language in LANGUAGES {
        switch_language(browser, language).await?;
        ensure!(
            browser.has("#move-on-keep").await?,
            "the question is still asked in {language}"
        );
        assert_accessible(browser, &format!("the chair moving on in {language}")).await?;
    }
    Ok(())
}

/// A dead-air alert: someone has the floor and nobody is on air into French (nor into the
/// other channels), so the French interpreter's console and the chair's page show the
/// alert (sent once, when the silence has lasted: both pages are open before); axe finds
/// nothing on either, in every language.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dead_air_alert_passes_axe_in_every_language() {
    let server = TestServer::start_with(|config| {
        config.static_dir = Some(client_dist());
        config.meetings[0].info.dead_air_seconds = Some(1);
    })
    .await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let booth = driver.session().await.expect("the interpreter's browser");
    let chair = driver.session().await.expect("the chair's browser");
    let outcome = with_dead_air(&server, &booth, &chair).await;
    for browser in [booth, chair] {
        browser.close().await;
    }
    outcome.unwrap();
}

async fn with_dead_air(server: &TestServer, booth: &Browser, chair: &Browser) -> Result<()> {
    for (browser, who) in [(booth, "interp-fr"), (chair, "chair")] {
        browser.client.set_window_size(1280, 1800).await?;
        open_as(browser, server, who).await?;
    }
    let (mut chair_ws, _) = server.join("chair").await;
    chair_ws.request(Command::next_item()).await.unwrap();
    let (mut delegate, _) = server.join("peru").await;
    delegate.request(Command::raise_hand()).await.unwrap();
    chair_ws.request(Command::give_floor_next()).await.unwrap();
    let mut failures = Vec::new();
    for (browser, who) in [(booth, "the French interpreter"), (chair, "the chair")] {
        let outcome = async {
            browser
                .wait_for("#dead-air li[data-channel-id='fr']")
                .await
                .context("the dead-air alert for French")?;
            for language in LANGUAGES {
                switch_language(browser, language).await?;
                ensure!(
                    browser.has("#dead-air li[data-channel-id='fr']").await?,
                    "the alert is still shown in {language}"
                );
                assert_accessible(browser, &format!("{who} with dead air in {language}")).await?;
            }
            switch_language(browser, "en").await?;
            let name = if who == "the chair" {
                "chair-dead-air.png"
            } else {
                "interpreter-dead-air.png"
            };
            browser.screenshot(&screenshots().join(name)).await?;
            Ok::<_, anyhow::Error>(())
        }
        .await;
        if let Err(error) = outcome {
            failures.push(format!("{who}: {error:#}"));
        }
    }
    ensure!(failures.is_empty(), "{}", failures.join("\n\n"));
    Ok(())
}

/// A handover under way in the French booth: the interpreter on air has asked, the
/// partner is asked to take over; both consoles, with the countdown and the button that
/// cancels or accepts, pass axe in every language.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handover_under_way_passes_axe_on_both_consoles_in_every_language() {
    let server = TestServer::start_with(|config| {
        config.static_dir = Some(client_dist());
        // Long enough that the handover is still asked when the last check runs.
        config.meetings[0].info.handover_seconds = Some(600);
    })
    .await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let french = driver.session().await.expect("the interpreter's browser");
    let partner = driver.session().await.expect("the partner's browser");
    let outcome = handover_under_way(&server, &french, &partner).await;
    for browser in [french, partner] {
        browser.close().await;
    }
    outcome.unwrap();
}

async fn handover_under_way(
    server: &TestServer,
    french: &Browser,
    partner: &Browser,
) -> Result<()> {
    for (browser, who) in [(french, "interp-fr"), (partner, "interp-fr-2")] {
        browser.client.set_window_size(1280, 1800).await?;
        open_as(browser, server, who).await?;
    }
    french.click("#on-air-toggle").await?;
    french
        .wait_for("#on-air-toggle[aria-pressed='true']")
        .await?;
    french.wait_for("#request-handover").await?;
    french.click("#request-handover").await?;
    french.wait_for("#cancel-handover").await?;
    french.wait_for("#handover-countdown").await?;
    partner
        .wait_for_text("#take-over", "Accept handover")
        .await?;
    partner.wait_for("#handover-countdown").await?;
    for (browser, who, button) in [
        (french, "the interpreter who asks", "#cancel-handover"),
        (partner, "the partner who is asked", "#take-over"),
    ] {
        for language in LANGUAGES {
            switch_language(browser, language).await?;
            ensure!(
                browser.has(button).await? && browser.has("#handover-countdown").await?,
                "{who}: the handover is still under way in {language}"
            );
            assert_accessible(
                browser,
                &format!("{who}, handover under way, in {language}"),
            )
            .await?;
        }
        if button == "#take-over" {
            switch_language(browser, "en").await?;
            browser
                .screenshot(&screenshots().join("interpreter-handover.png"))
                .await?;
        }
    }
    Ok(())
}

/// Latin names and delegations on an Arabic (right-to-left) page keep their own
/// left-to-right order, punctuation included: "Dr. Smith (UK)" on the floor and
/// "Smith, J." in the list of speakers (which, not isolated, would be drawn ".Smith, J"),
/// each in a `bdi` (or an element with `dir="auto"`). The tab's title isolates the
/// meeting's title too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn latin_names_keep_their_order_on_an_arabic_page() {
    let server = TestServer::start_with(|config| {
        config.static_dir = Some(client_dist());
        for who in &mut config.meetings[0].participants {
            match who.id.as_str() {
                "peru" => {
                    who.name = "Dr. Smith".into();
                    who.delegation = Some("UK".into());
                }
                "eu" => {
                    who.name = "Smith, J.".into();
                    who.delegation = None;
                }
                _ => {}
            }
        }
    })
    .await;
    let (mut chair, _) = server.join("chair").await;
    for _ in 0..3 {
        chair.request(Command::next_item()).await.unwrap();
    }
    for who in ["peru", "eu"] {
        let (mut delegate, _) = server.join(who).await;
        delegate.request(Command::raise_hand()).await.unwrap();
    }
    chair
        .request(Command::GiveFloor {
            request: None,
            participant: Some(protocol::ParticipantId::new("peru")),
            name: None,
            delegation: None,
            language: None,
        })
        .await
        .unwrap();
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let browser = driver.session().await.expect("a browser");
    let outcome = names_in_arabic(&server, &browser).await;
    browser.close().await;
    outcome.unwrap();
}

/// Where each character of the element's text is drawn: the text without spaces and
/// isolation marks, and the horizontal centre of each of its characters.
#[derive(Debug, serde::Deserialize)]
struct Drawn {
    text: String,
    xs: Vec<f64>,
    isolated: bool,
}

async fn drawn(browser: &Browser, css: &str) -> Result<Drawn> {
    let value = browser
        .client
        .execute(
            r"
            const element = document.querySelector(arguments[0]);
            if (!element) return null;
            const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
            const text = [];
            const xs = [];
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (let at = 0; at < node.data.length; at++) {
                    if (/[\s\u2066-\u2069]/.test(node.data[at])) continue;
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + 1);
                    const box = range.getBoundingClientRect();
                    text.push(node.data[at]);
                    xs.push(box.left + box.width / 2);
                }
            }
            const isolated = element.tagName === 'BDI'
                || element.closest('bdi, [dir=auto]') !== null;
            return { text: text.join(''), xs, isolated };
            ",
            vec![css.into()],
        )
        .await?;
    serde_json::from_value::<Option<Drawn>>(value)?.with_context(|| format!("no {css}"))
}

/// The characters of `expected` (spaces aside) are drawn from left to right in `css`,
/// which is isolated.
async fn left_to_right(browser: &Browser, css: &str, expected: &str) -> Result<()> {
    let drawn = drawn(browser, css).await?;
    let wanted: String = expected.chars().filter(|c| !c.is_whitespace()).collect();
    let start = drawn
        .text
        .find(&wanted)
        .with_context(|| format!("{css} shows {:?}, not {expected:?}", drawn.text))?;
    let first = drawn.text[..start].chars().count();
    let xs = &drawn.xs[first..first + wanted.chars().count()];
    ensure!(
        xs.windows(2).all(|pair| pair[0] < pair[1]),
        "{css}: {expected:?} is not drawn left to right: {xs:?}"
    );
    ensure!(
        drawn.isolated,
        "{css}: {expected:?} is not in a bdi or a dir=auto element"
    );
    Ok(())
}

async fn names_in_arabic(server: &TestServer, browser: &Browser) -> Result<()> {
    browser.client.set_window_size(1280, 1800).await?;
    open_as(browser, server, "chair").await?;
    switch_language(browser, "ar").await?;
    browser
        .wait_for("#floor[data-participant-id='peru']")
        .await?;
    // The measure itself: a name ending in punctuation, not isolated, is drawn out of
    // order here (its full stop goes to the left end).
    browser
        .client
        .execute(
            "const probe = document.createElement('p');
             probe.id = 'bidi-probe';
             probe.textContent = 'Smith, J.';
             document.querySelector('main').append(probe);",
            Vec::new(),
        )
        .await?;
    let probe = left_to_right(browser, "#bidi-probe", "Smith, J.").await;
    ensure!(
        probe
            .as_ref()
            .is_err_and(|error| error.to_string().contains("not drawn left to right")),
        "a text that is not isolated passes the check: {probe:?}"
    );
    left_to_right(browser, "#floor bdi", "Dr. Smith (UK)").await?;
    left_to_right(
        browser,
        "#queue li[data-participant-id='eu'] .name",
        "Smith, J.",
    )
    .await?;
    let title = browser
        .client
        .execute("return document.title;", Vec::new())
        .await?;
    let title = title.as_str().context("the tab's title")?;
    ensure!(
        title.starts_with('\u{2068}') && title.contains('\u{2069}'),
        "the tab's title does not isolate the meeting's title: {title:?}"
    );
    Ok(())
}

/// WCAG 1.4.10 (Reflow): content fits 320 CSS px without scrolling in two dimensions.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_view_reflows_into_320_css_pixels_in_english_and_arabic() {
    let server = TestServer::start_with(|config| config.static_dir = Some(client_dist())).await;
    under_way(&server).await;
    // Someone with a long name and delegation, so that the organiser's list has one.
    let (_long, _) = server.join("colombia").await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let mut failures = Vec::new();
    for (view, who) in VIEWS {
        let browser = driver.session().await.expect("a browser");
        let outcome = check_reflow(&server, &browser, who).await;
        browser.close().await;
        if let Err(error) = outcome {
            failures.push(format!("{view}: {error:#}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// How wide the page is against its window, and the elements that stick out of it.
#[derive(Debug, serde::Deserialize)]
struct Width {
    /// `document.documentElement.scrollWidth`.
    scroll: f64,
    /// `document.documentElement.clientWidth`.
    client: f64,
    /// The innermost elements reaching past either edge of the window.
    culprits: Vec<String>,
}

async fn page_width(browser: &Browser) -> Result<Width> {
    let value = browser
        .client
        .execute(
            r"
            const root = document.documentElement;
            const width = root.clientWidth;
            const describe = (element) => element.tagName.toLowerCase()
                + (element.id ? '#' + element.id : '')
                + [...element.classList].map((name) => '.' + name).join('');
            const outside = [...document.body.querySelectorAll('*')].filter((element) => {
                const box = element.getBoundingClientRect();
                return box.width > 0 && (box.right > width + 1 || box.left < -1);
            });
            const culprits = outside
                .filter((element) => !outside.some((other) => other !== element && element.contains(other)))
                .slice(0, 12)
                .map((element) => {
                    const box = element.getBoundingClientRect();
                    const path = [];
                    for (let at = element; at && at !== document.body; at = at.parentElement) {
                        path.unshift(describe(at));
                    }
                    return path.slice(-4).join(' > ') + ` (${Math.round(box.left)} to ${Math.round(box.right)})`;
                });
            return { scroll: root.scrollWidth, client: width, culprits };
            ",
            Vec::new(),
        )
        .await?;
    Ok(serde_json::from_value(value)?)
}

async fn check_reflow(server: &TestServer, browser: &Browser, who: &str) -> Result<()> {
    browser.client.set_window_size(320, 900).await?;
    open_as(browser, server, who).await?;
    let inner = browser
        .client
        .execute("return window.innerWidth;", Vec::new())
        .await?;
    ensure!(
        inner.as_f64().is_some_and(|width| width <= 320.0),
        "the window is not 320 CSS px wide but {inner}: the check would check nothing"
    );
    for language in ["en", "ar"] {
        switch_language(browser, language).await?;
        // What folds away (the chair's forms, the chair's roster) must reflow too.
        browser
            .client
            .execute(
                "document.querySelectorAll('details').forEach((details) => { details.open = true; });",
                Vec::new(),
            )
            .await?;
        let width = page_width(browser).await?;
        ensure!(
            width.scroll <= width.client + 1.0,
            "in {language}, the page is {} px wide in a {} px window; sticking out: {:?}",
            width.scroll,
            width.client,
            width.culprits
        );
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_hand_goes_up_and_down_by_keyboard_alone_and_the_live_region_says_so() {
    let server = TestServer::start_with(|config| config.static_dir = Some(client_dist())).await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let browser = driver.session().await.expect("a browser");
    let outcome = by_keyboard(&server, &browser).await;
    browser.close().await;
    outcome.unwrap();
}

async fn press(browser: &Browser, key: char) -> Result<()> {
    let keys = KeyActions::new("keyboard".to_owned())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    browser.client.perform_actions(keys).await?;
    Ok(())
}

/// Presses Tab until the element with id `target` has the focus (at most 80 times).
async fn tab_to(browser: &Browser, target: &str) -> Result<()> {
    for _ in 0..80 {
        press(browser, Key::Tab.into()).await?;
        if browser.focused_id().await? == target {
            return Ok(());
        }
    }
    anyhow::bail!("Tab never reaches #{target}")
}

async fn by_keyboard(server: &TestServer, browser: &Browser) -> Result<()> {
    open_as(browser, server, "peru").await?;
    // The shortcut is shown in the interface, and works from anywhere but a text field.
    browser.wait_for_content("body", "H").await?;
    press(browser, 'h').await?;
    browser
        .wait_for("#raise-hand[aria-pressed='true']")
        .await
        .with_context(|| "H raises the hand")?;
    browser
        .wait_for_content("#announcer", "You are next in the queue.")
        .await?;
    let state = server.join("chair").await.1.meeting.unwrap();
    let list = state.active_list().unwrap();
    ensure!(
        list.queue.len() == 1 && list.queue[0].participant.as_str() == "peru",
        "the server has the hand: {list:?}"
    );

    // Tab to the hand button and lower it with Enter: reachable by keyboard alone.
    tab_to(browser, "raise-hand").await?;
    press(browser, Key::Enter.into()).await?;
    browser
        .wait_for("#raise-hand[aria-pressed='false']")
        .await?;
    browser
        .wait_for_content("#announcer", "Your hand is lowered.")
        .await?;

    // The same in French: the announcement is in the viewer's language. (The picker keeps
    // the focus after the switch, and H in a select belongs to the select.)
    switch_language(browser, "fr").await?;
    ensure!(browser.focused_id().await? == "ui-language");
    tab_to(browser, "raise-hand").await?;
    press(browser, Key::Enter.into()).await?;
    browser.wait_for("#raise-hand[aria-pressed='true']").await?;
    browser
        .wait_for_content("#announcer", "Vous êtes en tête de la file d’attente.")
        .await
        .context("the announcement in French")?;
    Ok(())
}

/// The check itself: axe-core is there and reports what a broken page breaks, so that a
/// clean report above means something.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_checker_reports_a_page_that_breaks_the_rules() {
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let browser = driver.session().await.expect("a browser");
    let outcome = async {
        browser
            .open(
                "data:text/html,<html><body><img src='x.png'><button></button>\
                 <button aria-label='Close the window'>Open the menu</button></body></html>",
            )
            .await?;
        let found = tests::a11y::violations(&browser).await?;
        let ids: Vec<&str> = found.iter().map(|rule| rule.id.as_str()).collect();
        for rule in [
            "html-has-lang",
            "image-alt",
            "button-name",
            "label-content-name-mismatch",
        ] {
            ensure!(ids.contains(&rule), "{rule} not reported: {ids:?}");
        }
        Ok::<_, anyhow::Error>(())
    }
    .await;
    browser.close().await;
    outcome.unwrap();
}

/// The organiser's participants card with a revocation being confirmed, a link shown
/// for copying by hand, and the form to add a participant showing the API's refusal at
/// its field, in every language.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_participants_card_passes_axe_in_every_language() {
    let server = TestServer::start_with(|config| config.static_dir = Some(client_dist())).await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let browser = driver.session().await.expect("a browser");
    let outcome = participants_card(&server, &browser).await;
    browser.close().await;
    outcome.unwrap();
}

async fn participants_card(server: &TestServer, browser: &Browser) -> Result<()> {
    browser.client.set_window_size(1280, 1800).await?;
    open_as(browser, server, "organiser").await?;
    let row = "#participants-list li[data-participant-id='peru']";
    browser.type_into("#participants-search", "peru").await?;
    browser.wait_for(row).await?;
    browser.type_into("#participant-name", "Ghana").await?;
    browser.type_into("#participant-email", "ghana").await?;
    browser.click("#add-participant-submit").await?;
    browser
        .wait_for("#participant-email[aria-invalid='true']")
        .await?;
    for language in LANGUAGES {
        switch_language(browser, language).await?;
        // What was unfolded is drawn again; the refusal and the search are kept.
        browser.click(&format!("{row} button.show-link")).await?;
        browser.wait_for("#participant-link-text").await?;
        browser.click(&format!("{row} button.revoke-link")).await?;
        browser.wait_for("#link-confirm-peru").await?;
        browser
            .wait_for("#participant-email[aria-invalid='true']")
            .await?;
        assert_accessible(browser, &format!("the participants card in {language}")).await?;
        if language == "en" || language == "ar" {
            browser
                .client
                .execute(
                    "document.querySelector('#participants').scrollIntoView();",
                    Vec::new(),
                )
                .await?;
            browser
                .screenshot(&screenshots().join(format!("organiser-participants-{language}.png")))
                .await?;
        }
    }
    Ok(())
}

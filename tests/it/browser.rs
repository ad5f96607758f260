//! The walking skeleton in real headless Chromium: an attendee raises a hand in one
//! browser, the chair gives the floor in another, the agenda moves and the French channel
//! goes live in a third, and every screen follows. Then the list of speakers, the agenda,
//! reconnecting, renewing the session, the interface in each of its languages,
//! interpretation (a listener's channel and fallbacks, the interpreter's console, relay
//! tasks, handover, dead air), a meeting updated and closed through the meetings API,
//! the organiser's view of who is connected, and what must be seen, not only heard (a
//! listener's channel changing, a lost connection), and each role's first screen (the
//! chair's core loop and agenda rows, the attendee's hand in view, the speaker log's
//! download), and unsent input kept across a change of language.

use anyhow::{Context, Result, ensure};
use protocol::{ChannelId, Command, LanguageCode};
use std::time::{Duration, Instant};
use tests::browser::{Browser, Chromedriver, NetworkProfile, client_dist};
use tests::proxy::Proxy;
use tests::{TestServer, http_send};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn raise_hand_give_floor_move_agenda_and_go_on_air_across_browsers() {
    let dist = client_dist();
    let server = TestServer::start_with(|config| config.static_dir = Some(dist)).await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let chair = driver.session().await.expect("chair's browser");
    let attendee = driver.session().await.expect("attendee's browser");
    let interpreter = driver.session().await.expect("interpreter's browser");

    let outcome = skeleton(&server, &chair, &attendee, &interpreter).await;
    for browser in [chair, attendee, interpreter] {
        browser.close().await;
    }
    outcome.unwrap();
}

async fn skeleton(
    server: &TestServer,
    chair: &Browser,
    attendee: &Browser,
    interpreter: &Browser,
) -> Result<()> {
    for (browser, who) in [
        (chair, "chair"),
        (attendee, "colombia"),
        (interpreter, "interp-fr"),
    ] {
        browser.open(&server.invite(who)).await?;
        browser
            .wait_for("#connection-status[data-state='connected']")
            .await?;
    }
    // The token is taken out of the address bar once read.
    let url = attendee.client.current_url().await?;
    ensure!(
        !url.as_str().contains("token"),
        "the token stayed in the address bar: {url}"
    );
    attendee
        .wait_for_text("#meeting-title", "Cooperation and assistance")
        .await?;

    // The attendee raises a hand; the chair sees it in the queue at once.
    attendee.click("#raise-hand").await?;
    attendee
        .wait_for("#raise-hand[aria-pressed='true']")
        .await?;
    attendee.wait_for_text("#my-position", "1").await?;
    chair
        .wait_for_text(
            "#queue li[data-participant-id='colombia']",
            "Chair of the Committee on the Enhancement",
        )
        .await?;

    // The chair gives the floor; the attendee's screen says so.
    chair
        .click("#queue li[data-participant-id='colombia'] button.give-floor")
        .await?;
    attendee
        .wait_for_text("#my-floor-status", "You have the floor")
        .await?;
    chair
        .wait_for("#floor[data-participant-id='colombia']")
        .await?;
    ensure!(
        !chair
            .has("#queue li[data-participant-id='colombia']")
            .await?,
        "the speaker left the queue"
    );

    // The chair moves to the next agenda item; every tab shows it.
    chair.click("#next-item").await?;
    for browser in [chair, attendee, interpreter] {
        browser
            .wait_for_text("#current-item", "Opening remarks by the European Union")
            .await?;
        browser
            .wait_for("#agenda li[data-item-id='opening-eu'][aria-current='step']")
            .await?;
    }

    // The French interpreter goes on air; every tab shows the channel live.
    interpreter.click("#on-air-toggle").await?;
    interpreter
        .wait_for("#on-air-toggle[aria-pressed='true']")
        .await?;
    for browser in [chair, attendee, interpreter] {
        browser
            .wait_for("#channels li[data-channel-id='fr'][data-state='live']")
            .await?;
        browser
            .wait_for("#channels li[data-channel-id='es'][data-state='standby']")
            .await?;
    }
    Ok(())
}

/// The network drops while the meeting goes on: the page says it is reconnecting, then
/// resumes from its last seq and shows everything that happened meanwhile.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_connection_catches_up_after_reconnecting() {
    let dist = client_dist();
    let server = TestServer::start_with(|config| config.static_dir = Some(dist)).await;
    let proxy = Proxy::start(server.addr).await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let attendee = driver.session().await.expect("attendee's browser");
    let outcome = catch_up(&server, &proxy, &attendee).await;
    attendee.close().await;
    outcome.unwrap();
}

async fn catch_up(server: &TestServer, proxy: &Proxy, attendee: &Browser) -> Result<()> {
    let base = format!("http://{}", proxy.addr);
    attendee.open(&server.invite_via(&base, "senegal")).await?;
    attendee
        .wait_for("#connection-status[data-state='connected']")
        .await?;
    let (mut chair, _) = server.join("chair").await;
    let (mut peru, _) = server.join("peru").await;
    chair
        .request(Command::next_item())
        .await
        .expect("first item");
    attendee
        .wait_for("#current-item[data-item-id='opening-eu']")
        .await?;

    proxy.cut();
    attendee
        .wait_for("#connection-status[data-state='reconnecting']")
        .await?;
    // The meeting goes on without this attendee.
    chair
        .request(Command::next_item())
        .await
        .expect("second item");
    chair
        .request(Command::next_item())
        .await
        .expect("third item");
    peru.request(Command::raise_hand()).await.expect("a hand");
    proxy.restore();

    attendee
        .wait_for("#connection-status[data-state='connected']")
        .await?;
    attendee
        .wait_for("#current-item[data-item-id='discussion']")
        .await?;
    attendee
        .wait_for_text("#current-item", "Moderated discussion")
        .await?;
    attendee
        .wait_for("#queue li[data-participant-id='peru']")
        .await?;
    // And it is live again (the discussion's list also holds the requests made at
    // registration, so the chair names Peru).
    chair
        .request(Command::GiveFloor {
            request: None,
            participant: Some(tests::id("peru")),
            name: None,
            delegation: None,
            language: None,
        })
        .await
        .expect("floor");
    attendee
        .wait_for("#floor[data-participant-id='peru']")
        .await?;
    Ok(())
}

/// A session whose token is about to expire is renewed by opening a fresh invite link in
/// the same tab: the page sends `refresh_token` and stays connected past the old expiry.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fresh_invite_link_renews_the_session_without_reconnecting() {
    let dist = client_dist();
    let server = TestServer::start_with(|config| config.static_dir = Some(dist)).await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let attendee = driver.session().await.expect("attendee's browser");
    let outcome = renew(&server, &attendee).await;
    attendee.close().await;
    outcome.unwrap();
}

async fn renew(server: &TestServer, attendee: &Browser) -> Result<()> {
    let who = server.participant("peru");
    // Short enough to be warned about at once, long enough for a slow machine to load
    // the page and join before it expires.
    let lifetime = 20;
    let short = server.keys.mint(
        &server.meeting.info.id,
        &who,
        std::time::Duration::from_secs(lifetime),
    );
    attendee
        .open(&format!("{}/#token={short}", server.http_url()))
        .await?;
    attendee
        .wait_for("#connection-status[data-state='connected']")
        .await?;
    // Told, before the token expires, that the session is ending and what to do.
    attendee
        .wait_for_content("#session-ending", "Your session ends in 1 minute.")
        .await?;
    let fresh = server.keys.mint(
        &server.meeting.info.id,
        &who,
        std::time::Duration::from_secs(3600),
    );
    attendee
        .open(&format!("{}/#token={fresh}", server.http_url()))
        .await?;
    // Renewed: the warning goes.
    attendee.wait_gone("#session-ending").await?;
    // Past the short token's expiry and the server's leeway.
    tokio::time::sleep(std::time::Duration::from_secs(
        lifetime + server::auth::LEEWAY_SECONDS + 2,
    ))
    .await;
    ensure!(
        attendee
            .has("#connection-status[data-state='connected']")
            .await?,
        "the session ended with the old token"
    );
    let url = attendee.client.current_url().await?;
    ensure!(
        !url.as_str().contains("token"),
        "the token stayed in the address bar: {url}"
    );
    Ok(())
}

/// The list of speakers across browsers: attendees ask for the floor with a kind and a
/// language, see their position and "you are next"; the chair reorders, gives the floor,
/// watches the countdown, pauses it, closes the list and lowers all hands.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_of_speakers_across_browsers() {
    let dist = client_dist();
    let server = TestServer::start_with(|config| config.static_dir = Some(dist)).await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let chair = driver.session().await.expect("chair's browser");
    let peru = driver.session().await.expect("peru's browser");
    let senegal = driver.session().await.expect("senegal's browser");
    let outcome = list_of_speakers(&server, &chair, &peru, &senegal).await;
    for browser in [chair, peru, senegal] {
        browser.close().await;
    }
    outcome.unwrap();
}

async fn list_of_speakers(
    server: &TestServer,
    chair: &Browser,
    peru: &Browser,
    senegal: &Browser,
) -> Result<()> {
    for (browser, who) in [(chair, "chair"), (peru, "peru"), (senegal, "senegal")] {
        browser.open(&server.invite(who)).await?;
        browser
            .wait_for("#connection-status[data-state='connected']")
            .await?;
    }
    // The meeting starts (waits are estimated only once it has); Peru asks a question in
    // Spanish with a note; Senegal raises a point of order, which goes ahead.
    let (mut chair_ws, _) = server.join("chair").await;
    chair_ws
        .request(Command::next_item())
        .await
        .expect("the first item");
    chair
        .wait_for("#connection-status[data-state='connected']")
        .await?;
    peru.select("#request-kind", "question").await?;
    peru.select("#request-language", "es").await?;
    peru.type_into("#request-note", "On funding for rural areas")
        .await?;
    peru.click("#raise-hand").await?;
    peru.wait_for("#raise-hand[aria-pressed='true']").await?;
    peru.wait_for("#you-are-next").await?;
    senegal.select("#request-kind", "point_of_order").await?;
    senegal.click("#raise-hand").await?;
    senegal.wait_for("#you-are-next").await?;
    peru.wait_for_text("#my-position", "2").await?;
    ensure!(!peru.has("#you-are-next").await?, "peru is no longer next");
    // The wait is estimated from the speaking-time limit (3 minutes in the demo).
    peru.wait_for_text("#my-wait", "3").await?;
    chair
        .wait_for("#queue li[data-participant-id='senegal'][data-kind='point_of_order']")
        .await?;
    chair
        .wait_for_text(
            "#queue li[data-participant-id='peru'][data-kind='question']",
            "On funding for rural areas",
        )
        .await?;
    peru.wait_for("#queue-length[data-length='2']").await?;

    // The chair gives the floor to Peru; everyone sees the countdown; pause and resume.
    chair
        .click("#queue li[data-participant-id='peru'] button.give-floor")
        .await?;
    peru.wait_for("#my-floor-status").await?;
    for browser in [chair, peru, senegal] {
        browser
            .wait_for("#floor[data-participant-id='peru']")
            .await?;
        browser
            .wait_for("#floor-timer[data-state='running'][data-remaining-ms]")
            .await?;
    }
    chair.click("#pause-floor").await?;
    for browser in [peru, senegal] {
        browser
            .wait_for("#floor-timer[data-state='paused']")
            .await?;
    }
    chair.click("#resume-floor").await?;
    peru.wait_for("#floor-timer[data-state='running']").await?;

    // The chair closes the list: the attendee is told, and only a point of order can
    // still be asked for.
    chair.click("#close-list").await?;
    peru.wait_for("#list-closed").await?;
    chair.click("#end-floor").await?;
    peru.wait_gone("#my-floor-status").await?;
    peru.wait_for("#raise-hand[aria-disabled='true']").await?;
    peru.select("#request-kind", "point_of_order").await?;
    peru.wait_gone("#raise-hand[aria-disabled='true']").await?;
    peru.click("#raise-hand").await?;
    peru.wait_for_text("#my-position", "2").await?;
    chair.click("#reopen-list").await?;
    peru.wait_gone("#list-closed").await?;

    // Lower all hands, after a confirmation that states the count.
    chair.click("#clear-queue").await?;
    chair
        .wait_for_text("#clear-queue-confirmation", "2")
        .await?;
    chair.click("#clear-queue-confirm").await?;
    senegal
        .wait_for("#raise-hand[aria-pressed='false']")
        .await?;
    senegal.wait_for("#queue-length[data-length='0']").await?;
    Ok(())
}

/// The live agenda across browsers: the chair opens the meeting, skips an item, adds
/// one and edits it; the attendee sees the states, the new item, the live item's clock
/// and the forecast.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chair_runs_the_agenda_and_the_attendee_follows() {
    let dist = client_dist();
    let server = TestServer::start_with(|config| config.static_dir = Some(dist)).await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let chair = driver.session().await.expect("chair's browser");
    let attendee = driver.session().await.expect("attendee's browser");
    let outcome = agenda(&server, &chair, &attendee).await;
    for browser in [chair, attendee] {
        browser.close().await;
    }
    outcome.unwrap();
}

async fn agenda(server: &TestServer, chair: &Browser, attendee: &Browser) -> Result<()> {
    for (browser, who) in [(chair, "chair"), (attendee, "senegal")] {
        browser.open(&server.invite(who)).await?;
        browser
            .wait_for("#connection-status[data-state='connected']")
            .await?;
    }
    attendee.wait_for("#forecast #meeting-start").await?;
    // The chair skips the President's remarks, then opens the meeting: "next" passes
    // over the skipped item.
    chair
        .click("#agenda li[data-item-id='opening-president'] button.item-more")
        .await?;
    chair
        .click("#agenda li[data-item-id='opening-president'] button.mark-skipped")
        .await?;
    attendee
        .wait_for("#agenda li[data-item-id='opening-president'][data-state='skipped']")
        .await?;
    chair.click("#next-item").await?;
    chair.click("#next-item").await?;
    for browser in [chair, attendee] {
        browser
            .wait_for("#agenda li[data-item-id='discussion'][data-state='live']")
            .await?;
        browser
            .wait_for("#agenda li[data-item-id='opening-eu'][data-state='done']")
            .await?;
        browser
            .wait_for("#item-timer[data-planned-ms='4800000']")
            .await?;
        browser.wait_for("#forecast #meeting-ends-at").await?;
    }
    // The chair adds an item; the attendee sees it, with its title.
    chair.click("#add-item-section summary").await?;
    chair.type_into("#new-item-id", "survivors").await?;
    chair
        .type_into("#new-item-title", "Survivors speak")
        .await?;
    chair.type_into("#new-item-minutes", "15").await?;
    chair.click("#add-item-submit").await?;
    attendee
        .wait_for_text(
            "#agenda li[data-item-id='survivors'][data-state='upcoming']",
            "Survivors speak",
        )
        .await?;
    // A bad id is refused in the form, and nothing is sent.
    chair.type_into("#new-item-id", "Not An Id").await?;
    chair.type_into("#new-item-title", "x").await?;
    chair.click("#add-item-submit").await?;
    chair.wait_for("#new-item-id[aria-invalid='true']").await?;
    Ok(())
}

/// The attendee switches the interface to Arabic, English, French and Spanish in turn:
/// the document's language and direction, the interface's strings and the meeting's
/// titles follow at once, without reconnecting and without losing the raised hand; the
/// choice is remembered after a reload. A browser that prefers French starts in French.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_interface_speaks_the_chosen_language_and_remembers_it() {
    let dist = client_dist();
    let server = TestServer::start_with(|config| config.static_dir = Some(dist)).await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let attendee = driver.session().await.expect("attendee's browser");
    let french = driver
        .session_in(&["fr-CH", "fr", "en"])
        .await
        .expect("a browser that prefers French");
    let outcome = interface_languages(&server, &attendee, &french).await;
    for browser in [attendee, french] {
        browser.close().await;
    }
    outcome.unwrap();
}

/// Each interface language: its tag, its direction, how the agenda's heading and the
/// picker's label read in it.
const INTERFACE_LANGUAGES: [(&str, &str, &str, &str); 4] = [
    ("ar", "rtl", "جدول الأعمال", "لغة الواجهة"),
    ("en", "ltr", "Agenda", "Interface language"),
    ("fr", "ltr", "Ordre du jour", "Langue de l’interface"),
    ("es", "ltr", "Orden del día", "Idioma de la interfaz"),
];

async fn interface_languages(
    server: &TestServer,
    attendee: &Browser,
    french: &Browser,
) -> Result<()> {
    attendee.open(&server.invite("senegal")).await?;
    attendee
        .wait_for("#connection-status[data-state='connected']")
        .await?;
    ensure!(
        attendee.document_language().await? == ("en".to_owned(), "ltr".to_owned()),
        "a browser that prefers English starts in English"
    );
    let (mut chair, _) = server.join("chair").await;
    chair
        .request(Command::next_item())
        .await
        .expect("first item");
    attendee
        .wait_for("#current-item[data-item-id='opening-eu']")
        .await?;
    // What the switches must keep: the attendee's raised hand.
    attendee.click("#raise-hand").await?;
    attendee.wait_for("#my-position").await?;

    let opening = server
        .meeting
        .agenda
        .iter()
        .find(|item| item.id.as_str() == "opening-eu")
        .context("the demo meeting opens with the European Union")?;
    ensure!(
        opening
            .title
            .get(&LanguageCode::new("fr"), &LanguageCode::new("en"))
            == "Allocution d’ouverture de l’Union européenne"
    );
    for (tag, dir, agenda, label) in INTERFACE_LANGUAGES {
        attendee.select("#ui-language", tag).await?;
        attendee
            .wait_for(&format!("html[lang='{tag}'][dir='{dir}']"))
            .await?;
        attendee.wait_for_content("#agenda-heading", agenda).await?;
        attendee
            .wait_for_content("label[for='ui-language']", label)
            .await?;
        let language = LanguageCode::new(tag);
        ensure!(
            opening.title.has(&language),
            "the demo has a title in {tag}"
        );
        let title = opening.title.get(&language, &language);
        attendee
            .wait_for_content(
                &format!("#current-item .current-title-text[lang='{tag}']"),
                title,
            )
            .await?;
        attendee
            .wait_for_content(
                &format!("#agenda li[data-item-id='opening-eu'] .item-title[lang='{tag}']"),
                title,
            )
            .await?;
        ensure!(
            !attendee.has("#current-item .fallback-note").await?,
            "{tag}: the title is not a fallback"
        );
        // Nothing was lost: the same connection, the hand still raised, the focus
        // still on the picker.
        ensure!(
            attendee
                .has("#connection-status[data-state='connected']")
                .await?,
            "{tag}: the connection stayed up"
        );
        ensure!(
            attendee.has("#raise-hand[aria-pressed='true']").await?
                && attendee.has("#my-position").await?,
            "{tag}: the raised hand is still shown"
        );
        let focused = attendee.focused_id().await?;
        ensure!(
            focused == "ui-language",
            "{tag}: the focus went to {focused:?}"
        );
        for (option, name) in [
            ("ar", "العربية"),
            ("en", "English"),
            ("fr", "Français"),
            ("es", "Español"),
        ] {
            let shown = attendee
                .text_content(&format!(
                    "#ui-language option[value='{option}'][lang='{option}']"
                ))
                .await?;
            ensure!(
                shown.as_deref() == Some(name),
                "{tag}: the picker names {option} {shown:?}"
            );
        }
    }
    // Meeting languages are named in the interface language.
    attendee.select("#ui-language", "fr").await?;
    attendee
        .wait_for_content(
            "#channels li[data-channel-id='es'] .channel-name",
            "Espagnol",
        )
        .await?;

    // The choice outlives the page.
    attendee.select("#ui-language", "ar").await?;
    attendee.wait_for("html[lang='ar'][dir='rtl']").await?;
    attendee.reload().await?;
    attendee
        .wait_for("#connection-status[data-state='connected']")
        .await?;
    ensure!(
        attendee.document_language().await? == ("ar".to_owned(), "rtl".to_owned()),
        "the choice of Arabic is remembered"
    );
    attendee
        .wait_for_content("#agenda-heading", "جدول الأعمال")
        .await?;

    // Without a choice, the browser's languages decide.
    french.open(&server.invite("peru")).await?;
    french
        .wait_for("#connection-status[data-state='connected']")
        .await?;
    french.wait_for("html[lang='fr'][dir='ltr']").await?;
    french
        .wait_for_content("#agenda-heading", "Ordre du jour")
        .await?;
    Ok(())
}

/// A listener and the French interpreter in two browsers (and the Arabic booth on air
/// through the protocol): the listener chooses French with Arabic, then the floor, as
/// fallbacks; the choice outlives a reload. The interpreter goes on air, pauses and
/// resumes; the listener's page shows each status, follows Arabic while French is paused
/// and comes back, and says so through its live region.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listener_follows_french_falls_back_to_arabic_and_comes_back() {
    let dist = client_dist();
    let server = TestServer::start_with(|config| config.static_dir = Some(dist)).await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let interpreter = driver.session().await.expect("interpreter's browser");
    let listener = driver.session().await.expect("listener's browser");
    let outcome = listener_falls_back(&server, &interpreter, &listener).await;
    for browser in [interpreter, listener] {
        browser.close().await;
    }
    outcome.unwrap();
}

async fn listener_falls_back(
    server: &TestServer,
    interpreter: &Browser,
    listener: &Browser,
) -> Result<()> {
    for (browser, who) in [(interpreter, "interp-fr"), (listener, "senegal")] {
        browser.open(&server.invite(who)).await?;
        browser
            .wait_for("#connection-status[data-state='connected']")
            .await?;
    }
    // The Arabic booth is on air: Arabic delivers.
    let (mut arabic, _) = server.join("interp-ar").await;
    arabic
        .request(Command::SetOnAir {
            channel: ChannelId::new("ar"),
            on_air: true,
        })
        .await
        .expect("the Arabic booth goes on air");
    listener
        .wait_for("#channel-status-ar[data-status='live']")
        .await?;

    // French (Senegal's language, chosen by default) with Arabic, then the floor.
    listener.select("#listen-channel", "fr").await?;
    listener.wait_for("#fallbacks-none").await?;
    // Nothing of the choice delivers yet (French is on standby, no fallback): the page
    // says the listener hears the floor, never "the French channel" beside "standby".
    listener
        .wait_for_text(
            "#listening-now",
            "The French channel gives nothing now: you hear the floor.",
        )
        .await?;
    listener.select("#fallback-add", "ar").await?;
    listener.click("#fallback-add-submit").await?;
    listener
        .wait_for("#fallbacks li:nth-child(1)[data-channel-id='ar']")
        .await?;
    listener.select("#fallback-add", "floor").await?;
    listener.click("#fallback-add-submit").await?;
    listener
        .wait_for("#fallbacks li:nth-child(2)[data-channel-id='floor']")
        .await?;
    // Moving the floor up and back down again.
    listener
        .click("#fallbacks li[data-channel-id='floor'] button.fallback-up")
        .await?;
    listener
        .wait_for("#fallbacks li:nth-child(1)[data-channel-id='floor']")
        .await?;
    listener
        .click("#fallbacks li[data-channel-id='floor'] button.fallback-down")
        .await?;
    listener
        .wait_for("#fallbacks li:nth-child(2)[data-channel-id='floor']")
        .await?;
    listener.click("#need-captions").await?;
    listener.wait_for("#need-captions:checked").await?;

    // The choice is remembered in this browser.
    listener.reload().await?;
    listener
        .wait_for("#connection-status[data-state='connected']")
        .await?;
    listener
        .wait_for("#fallbacks li:nth-child(1)[data-channel-id='ar']")
        .await?;
    listener
        .wait_for("#fallbacks li:nth-child(2)[data-channel-id='floor']")
        .await?;
    listener.wait_for("#need-captions:checked").await?;
    ensure!(
        !listener.has("#need-sign:checked").await?,
        "sign language was not asked for"
    );

    // French is on standby (its interpreter is connected, not on air): the listener
    // hears Arabic.
    listener
        .wait_for("#channel-status-fr[data-status='standby']")
        .await?;
    listener
        .wait_for("#channel-status-ar[data-following='true']")
        .await?;
    listener
        .wait_for_text("#listening-now", "You hear the Arabic channel.")
        .await?;

    // On air: French is live, followed and announced; the booth sees its audience.
    interpreter.click("#on-air-toggle").await?;
    listener
        .wait_for("#channel-status-fr[data-status='live'][data-following='true']")
        .await?;
    listener
        .wait_for_content(
            "#announcer",
            "French interpretation is live. You now hear the French channel.",
        )
        .await?;
    interpreter
        .wait_for_text("#booth-audience", "1 person listens to your channel.")
        .await?;

    // Paused: the listener hears Arabic and is told.
    interpreter
        .wait_for("#booth-pause:not([aria-disabled])")
        .await?;
    interpreter.click("#booth-pause").await?;
    interpreter
        .wait_for("#booth-pause[aria-pressed='true']")
        .await?;
    listener
        .wait_for("#channel-status-fr[data-status='paused']")
        .await?;
    listener
        .wait_for("#channel-status-ar[data-following='true']")
        .await?;
    listener
        .wait_for_content(
            "#announcer",
            "French interpretation paused. You now hear the Arabic channel.",
        )
        .await?;

    // Resumed: back to French.
    interpreter.click("#booth-pause").await?;
    listener
        .wait_for("#channel-status-fr[data-status='live'][data-following='true']")
        .await?;
    listener
        .wait_for_content("#announcer", "French interpretation is back.")
        .await?;
    Ok(())
}

/// The Arabic interpreter is on air and the chair sets the floor language to Arabic: the
/// French interpreter is told to take relay from the Arabic booth. Someone speaks: the chair is alerted to dead air on the
/// channels nobody interprets into. The French interpreter asks for a handover: the
/// partner sees the request with its countdown and accepts it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn relay_tasks_dead_air_and_a_handover_across_browsers() {
    let dist = client_dist();
    let server = TestServer::start_with(|config| {
        config.static_dir = Some(dist);
        config.meetings[0].info.dead_air_seconds = Some(1);
    })
    .await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let chair = driver.session().await.expect("chair's browser");
    let french = driver
        .session()
        .await
        .expect("French interpreter's browser");
    let partner = driver.session().await.expect("partner's browser");
    let outcome = relay_and_handover(&server, &chair, &french, &partner).await;
    for browser in [chair, french, partner] {
        browser.close().await;
    }
    outcome.unwrap();
}

async fn relay_and_handover(
    server: &TestServer,
    chair: &Browser,
    french: &Browser,
    partner: &Browser,
) -> Result<()> {
    for (browser, who) in [
        (chair, "chair"),
        (french, "interp-fr"),
        (partner, "interp-fr-2"),
    ] {
        browser.open(&server.invite(who)).await?;
        browser
            .wait_for("#connection-status[data-state='connected']")
            .await?;
    }
    french.click("#on-air-toggle").await?;
    french
        .wait_for("#on-air-toggle[aria-pressed='true']")
        .await?;
    partner.wait_for_text("#take-over", "Take over").await?;

    // The Arabic booth is on air (relay is advised only from a booth that is), and
    // stays connected for the whole test.
    let (mut arabic, _) = server.join("interp-ar").await;
    arabic
        .request(Command::SetOnAir {
            channel: ChannelId::new("ar"),
            on_air: true,
        })
        .await
        .expect("the Arabic booth on air");
    // The floor speaks Arabic, which the French booth does not take.
    chair.select("#floor-language", "ar").await?;
    chair.click("#set-floor-language").await?;
    for browser in [french, partner] {
        browser
            .wait_for_text(
                "#booth-task",
                "The floor speaks Arabic: take relay from the Arabic booth.",
            )
            .await?;
    }
    chair
        .wait_for("#channel-status-ar[data-status='original']")
        .await?;
    french.select("#booth-relay", "ar").await?;
    french.click("#set-relay").await?;
    chair
        .wait_for("#channel-status-fr[data-status='relay']")
        .await?;
    chair
        .wait_for_text(
            "#channel-status-fr",
            "Live, via relay from the Arabic booth",
        )
        .await?;

    // Someone speaks Arabic; nobody interprets into Spanish: dead air, after a second.
    let (mut chair_ws, _) = server.join("chair").await;
    chair_ws
        .request(Command::GiveFloor {
            request: None,
            participant: None,
            name: Some("Panelist".into()),
            delegation: None,
            language: Some(LanguageCode::new("ar")),
        })
        .await
        .expect("the floor");
    chair.wait_for("#dead-air li[data-channel-id='es']").await?;
    chair
        .wait_for_content("#alerter", "No interpretation into")
        .await?;
    ensure!(
        !chair.has("#dead-air li[data-channel-id='fr']").await?,
        "the French channel is interpreted"
    );
    ensure!(
        !french.has("#dead-air").await?,
        "the French booth has no dead air"
    );

    // The handover: asked, counted down, accepted.
    french.click("#request-handover").await?;
    french
        .wait_for_text("#handover-countdown", "Waiting for your booth partner")
        .await?;
    partner
        .wait_for_text("#take-over", "Accept handover")
        .await?;
    partner
        .wait_for_text("#handover-countdown", "asks you to take over")
        .await?;
    let remaining: u64 = partner
        .client
        .execute(
            "return document.querySelector('#handover-countdown').dataset.remainingMs;",
            Vec::new(),
        )
        .await?
        .as_str()
        .context("the countdown's milliseconds")?
        .parse()?;
    ensure!(
        remaining > 0 && remaining <= 60_000,
        "the countdown shows {remaining} ms"
    );
    partner.click("#take-over").await?;
    partner
        .wait_for("#on-air-toggle[aria-pressed='true']")
        .await?;
    french
        .wait_for("#on-air-toggle[aria-pressed='false']")
        .await?;
    french.wait_gone("#handover-countdown").await?;
    french
        .wait_for_text(".booth-state", "French booth (partner)")
        .await?;
    Ok(())
}

/// The organisers update the meeting through the meetings API, then close it: the
/// attendee is told the agenda was updated; then every page says the meeting has ended
/// and offers no action any more.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_updated_then_closed_meeting_is_shown_as_ended() {
    let dist = client_dist();
    let server = TestServer::start_with(|config| config.static_dir = Some(dist)).await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let chair = driver.session().await.expect("chair's browser");
    let attendee = driver.session().await.expect("attendee's browser");
    let outcome = updated_then_closed(&server, &chair, &attendee).await;
    for browser in [chair, attendee] {
        browser.close().await;
    }
    outcome.unwrap();
}

async fn updated_then_closed(
    server: &TestServer,
    chair: &Browser,
    attendee: &Browser,
) -> Result<()> {
    for (browser, who) in [(chair, "chair"), (attendee, "senegal")] {
        browser.open(&server.invite(who)).await?;
        browser
            .wait_for("#connection-status[data-state='connected']")
            .await?;
    }
    chair.wait_for("#next-item").await?;
    attendee.wait_for("#raise-hand").await?;
    let admin = format!("Bearer {}", server.admin_token());
    let path = format!("/api/meetings/{}", server.meeting.info.id);
    let file = std::fs::read_to_string(tests::workspace_root().join("examples/demo-meeting.toml"))?;
    let updated = file.replacen(
        "en = \"Cooperation and assistance",
        "en = \"Updated: Cooperation and assistance",
        1,
    );
    ensure!(
        updated != file,
        "the demo meeting's English title is where expected"
    );
    let answer = http_send(
        server.addr,
        "PUT",
        &path,
        &[
            ("Authorization", &admin),
            ("Content-Type", "application/toml"),
        ],
        &updated,
    )
    .await;
    ensure!(
        answer.status == 200,
        "update: {} {}",
        answer.status,
        answer.body
    );
    attendee
        .wait_for_content("#announcer", "The agenda was updated.")
        .await?;
    attendee
        .wait_for_text("#meeting-title", "Updated: Cooperation and assistance")
        .await?;

    let answer = http_send(
        server.addr,
        "POST",
        &format!("{path}/close"),
        &[("Authorization", &admin)],
        "",
    )
    .await;
    ensure!(
        answer.status == 200,
        "close: {} {}",
        answer.status,
        answer.body
    );
    for browser in [chair, attendee] {
        browser
            .wait_for_text("#meeting-closed", "This meeting has ended.")
            .await?;
    }
    attendee
        .wait_for_content("#announcer", "This meeting has ended.")
        .await?;
    chair.wait_gone("#next-item").await?;
    chair.wait_gone("#give-floor-next").await?;
    chair.wait_gone("#set-floor-language").await?;
    attendee.wait_gone("#raise-hand").await?;
    // The H shortcut does nothing either.
    attendee
        .client
        .execute(
            "document.body.dispatchEvent(new KeyboardEvent('keydown', {key: 'h', bubbles: true}));",
            Vec::new(),
        )
        .await?;
    ensure!(
        !attendee.has("#my-requests li").await?,
        "no hand was raised in a closed meeting"
    );
    Ok(())
}

/// The organiser's page lists who is connected: counts by role, delegation and language,
/// a delegate connected twice marked "2 devices", the counts following people who leave,
/// and a filter by name or delegation.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organisers_page_lists_who_is_connected() {
    let dist = client_dist();
    let server = TestServer::start_with(|config| config.static_dir = Some(dist)).await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let organiser = driver.session().await.expect("organiser's browser");
    let laptop = driver.session().await.expect("Senegal's first browser");
    let phone = driver.session().await.expect("Senegal's second browser");
    let outcome = who_is_connected(&server, &organiser, &laptop, &phone).await;
    for browser in [organiser, laptop, phone] {
        browser.close().await;
    }
    outcome.unwrap();
}

/// The participant ids of the organiser's list, in the order shown.
async fn roster_order(browser: &Browser) -> Result<Vec<String>> {
    let value = browser
        .client
        .execute(
            "return [...document.querySelectorAll('#roster li[data-participant-id]')]\
                 .map((li) => li.dataset.participantId);",
            Vec::new(),
        )
        .await?;
    Ok(serde_json::from_value(value)?)
}

/// Waits until the organiser's list shows exactly `wanted`, in that order.
async fn wait_for_roster_order(browser: &Browser, wanted: &[&str]) -> Result<()> {
    let started = std::time::Instant::now();
    let mut seen = Vec::new();
    while started.elapsed() < tests::browser::UI_DEADLINE {
        seen = roster_order(browser).await?;
        if seen == wanted {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    anyhow::bail!("the list never showed {wanted:?}; last seen: {seen:?}")
}

/// The count in the row `key` of the count table `table`.
fn count_cell(table: &str, key: &str, count: usize) -> String {
    format!("#roster-by-{table} tr[data-key='{key}'] td[data-count='{count}']")
}

async fn who_is_connected(
    server: &TestServer,
    organiser: &Browser,
    laptop: &Browser,
    phone: &Browser,
) -> Result<()> {
    organiser.open(&server.invite("organiser")).await?;
    organiser
        .wait_for("#connection-status[data-state='connected']")
        .await?;
    // Alone at first: the organiser counts themselves.
    organiser.wait_for("#roster-total[data-count='1']").await?;
    organiser
        .wait_for_content("#roster-total", "1 person is connected.")
        .await?;

    // Senegal on two devices, Peru, the French booth and the chair.
    for browser in [laptop, phone] {
        browser.open(&server.invite("senegal")).await?;
        browser
            .wait_for("#connection-status[data-state='connected']")
            .await?;
    }
    let (peru, _) = server.join("peru").await;
    let (_booth, _) = server.join("interp-fr").await;
    let (_chair, _) = server.join("chair").await;

    organiser.wait_for("#roster-total[data-count='5']").await?;
    organiser
        .wait_for_content("#roster-total", "5 people are connected.")
        .await?;
    for (table, key, count) in [
        ("role", "attendee", 2),
        ("role", "organiser", 1),
        ("role", "interpreter", 1),
        ("role", "chair", 1),
        ("delegation", "Senegal", 1),
        ("delegation", "Peru", 1),
        ("delegation", "Thailand", 1),
        // The organiser and the booth have no delegation.
        ("delegation", "", 2),
        // Once per language listed: Senegal, the booth and the organiser speak French;
        // the organiser, the booth and the chair English; Peru Spanish.
        ("language", "fr", 3),
        ("language", "en", 3),
        ("language", "es", 1),
    ] {
        organiser
            .wait_for(&count_cell(table, key, count))
            .await
            .with_context(|| format!("{count} for {key:?} by {table}"))?;
    }
    organiser
        .wait_for_content(&count_cell("role", "attendee", 2), "2 people")
        .await?;
    organiser
        .wait_for_content("#roster-by-role tr[data-key='attendee'] th", "Attendee")
        .await?;
    organiser
        .wait_for_content("#roster-by-language tr[data-key='fr'] th", "French")
        .await?;
    ensure!(
        !organiser
            .has("#roster-by-role tr[data-key='captioner']")
            .await?,
        "roles nobody has are left out"
    );

    // Everyone, by name; Senegal's two devices are marked, nobody else's.
    wait_for_roster_order(
        organiser,
        &["chair", "peru", "senegal", "interp-fr", "organiser"],
    )
    .await?;
    organiser
        .wait_for_content(
            "#roster li[data-participant-id='senegal'][data-connections='2'] .devices",
            "2 devices",
        )
        .await?;
    ensure!(
        !organiser
            .has("#roster li[data-participant-id='peru'] .devices")
            .await?,
        "one device is not marked"
    );
    let booth = organiser
        .text_content("#roster li[data-participant-id='interp-fr']")
        .await?
        .unwrap_or_default();
    for part in ["French booth", "Interpreter", "Languages: French, English"] {
        ensure!(
            booth.contains(part),
            "the booth's entry lacks {part:?}: {booth:?}"
        );
    }

    // The filter narrows the list, by name or by delegation, and says how many it shows.
    organiser.type_into("#roster-filter", "SENEGAL").await?;
    wait_for_roster_order(organiser, &["senegal"]).await?;
    organiser
        .wait_for_content("#roster-shown", "Showing 1 person of 5.")
        .await?;
    let filter = organiser
        .client
        .find(fantoccini::Locator::Css("#roster-filter"))
        .await?;
    filter.clear().await?;
    organiser.type_into("#roster-filter", "thai").await?;
    wait_for_roster_order(organiser, &["chair"]).await?;
    filter.clear().await?;
    organiser.type_into("#roster-filter", "nobody here").await?;
    wait_for_roster_order(organiser, &[]).await?;
    organiser
        .wait_for_content("#roster-shown", "Nobody connected matches the filter.")
        .await?;
    filter.clear().await?;
    organiser.type_into("#roster-filter", "delegate").await?;
    wait_for_roster_order(organiser, &["peru", "senegal"]).await?;
    organiser
        .wait_for_content("#roster-shown", "Showing 2 people of 5.")
        .await?;
    filter.clear().await?;
    // Clearing needs an input event for the page to see it.
    organiser.type_into("#roster-filter", " ").await?;
    wait_for_roster_order(
        organiser,
        &["chair", "peru", "senegal", "interp-fr", "organiser"],
    )
    .await?;
    // Ordered by role instead.
    organiser.select("#roster-order", "role").await?;
    wait_for_roster_order(
        organiser,
        &["chair", "organiser", "peru", "senegal", "interp-fr"],
    )
    .await?;

    // One of Senegal's devices leaves (its browser quits): still connected, no longer
    // twice.
    phone.client.clone().close().await?;
    organiser
        .wait_for("#roster li[data-participant-id='senegal'][data-connections='1']")
        .await?;
    organiser
        .wait_gone("#roster li[data-participant-id='senegal'] .devices")
        .await?;
    organiser.wait_for("#roster-total[data-count='5']").await?;

    // Peru leaves: the counts drop.
    peru.close().await;
    organiser.wait_for("#roster-total[data-count='4']").await?;
    organiser
        .wait_for_content("#roster-total", "4 people are connected.")
        .await?;
    organiser
        .wait_for(&count_cell("role", "attendee", 1))
        .await?;
    organiser
        .wait_for_content(&count_cell("role", "attendee", 1), "1 person")
        .await?;
    organiser
        .wait_gone("#roster-by-delegation tr[data-key='Peru']")
        .await?;
    organiser
        .wait_gone("#roster-by-language tr[data-key='es']")
        .await?;
    organiser
        .wait_gone("#roster li[data-participant-id='peru']")
        .await?;

    // In Arabic, the counts take Arabic's plural forms.
    organiser.select("#ui-language", "ar").await?;
    organiser.wait_for("html[lang='ar']").await?;
    organiser
        .wait_for_content(&count_cell("role", "attendee", 1), "شخص واحد")
        .await?;
    organiser
        .wait_for_content(&count_cell("language", "fr", 3), "3 أشخاص")
        .await?;
    organiser
        .wait_for_content("#roster-total", "4 أشخاص متصلون بالاجتماع.")
        .await?;
    Ok(())
}

/// On a slow network the page says something at once, before the WebAssembly has
/// arrived: the loading message, in the browser's language, laid out as the page's own
/// first state, so that nothing moves when the page takes over.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_speaks_before_the_webassembly_arrives_and_nothing_moves() {
    let dist = client_dist();
    let server = TestServer::start_with(|config| config.static_dir = Some(dist)).await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let arabic = driver
        .session_in(&["ar-EG", "ar", "en"])
        .await
        .expect("a browser that prefers Arabic");
    let outcome = loading(&server, &driver, &arabic).await;
    arabic.close().await;
    outcome.unwrap();
}

async fn loading(server: &TestServer, driver: &Chromedriver, browser: &Browser) -> Result<()> {
    browser.open("about:blank").await?;
    // Slow enough (about 2 s for the module) to look at the page before it arrives.
    driver
        .emulate_network(browser, NetworkProfile::THREE_G)
        .await?;
    browser
        .client
        .execute(
            "window.location.href = arguments[0];",
            vec![server.invite("senegal").into()],
        )
        .await?;
    browser
        .wait_for_content("#loading main", "جارٍ الانضمام إلى الاجتماع…")
        .await?;
    ensure!(
        browser.document_language().await? == ("ar".to_owned(), "rtl".to_owned()),
        "the loading page is in Arabic, right to left"
    );
    // The box of the first element `css` finds, or `None` when there is none: found and
    // measured in one script, since the page may change between two.
    let box_of = |css: &'static str| async move {
        let value = browser
            .client
            .execute(
                "const e = document.querySelector(arguments[0]);
                 if (!e) return null;
                 const r = e.getBoundingClientRect();
                 return [r.left, r.top, r.width, r.height];",
                vec![css.into()],
            )
            .await?;
        serde_json::from_value::<Option<Vec<f64>>>(value).context("a box")
    };
    let header_before = box_of("#loading header")
        .await?
        .context("the loading page has a header")?;
    let text_before = box_of("#loading main p")
        .await?
        .context("the loading page says it is joining")?;
    ensure!(
        browser.has("#loading").await?,
        "the module had already arrived: the network was not slow enough to look"
    );
    // The page takes over in the same place.
    browser.wait_for("header.top #connection-status").await?;
    ensure!(!browser.has("#loading").await?, "the loading page is gone");
    // Both measured at once, while the page may still be joining.
    let value = browser
        .client
        .execute(
            "const box = (css) => {
                 const e = document.querySelector(css);
                 if (!e) return null;
                 const r = e.getBoundingClientRect();
                 return [r.left, r.top, r.width, r.height];
             };
             return [box('header.top'), box('main.joining p')];",
            vec![],
        )
        .await?;
    let (header_after, text_after) =
        serde_json::from_value::<(Vec<f64>, Option<Vec<f64>>)>(value).context("two boxes")?;
    match text_after {
        Some(text_after) => ensure!(
            header_after == header_before && text_after == text_before,
            "the page moved: header {header_before:?} → {header_after:?}, \
             text {text_before:?} → {text_after:?}"
        ),
        // Already joined: the header at least stays where it was.
        None => ensure!(
            header_after[3] == header_before[3],
            "the header changed height: {header_before:?} → {header_after:?}"
        ),
    }
    browser
        .wait_for("#connection-status[data-state='connected']")
        .await?;
    Ok(())
}

/// The French interpreter goes on air, pauses and goes on again: the listener's page
/// shows each change at the top of the viewport, whatever is scrolled, within two
/// seconds, without taking the focus; each message stays to be read and can be
/// dismissed with its button or with Escape. (Senegal follows French by default, with
/// no fallback: while French does not deliver, the floor is heard.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paused_channel_is_shown_to_its_listeners_not_only_said() {
    let dist = client_dist();
    let server = TestServer::start_with(|config| config.static_dir = Some(dist)).await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let listener = driver.session().await.expect("listener's browser");
    let outcome = channel_changes_shown(&server, &listener).await;
    listener.close().await;
    outcome.unwrap();
}

async fn channel_changes_shown(server: &TestServer, listener: &Browser) -> Result<()> {
    let shown_within = Duration::from_secs(2);
    listener.open(&server.invite("senegal")).await?;
    listener
        .wait_for("#connection-status[data-state='connected']")
        .await?;
    // Senegal follows French, its language, by default; its booth is connected.
    let (mut french, _) = server.join("interp-fr").await;
    listener
        .wait_for("#channel-status-fr[data-status='standby']")
        .await?;
    listener.scroll_to_end().await?;
    let focus = listener.focused_id().await?;
    // Each change is shown: dismissed with its button, which is named.
    listener
        .wait_in_view(
            ".toast",
            "French interpretation is on standby.",
            shown_within,
        )
        .await
        .context("the channel on standby is shown")?;
    listener
        .wait_for(".toast button.toast-dismiss[aria-label='Dismiss message']")
        .await?;
    listener.click(".toast button.toast-dismiss").await?;
    listener.wait_gone(".toast").await?;

    french
        .request(Command::SetOnAir {
            channel: ChannelId::new("fr"),
            on_air: true,
        })
        .await
        .expect("the French booth goes on air");
    let live = "French interpretation is live.";
    listener
        .wait_in_view(".toast", live, shown_within)
        .await
        .context("the channel going live is shown")?;
    listener.wait_for_content("#announcer", live).await?;
    ensure!(
        listener.focused_id().await? == focus,
        "the message took the focus"
    );
    // Still there a while later, to be read; then dismissed with Escape.
    tokio::time::sleep(Duration::from_secs(3)).await;
    listener
        .wait_in_view(".toast", live, Duration::from_millis(200))
        .await
        .context("the message stays long enough to read")?;
    listener.press_escape().await?;
    listener.wait_gone(".toast").await?;

    // Paused: shown at once, then dismissed with Escape.
    french
        .request(Command::SetPaused {
            channel: ChannelId::new("fr"),
            paused: true,
        })
        .await
        .expect("the French booth pauses");
    listener
        .wait_in_view(".toast", "French interpretation paused.", shown_within)
        .await
        .context("the pause is shown")?;
    listener.click(".toast button.toast-dismiss").await?;
    listener.wait_gone(".toast").await?;

    // And back.
    french
        .request(Command::SetPaused {
            channel: ChannelId::new("fr"),
            paused: false,
        })
        .await
        .expect("the French booth goes on");
    listener
        .wait_in_view(".toast", live, shown_within)
        .await
        .context("the channel coming back is shown")?;
    Ok(())
}

/// The connection drops while an attendee has the floor: on every page a banner stays
/// at the top of the viewport (scrolled or not) within three seconds and as long as the
/// connection is down, the countdown, the item's clock and "You have the floor" are
/// marked as not current; once the connection is back the banner goes and the page
/// says that everything is up to date.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_connection_is_shown_on_every_page_and_clocks_marked_not_current() {
    let dist = client_dist();
    let server = TestServer::start_with(|config| config.static_dir = Some(dist)).await;
    let proxy = Proxy::start(server.addr).await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let chair = driver.session().await.expect("chair's browser");
    let attendee = driver.session().await.expect("attendee's browser");
    let outcome = offline_shown(&server, &proxy, &chair, &attendee).await;
    for browser in [chair, attendee] {
        browser.close().await;
    }
    outcome.unwrap();
}

async fn offline_shown(
    server: &TestServer,
    proxy: &Proxy,
    chair: &Browser,
    attendee: &Browser,
) -> Result<()> {
    let base = format!("http://{}", proxy.addr);
    for (browser, who) in [(chair, "chair"), (attendee, "senegal")] {
        browser.open(&server.invite_via(&base, who)).await?;
        browser
            .wait_for("#connection-status[data-state='connected']")
            .await?;
    }
    let (mut chairing, _) = server.join("chair").await;
    chairing
        .request(Command::next_item())
        .await
        .expect("first item");
    let (mut senegal, _) = server.join("senegal").await;
    senegal
        .request(Command::raise_hand())
        .await
        .expect("Senegal asks for the floor");
    chairing
        .request(Command::GiveFloor {
            request: None,
            participant: Some(tests::id("senegal")),
            name: None,
            delegation: None,
            language: None,
        })
        .await
        .expect("floor");
    attendee.wait_for("#my-floor-status").await?;
    for browser in [chair, attendee] {
        browser.wait_for("#floor-timer").await?;
        browser.wait_for("#item-timer").await?;
        ensure!(
            !browser.has("[data-stale='true']").await?,
            "nothing is stale while connected"
        );
        ensure!(
            !browser.has(".not-current").await?,
            "nothing is marked not current while connected"
        );
        browser.scroll_to_end().await?;
    }

    proxy.cut();
    let cut = Instant::now();
    let within = Duration::from_secs(3);
    for browser in [chair, attendee] {
        browser
            .wait_in_view(
                "#offline-banner",
                "Connection lost",
                within.saturating_sub(cut.elapsed()),
            )
            .await
            .context("the lost connection is shown within 3 s")?;
        browser.wait_for("#floor-timer[data-stale='true']").await?;
        browser.wait_for("#item-timer[data-stale='true']").await?;
        browser
            .wait_for_text("#floor-timer + .not-current", "(not current)")
            .await?;
    }
    attendee
        .wait_for("#my-floor-status[data-stale='true']")
        .await?;
    // The banner and the marks pass axe too.
    tests::a11y::assert_accessible(attendee, "the attendee's page while offline").await?;
    // For as long as the connection is down.
    tokio::time::sleep(Duration::from_secs(4)).await;
    for browser in [chair, attendee] {
        browser
            .wait_in_view(
                "#offline-banner",
                "Connection lost",
                Duration::from_millis(200),
            )
            .await
            .context("the banner stays while the connection is down")?;
    }

    proxy.restore();
    for browser in [chair, attendee] {
        browser
            .wait_in_view(
                ".toast",
                "Everything shown is up to date.",
                tests::browser::UI_DEADLINE,
            )
            .await?;
        browser
            .wait_for("#offline-banner[data-offline='false']")
            .await?;
        ensure!(
            !browser.has("[data-stale='true']").await?,
            "nothing is stale once up to date"
        );
        browser
            .wait_for_content("#announcer", "Everything shown is up to date.")
            .await?;
    }
    tests::a11y::assert_accessible(attendee, "the attendee's page with a message").await?;
    Ok(())
}

/// The chair's core loop on a laptop's first screen (1366×768), without scrolling: who
/// speaks, the time left, who is next and "give the floor to the next speaker"; and the
/// countdown is the largest text on the page while someone speaks.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chairs_core_loop_fits_a_laptops_first_screen() {
    let dist = client_dist();
    let server = TestServer::start_with(|config| config.static_dir = Some(dist)).await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let chair = driver.session().await.expect("chair's browser");
    let outcome = chairs_first_screen(&server, &chair).await;
    chair.close().await;
    outcome.unwrap();
}

async fn chairs_first_screen(server: &TestServer, chair: &Browser) -> Result<()> {
    // The discussion (with guiding questions), four more hands up, someone on the floor.
    let (mut chairing, _) = server.join("chair").await;
    for _ in 0..3 {
        chairing
            .request(Command::next_item())
            .await
            .map_err(|error| anyhow::anyhow!("next item: {error:?}"))?;
    }
    let mut delegates = Vec::new();
    for who in ["peru", "eu", "netherlands", "colombia"] {
        let (mut delegate, _) = server.join(who).await;
        delegate
            .request(Command::raise_hand())
            .await
            .map_err(|error| anyhow::anyhow!("{who} raises a hand: {error:?}"))?;
        delegates.push(delegate);
    }
    chairing
        .request(Command::give_floor_next())
        .await
        .map_err(|error| anyhow::anyhow!("give the floor: {error:?}"))?;

    chair.set_viewport(1366, 768).await?;
    chair.open(&server.invite("chair")).await?;
    chair
        .wait_for("#connection-status[data-state='connected']")
        .await?;
    // The discussion has speakers registered beforehand: the first of them speaks, the
    // others and the four wait.
    chair
        .wait_for("#floor-timer[data-state='running'][data-remaining-ms]")
        .await?;
    chair
        .wait_for("#queue li[data-participant-id='colombia']")
        .await?;
    for css in [
        "#floor",
        "#floor-timer",
        "#queue li:first-child",
        "#give-floor-next",
    ] {
        chair.ensure_in_view(css).await?;
    }

    // The countdown is the largest text on the page.
    let sizes = chair
        .client
        .execute(
            "const timer = document.querySelector('#floor-timer');\n\
             let largest = 0;\n\
             let which = '';\n\
             for (const element of document.body.querySelectorAll('*')) {\n\
               if (timer.contains(element) || !element.checkVisibility()) { continue; }\n\
               const own = [...element.childNodes].some((node) =>\n\
                 node.nodeType === Node.TEXT_NODE && node.textContent.trim() !== '');\n\
               if (!own) { continue; }\n\
               const size = parseFloat(getComputedStyle(element).fontSize);\n\
               if (size > largest) { largest = size; which = element.outerHTML.slice(0, 80); }\n\
             }\n\
             return [parseFloat(getComputedStyle(timer).fontSize), largest, which];",
            Vec::new(),
        )
        .await?;
    let timer = sizes[0].as_f64().unwrap_or_default();
    let largest = sizes[1].as_f64().unwrap_or_default();
    ensure!(
        timer > largest,
        "the countdown ({timer} px) is not larger than everything else: {largest} px for {}",
        sizes[2]
    );
    drop(delegates);
    Ok(())
}

/// The attendee's hand on a phone and on a laptop: in the first screen, within three
/// presses of Tab from the page's start, and still in view (with the viewer's position)
/// when the page is scrolled to its end; the full request form is still there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_attendees_hand_is_always_in_view_and_three_tabs_away() {
    let dist = client_dist();
    let server = TestServer::start_with(|config| config.static_dir = Some(dist)).await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let attendee = driver.session().await.expect("attendee's browser");
    let outcome = attendees_hand(&server, &attendee).await;
    attendee.close().await;
    outcome.unwrap();
}

async fn attendees_hand(server: &TestServer, attendee: &Browser) -> Result<()> {
    for (width, height) in [(390, 844), (1366, 768)] {
        attendee.set_viewport(width, height).await?;
        attendee.open(&server.invite("senegal")).await?;
        attendee
            .wait_for("#connection-status[data-state='connected']")
            .await?;
        attendee
            .wait_for("#raise-hand[aria-pressed='false']")
            .await?;
        attendee
            .ensure_in_view("#raise-hand")
            .await
            .with_context(|| format!("at {width}×{height}"))?;
        let presses = attendee.tabs_to("#raise-hand", 3).await?;
        ensure!(
            presses.is_some(),
            "at {width}×{height}, three presses of Tab do not reach the hand"
        );
        // The full form is still there: kind, language, note.
        for css in ["#request-kind", "#request-language", "#request-note"] {
            ensure!(attendee.has(css).await?, "{css} is missing");
        }
        attendee.click("#raise-hand").await?;
        attendee.wait_for_text("#my-position", "1").await?;
        // One control withdraws the viewer's own request: the hand, now "Lower hand";
        // their request in the list has no second button doing the same.
        attendee.wait_for_text("#raise-hand", "Lower hand").await?;
        attendee
            .wait_for("#my-requests li[data-request-id]")
            .await?;
        ensure!(
            !attendee.has("#my-requests button.withdraw-request").await?,
            "the viewer's own request has a withdraw button beside the hand"
        );
        attendee
            .client
            .execute(
                "window.scrollTo(0, document.documentElement.scrollHeight);",
                Vec::new(),
            )
            .await?;
        for css in ["#raise-hand", "#my-position"] {
            attendee
                .ensure_in_view(css)
                .await
                .with_context(|| format!("at {width}×{height}, scrolled to the end"))?;
        }
        attendee.click("#raise-hand").await?;
        attendee
            .wait_for("#raise-hand[aria-pressed='false']")
            .await?;
    }
    Ok(())
}

/// The chair's agenda: each row shows its title, state and "Go to" and one disclosure
/// button; the row's other actions (mark, move, edit) appear only once it is unfolded,
/// work from the keyboard, keep the focus in the row, and fold away with Escape.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chairs_agenda_rows_fold_their_other_actions_away() {
    let dist = client_dist();
    let server = TestServer::start_with(|config| config.static_dir = Some(dist)).await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let chair = driver.session().await.expect("chair's browser");
    let outcome = agenda_rows(&server, &chair).await;
    chair.close().await;
    outcome.unwrap();
}

/// Whether the element with the keyboard focus matches `css`.
async fn focus_is_on(browser: &Browser, css: &str) -> Result<bool> {
    let focused = browser
        .client
        .execute(
            "return document.activeElement?.matches(arguments[0]) ?? false;",
            vec![serde_json::json!(css)],
        )
        .await?;
    Ok(focused.as_bool() == Some(true))
}

/// Waits until the keyboard focus is on the element matching `css`.
async fn wait_for_focus(browser: &Browser, css: &str) -> Result<()> {
    let started = Instant::now();
    while started.elapsed() < tests::browser::UI_DEADLINE {
        if focus_is_on(browser, css).await? {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let focused = browser
        .client
        .execute(
            "return document.activeElement?.outerHTML.slice(0, 120) ?? '';",
            Vec::new(),
        )
        .await?;
    anyhow::bail!("the focus never came to `{css}`; it is on {focused}")
}

/// Presses `key` (a WebDriver key code) where the focus is.
async fn press(browser: &Browser, key: fantoccini::key::Key) -> Result<()> {
    let key: char = key.into();
    browser
        .client
        .active_element()
        .await?
        .send_keys(&key.to_string())
        .await
        .context("press a key")
}

async fn agenda_rows(server: &TestServer, chair: &Browser) -> Result<()> {
    use fantoccini::key::Key;
    chair.open(&server.invite("chair")).await?;
    chair
        .wait_for("#connection-status[data-state='connected']")
        .await?;
    chair
        .wait_for("#agenda li[data-item-id='conclusions'] button.item-more")
        .await?;
    // Every row: "Go to" and "More actions", nothing else, until asked.
    let shown = chair
        .client
        .execute(
            "return [...document.querySelectorAll('#agenda li')].map((li) =>\n\
               [...li.querySelectorAll('button')].filter((b) => b.checkVisibility())\n\
                 .map((b) => b.className.split(' ')[0]).join(','));",
            Vec::new(),
        )
        .await?;
    let rows: Vec<String> = serde_json::from_value(shown)?;
    ensure!(rows.len() == server.meeting.agenda.len(), "rows: {rows:?}");
    for row in &rows {
        ensure!(row == "go-to,item-more", "a row shows {row:?}");
    }
    let row = "#agenda li[data-item-id='opening-president']";
    let more = format!("{row} button.item-more");
    // Its name starts with what it shows, and says which item it is for.
    chair
        .wait_for(&format!(
            "{more}[aria-expanded='false'][aria-label^='More actions: '][aria-label*='President']"
        ))
        .await?;
    ensure!(
        !chair.has(&format!("{row} button.mark-skipped")).await?,
        "the row's other actions are shown before it is unfolded"
    );

    // From the keyboard: Enter on "More actions" unfolds this row's actions only.
    chair
        .client
        .execute(
            "document.querySelector(arguments[0]).focus();",
            vec![serde_json::json!(more)],
        )
        .await?;
    press(chair, Key::Enter).await?;
    chair
        .wait_for(&format!("{more}[aria-expanded='true']"))
        .await?;
    chair
        .wait_for(&format!("{row} .item-actions button.mark-skipped"))
        .await?;
    ensure!(
        !chair
            .has("#agenda li[data-item-id='conclusions'] button.mark-skipped")
            .await?,
        "another row unfolded too"
    );
    // Tab reaches the row's actions; Enter on "Skip" skips the item, and the focus
    // stays in the row, which stays unfolded.
    press(chair, Key::Tab).await?;
    wait_for_focus(chair, &format!("{row} button.mark-done")).await?;
    press(chair, Key::Tab).await?;
    wait_for_focus(chair, &format!("{row} button.mark-skipped")).await?;
    press(chair, Key::Enter).await?;
    chair
        .wait_for(&format!("{row}[data-state='skipped']"))
        .await?;
    wait_for_focus(chair, &format!("{row} button.mark-upcoming")).await?;
    ensure!(
        chair.has(&format!("{more}[aria-expanded='true']")).await?,
        "the row folded after an action"
    );
    // Escape folds the actions away, the focus back on "More actions".
    press(chair, Key::Escape).await?;
    chair
        .wait_for(&format!("{more}[aria-expanded='false']"))
        .await?;
    wait_for_focus(chair, &more).await?;
    ensure!(
        !chair.has(&format!("{row} button.mark-upcoming")).await?,
        "the actions stayed after Escape"
    );
    // Opening another row's actions folds the first's: one row at a time.
    chair.click(&more).await?;
    chair
        .click("#agenda li[data-item-id='conclusions'] button.item-more")
        .await?;
    chair
        .wait_for("#agenda li[data-item-id='conclusions'] button.edit-item")
        .await?;
    chair
        .wait_for(&format!("{more}[aria-expanded='false']"))
        .await?;
    tests::a11y::assert_accessible(chair, "the chair's agenda with a row unfolded").await?;
    // And right to left: the same rows in Arabic, still unfolded.
    chair.select("#ui-language", "ar").await?;
    chair.wait_for("html[dir='rtl']").await?;
    chair
        .wait_for_content(
            "#agenda li[data-item-id='conclusions'] button.item-more[aria-expanded='true']",
            "إجراءات أخرى",
        )
        .await?;
    chair
        .wait_for("#agenda li[data-item-id='conclusions'] button.edit-item")
        .await?;
    tests::a11y::assert_accessible(chair, "the chair's agenda in Arabic with a row unfolded")
        .await?;
    Ok(())
}

/// The chair, after a speech, downloads the speaker log as CSV and JSON; the organiser as
/// a Markdown summary, once the network is back: while it is down, the page shows and
/// says that the download failed. The files are what the server's endpoint gives, saved
/// under the meeting's name, and the page says so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chair_and_the_organiser_download_the_speaker_log() {
    let dist = client_dist();
    let server = TestServer::start_with(|config| config.static_dir = Some(dist)).await;
    let proxy = Proxy::start(server.addr).await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let chair = driver.session().await.expect("chair's browser");
    let organiser = driver.session().await.expect("organiser's browser");
    let outcome = speaker_log_download(&server, &proxy, &chair, &organiser).await;
    for browser in [chair, organiser] {
        browser.close().await;
    }
    outcome.unwrap();
}

async fn speaker_log_download(
    server: &TestServer,
    proxy: &Proxy,
    chair: &Browser,
    organiser: &Browser,
) -> Result<()> {
    // Peru speaks on the first item.
    let (mut chairing, _) = server.join("chair").await;
    let (mut peru, _) = server.join("peru").await;
    chairing
        .request(Command::next_item())
        .await
        .map_err(|error| anyhow::anyhow!("next item: {error:?}"))?;
    peru.request(Command::raise_hand())
        .await
        .map_err(|error| anyhow::anyhow!("raise a hand: {error:?}"))?;
    chairing
        .request(Command::give_floor_next())
        .await
        .map_err(|error| anyhow::anyhow!("give the floor: {error:?}"))?;
    chairing
        .request(Command::EndFloor)
        .await
        .map_err(|error| anyhow::anyhow!("end the speech: {error:?}"))?;
    let meeting = server.meeting.info.id.to_string();

    chair.open(&server.invite("chair")).await?;
    chair
        .wait_for("#connection-status[data-state='connected']")
        .await?;
    chair
        .wait_for_content("#download-speaker-log", "Download the speaker log")
        .await?;
    // CSV, the default: a header row and Peru's speech.
    chair.click("#download-speaker-log").await?;
    let csv = chair.downloaded(&format!("{meeting}-speakers.csv")).await?;
    ensure!(
        csv.starts_with("item,item_title,participant,name,delegation,language,kind,"),
        "the CSV starts with {:?}",
        csv.lines().next()
    );
    ensure!(
        csv.lines()
            .skip(1)
            .any(|line| line.starts_with("opening-eu,") && line.contains(",peru,")),
        "Peru's speech is not in the CSV: {csv}"
    );
    chair
        .wait_for("#speaker-log-outcome[data-outcome='saved']")
        .await?;
    chair
        .wait_for_content(
            "#speaker-log-outcome",
            &format!("Speaker log saved as {meeting}-speakers.csv."),
        )
        .await?;
    chair
        .wait_for_content(
            "#announcer",
            &format!("Speaker log saved as {meeting}-speakers.csv."),
        )
        .await?;
    // JSON: the same speech, as data.
    chair.select("#speaker-log-format", "json").await?;
    chair.click("#download-speaker-log").await?;
    let json: serde_json::Value = serde_json::from_str(
        &chair
            .downloaded(&format!("{meeting}-speakers.json"))
            .await?,
    )?;
    ensure!(json["meeting"] == meeting.as_str(), "{json}");
    ensure!(
        json["speeches"][0]["participant"] == "peru" && json["speeches"][0]["item"] == "opening-eu",
        "the JSON's speeches: {}",
        json["speeches"]
    );

    // The organiser's page has it too, in their language; the summary in Markdown. The
    // organiser's network fails first.
    organiser
        .open(&server.invite_via(&format!("http://{}", proxy.addr), "organiser"))
        .await?;
    organiser
        .wait_for("#connection-status[data-state='connected']")
        .await?;
    organiser.select("#ui-language", "fr").await?;
    organiser
        .wait_for_content(
            "#download-speaker-log",
            "Télécharger le journal des orateurs",
        )
        .await?;
    organiser.select("#speaker-log-format", "md").await?;
    proxy.cut();
    organiser.click("#download-speaker-log").await?;
    let unreachable =
        "Le journal des orateurs n’a pas pu être téléchargé : le serveur est injoignable.";
    organiser
        .wait_for_content("#speaker-log-outcome[data-outcome='failed']", unreachable)
        .await?;
    organiser
        .wait_for_content("#announcer", unreachable)
        .await?;
    proxy.restore();
    organiser.click("#download-speaker-log").await?;
    let summary = organiser
        .downloaded(&format!("{meeting}-speakers.md"))
        .await?;
    ensure!(
        summary.starts_with("# Speaker log: "),
        "the summary starts with {:?}",
        summary.lines().next()
    );
    organiser
        .wait_for_content(
            "#speaker-log-outcome[data-outcome='saved']",
            &format!("Journal des orateurs enregistré sous {meeting}-speakers.md."),
        )
        .await?;
    Ok(())
}

/// What the viewer typed and did not send survives a change of the interface language:
/// the attendee's note for the chair and kind of request, the chair's half-filled new
/// item (its form still unfolded). The attendee's page has no speaker-log download.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unsent_input_survives_a_change_of_language() {
    let dist = client_dist();
    let server = TestServer::start_with(|config| config.static_dir = Some(dist)).await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let attendee = driver.session().await.expect("attendee's browser");
    let chair = driver.session().await.expect("chair's browser");
    let outcome = unsent_input(&server, &attendee, &chair).await;
    for browser in [attendee, chair] {
        browser.close().await;
    }
    outcome.unwrap();
}

/// The value of the form field matching `css`.
async fn value_of(browser: &Browser, css: &str) -> Result<String> {
    let value = browser
        .client
        .execute(
            "return document.querySelector(arguments[0])?.value ?? null;",
            vec![serde_json::json!(css)],
        )
        .await?;
    value
        .as_str()
        .map(str::to_owned)
        .with_context(|| format!("no field `{css}`"))
}

async fn unsent_input(server: &TestServer, attendee: &Browser, chair: &Browser) -> Result<()> {
    for (browser, who) in [(attendee, "senegal"), (chair, "chair")] {
        browser.open(&server.invite(who)).await?;
        browser
            .wait_for("#connection-status[data-state='connected']")
            .await?;
    }
    let note = "On funding for rural areas";
    attendee.select("#request-kind", "right_of_reply").await?;
    attendee.type_into("#request-note", note).await?;
    ensure!(
        !attendee.has("#speaker-log").await?,
        "an attendee is offered the speaker log"
    );
    for (tag, dir) in [("fr", "ltr"), ("ar", "rtl")] {
        attendee.select("#ui-language", tag).await?;
        attendee
            .wait_for(&format!("html[lang='{tag}'][dir='{dir}']"))
            .await?;
        attendee.wait_for("#request-note").await?;
        let kept = value_of(attendee, "#request-note").await?;
        ensure!(kept == note, "{tag}: the note became {kept:?}");
        let kind = value_of(attendee, "#request-kind").await?;
        ensure!(kind == "right_of_reply", "{tag}: the kind became {kind:?}");
    }
    // The note is sent with the hand, then gone from the form.
    attendee.click("#raise-hand").await?;
    chair
        .wait_for_text("#queue li[data-participant-id='senegal']", note)
        .await?;

    chair.click("#add-item-section summary").await?;
    chair.type_into("#new-item-id", "survivors").await?;
    chair
        .type_into("#new-item-title", "Survivors speak")
        .await?;
    chair.select("#ui-language", "es").await?;
    chair.wait_for("html[lang='es']").await?;
    chair.wait_for("details#add-item-section[open]").await?;
    for (css, wanted) in [
        ("#new-item-id", "survivors"),
        ("#new-item-title", "Survivors speak"),
    ] {
        let kept = value_of(chair, css).await?;
        ensure!(kept == wanted, "{css} became {kept:?}");
    }
    chair.click("#add-item-submit").await?;
    chair
        .wait_for("#agenda li[data-item-id='survivors']")
        .await?;
    Ok(())
}

/// Moving on while hands are raised: the chair is asked what becomes of them (Escape
/// stays), and each requester is shown what became of theirs. (And before the first
/// move, channels nobody staffs yet are shown as not started, not as faults.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chair_is_asked_about_waiting_hands_and_requesters_are_told() {
    let dist = client_dist();
    let server = TestServer::start_with(|config| config.static_dir = Some(dist)).await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let chair = driver.session().await.expect("chair's browser");
    let attendee = driver.session().await.expect("attendee's browser");
    let outcome = moving_on_with_hands_raised(&server, &chair, &attendee).await;
    for browser in [chair, attendee] {
        browser.close().await;
    }
    outcome.unwrap();
}

async fn moving_on_with_hands_raised(
    server: &TestServer,
    chair: &Browser,
    attendee: &Browser,
) -> Result<()> {
    let shown_within = Duration::from_secs(2);
    for (browser, who) in [(chair, "chair"), (attendee, "peru")] {
        browser.open(&server.invite(who)).await?;
        browser
            .wait_for("#connection-status[data-state='connected']")
            .await?;
    }
    // Before the meeting, a channel nobody staffs yet is "not started", not a fault.
    attendee
        .wait_for_text("#channel-status-es.not-started", "Not started yet")
        .await?;
    // The first move starts the meeting: nothing to ask.
    chair.click("#next-item").await?;
    chair
        .wait_for("#current-item[data-item-id='opening-eu']")
        .await?;
    attendee
        .wait_for_text(
            "#channel-status-es[data-status='unavailable']",
            "Unavailable",
        )
        .await?;
    ensure!(!attendee.has("#channels li.not-started").await?);
    ensure!(!chair.has("#move-on-confirmation").await?);
    attendee.click("#raise-hand").await?;
    attendee.wait_for("#you-are-next").await?;
    chair
        .wait_for("#queue li[data-participant-id='peru']")
        .await?;

    // Asked, with the focus on the question's first answer; Escape stays on the item.
    chair.click("#next-item").await?;
    chair
        .wait_for_content("#move-on-question", "One request waits on")
        .await?;
    ensure!(chair.focused_id().await? == "move-on-keep");
    chair
        .wait_for_content("#move-on-carry", "Carry over to")
        .await?;
    chair.press_escape().await?;
    chair.wait_gone("#move-on-confirmation").await?;
    ensure!(
        chair.focused_id().await? == "next-item",
        "the focus returns"
    );
    ensure!(
        chair
            .has("#current-item[data-item-id='opening-eu']")
            .await?
    );

    // Carried over: the requester is shown so, and is still next on the new item.
    chair.click("#next-item").await?;
    chair.click("#move-on-carry").await?;
    chair
        .wait_for("#current-item[data-item-id='opening-president']")
        .await?;
    chair
        .wait_for("#queue li[data-participant-id='peru']")
        .await?;
    attendee
        .wait_in_view(
            ".toast",
            "Your request was carried over to this item.",
            shown_within,
        )
        .await
        .context("the carried request is shown")?;
    attendee.wait_for("#you-are-next").await?;
    attendee.press_escape().await?;
    attendee.wait_gone(".toast").await?;

    // Closed: the requester is shown their hand is lowered.
    chair.click("#next-item").await?;
    chair.click("#move-on-close").await?;
    chair
        .wait_for("#current-item[data-item-id='discussion']")
        .await?;
    attendee
        .wait_in_view(".toast", "your hand is lowered", shown_within)
        .await
        .context("the closed request is shown")?;
    attendee.wait_gone("#my-position").await?;
    ensure!(
        attendee.has("#raise-hand[aria-pressed='false']").await?,
        "the hand can be raised again"
    );
    Ok(())
}

/// Records (in `window.seenAt`) the browser time at which an element matching `css`
/// first appears, from now on: two pages of one machine share the clock, so two such
/// times measure how long one page took to show what another did.
async fn watch_for(browser: &Browser, css: &str) -> Result<()> {
    browser
        .client
        .execute(
            "const css = arguments[0];
             window.seenAt = null;
             const check = () => {
                 if (window.seenAt === null && document.querySelector(css)) {
                     window.seenAt = Date.now();
                 }
             };
             new MutationObserver(check).observe(document.documentElement,
                 {subtree: true, childList: true, attributes: true, characterData: true});
             check();",
            vec![serde_json::json!(css)],
        )
        .await?;
    Ok(())
}

/// The time `watch_for` recorded, once there is one.
async fn seen_at(browser: &Browser) -> Result<f64> {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(10) {
        if let Some(at) = browser
            .client
            .execute("return window.seenAt;", vec![])
            .await?
            .as_f64()
        {
            return Ok(at);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    anyhow::bail!("never seen")
}

/// The organiser revokes an attendee's link from the participants card: the attendee's
/// open page says the link was withdrawn within a second of the organiser's page getting
/// the API's answer, and stops trying to reconnect; the organiser replaces the link, and
/// the new link, opened in the attendee's browser, joins again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organiser_revokes_a_leaked_link_and_the_attendee_is_told_at_once() {
    let dist = client_dist();
    let server = TestServer::start_with(|config| config.static_dir = Some(dist)).await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let organiser = driver.session().await.expect("organiser's browser");
    let attendee = driver.session().await.expect("attendee's browser");
    let outcome = revoke_and_replace(&server, &organiser, &attendee).await;
    for browser in [organiser, attendee] {
        browser.close().await;
    }
    outcome.unwrap();
}

async fn revoke_and_replace(
    server: &TestServer,
    organiser: &Browser,
    attendee: &Browser,
) -> Result<()> {
    for (browser, who) in [(attendee, "peru"), (organiser, "organiser")] {
        browser.open(&server.invite(who)).await?;
        browser
            .wait_for("#connection-status[data-state='connected']")
            .await?;
    }
    let row = "#participants-list li[data-participant-id='peru']";
    organiser.type_into("#participants-search", "peru").await?;
    organiser
        .wait_for(&format!("{row}[data-link-state='active']"))
        .await?;
    ensure!(
        !attendee.has("#participants").await?,
        "an attendee sees the participants card"
    );
    // Copied, or, where the browser refuses the clipboard, shown to copy by hand.
    organiser.click(&format!("{row} button.copy-link")).await?;
    organiser
        .wait_for(
            "#participants-outcome[data-outcome='copied'], \
             #participants-outcome[data-outcome='copy-failed']",
        )
        .await?;
    if organiser
        .has("#participants-outcome[data-outcome='copy-failed']")
        .await?
    {
        let shown = value_of(organiser, "#participant-link-text").await?;
        ensure!(shown.contains("#token="), "no link shown: {shown:?}");
    }
    organiser
        .click(&format!("{row} button.revoke-link"))
        .await?;
    // The confirmation says what happens, and takes the focus; Escape folds it and the
    // focus goes back.
    organiser
        .wait_for_text("#link-confirm-peru", "disconnected at once")
        .await?;
    wait_for_focus(organiser, "#link-confirm-peru button.link-confirm").await?;
    organiser.press_escape().await?;
    organiser.wait_gone("#link-confirm-peru").await?;
    wait_for_focus(organiser, &format!("{row} button.revoke-link")).await?;
    organiser
        .click(&format!("{row} button.revoke-link"))
        .await?;
    organiser.wait_for("#link-confirm-peru").await?;
    watch_for(organiser, "#participants-outcome[data-outcome='revoked']").await?;
    watch_for(attendee, "#failure-reason").await?;
    organiser
        .click("#link-confirm-peru button.link-confirm")
        .await?;
    let answered = seen_at(organiser).await?;
    let told = seen_at(attendee).await?;
    let delay = told - answered;
    println!("the attendee was told {delay} ms after the organiser's page got the answer");
    ensure!(delay < 1000.0, "told {delay} ms after the answer");
    attendee
        .wait_for_text("#failure-reason", "withdrawn this invite link")
        .await?;
    organiser
        .wait_for(&format!("{row}[data-link-state='revoked']"))
        .await?;
    wait_for_focus(organiser, &format!("{row} button.replace-link")).await?;
    // It does not try again: still given up a few seconds later.
    tokio::time::sleep(Duration::from_secs(4)).await;
    ensure!(
        attendee
            .has("#connection-status[data-state='failed']")
            .await?
            && attendee.has("#failure-reason").await?,
        "the attendee's page tried to join again"
    );

    // A new link: the revoked one needs no confirmation to be replaced.
    organiser
        .click(&format!("{row} button.replace-link"))
        .await?;
    organiser
        .wait_for("#participants-outcome[data-outcome='replaced']")
        .await?;
    let link = value_of(organiser, "#participant-link-text").await?;
    ensure!(link.contains("#token="), "no link shown: {link:?}");
    organiser
        .wait_for(&format!("{row}[data-link-state='active']"))
        .await?;
    attendee.open(&link).await?;
    attendee
        .wait_for("#connection-status[data-state='connected']")
        .await?;
    attendee.wait_gone("#failure-reason").await?;
    attendee.wait_for_text("#you", "Peru").await?;
    Ok(())
}

/// In a meeting of 2 000 participants, the card draws the first 50 and finds any one by
/// search; the organiser adds a late registrant (the id made from the name; an e-mail
/// address the API refuses shown at its field), and the link shown joins as them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organiser_adds_a_late_registrant_whose_link_joins() {
    let dist = client_dist();
    let server = TestServer::start_with(|config| config.static_dir = Some(dist)).await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let organiser = driver.session().await.expect("organiser's browser");
    let late = driver
        .session()
        .await
        .expect("the late registrant's browser");
    let outcome = add_late_registrant(&server, &organiser, &late).await;
    for browser in [organiser, late] {
        browser.close().await;
    }
    outcome.unwrap();
}

async fn add_late_registrant(
    server: &TestServer,
    organiser: &Browser,
    late: &Browser,
) -> Result<()> {
    // A large meeting: 2 000 registered besides the meeting file's 16.
    let many: Vec<serde_json::Value> = (1..=2000)
        .map(|number| {
            serde_json::json!({"participant": {
                "id": format!("registrant-{number}"),
                "name": format!("Registrant {number}"),
                "role": "attendee",
                "languages": ["en"],
            }, "needs": {"captions": number == 1999},
               "written_question": (number == 1999).then_some("How will the fund report?")})
        })
        .collect();
    let bearer = format!("Bearer {}", server.token("organiser"));
    let added = http_send(
        server.addr,
        "POST",
        &format!("/api/meetings/{}/participants", server.meeting.info.id),
        &[
            ("Authorization", &bearer),
            ("Content-Type", "application/json"),
        ],
        &serde_json::json!({ "participants": many }).to_string(),
    )
    .await;
    ensure!(added.status == 200, "{} {}", added.status, added.body);
    organiser.open(&server.invite("organiser")).await?;
    organiser
        .wait_for("#connection-status[data-state='connected']")
        .await?;
    // Only the first 50 are drawn; the count says how many there are.
    organiser
        .wait_for("#participants-count[data-count='2016']")
        .await?;
    let drawn = organiser
        .client
        .execute(
            "return document.querySelectorAll('#participants-list li').length;",
            vec![],
        )
        .await?;
    ensure!(drawn.as_u64() == Some(50), "{drawn} participants drawn");
    organiser
        .type_into("#participants-search", "registrant 1999")
        .await?;
    organiser
        .wait_for("#participants-count[data-count='1']")
        .await?;
    organiser
        .wait_for("#participants-list li[data-participant-id='registrant-1999']")
        .await?;
    // What they need and what they asked in writing are on their row.
    let row = "#participants-list li[data-participant-id='registrant-1999']";
    organiser
        .wait_for_content(&format!("{row} .needs"), "Needs: Captions")
        .await?;
    organiser
        .wait_for_content(
            &format!("{row} .written-question"),
            "Written question: \u{2068}How will the fund report?\u{2069}",
        )
        .await?;
    organiser
        .client
        .execute(
            "const search = document.getElementById('participants-search');
             search.value = '';
             search.dispatchEvent(new Event('input', {bubbles: true}));",
            vec![],
        )
        .await?;
    organiser
        .wait_for("#participants-count[data-count='2016']")
        .await?;
    organiser
        .type_into("#participant-name", "Délégué du Ghana")
        .await?;
    organiser
        .type_into("#participant-delegation", "Ghana")
        .await?;
    organiser.click("#participant-language-fr").await?;
    // Not an e-mail address: the API refuses it, and the form says so at the field.
    organiser.type_into("#participant-email", "ghana").await?;
    organiser.click("#add-participant-submit").await?;
    organiser
        .wait_for("#participant-email[aria-invalid='true']")
        .await?;
    organiser
        .wait_for_text("#participant-email-error", "e-mail address")
        .await?;
    organiser
        .type_into("#participant-email", "@example.org")
        .await?;
    organiser.click("#add-participant-submit").await?;
    organiser
        .wait_for("#participants-outcome[data-outcome='added']")
        .await?;
    let link = value_of(organiser, "#participant-link-text").await?;
    ensure!(link.contains("#token="), "no link shown: {link:?}");
    organiser
        .type_into("#participants-search", "ghana@example")
        .await?;
    organiser
        .wait_for("#participants-list li[data-participant-id='delegue-du-ghana']")
        .await?;
    late.open(&link).await?;
    late.wait_for("#connection-status[data-state='connected']")
        .await?;
    late.wait_for_text("#you", "Délégué du Ghana").await?;
    Ok(())
}

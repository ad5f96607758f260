//! Importing registrations and exporting invite links over real sockets: a registration
//! tool's export of 2 000 people in four scripts comes in as one change; broken files are
//! refused with every bad row's line and field and nothing imported, unless only the valid
//! rows are asked for; a dry run imports nothing; the links file lists everyone with a
//! link that joins, its cells safe for spreadsheets; only organisers may do either. In
//! headless Chromium, the organiser does both from their page, and axe finds nothing in
//! the import card showing a file's problems, in any language.

use anyhow::{Context, Result, ensure};
use protocol::{ItemId, ParticipantId};
use serde_json::{Value, json};
use std::collections::HashMap;
use tests::browser::{Browser, Chromedriver, client_dist};
use tests::{HttpResponse, TestServer, http_send};

const MEETING: &str = "victim-assistance-2020";

async fn call(
    server: &TestServer,
    method: &str,
    path: &str,
    token: &str,
    body: &str,
) -> HttpResponse {
    tests::meeting_api(server, method, path, Some(token), body).await
}

fn json(response: &HttpResponse) -> Value {
    response.json()
}

/// The mapping of the files these tests write.
fn columns() -> Value {
    json!({
        "name": "Full name", "email": "E-mail", "delegation": "Organisation", "role": "Role",
        "booth": "Booth", "languages": "Languages", "sign_language": "Sign language",
        "captions": "Captions", "floor": "Floor", "item": "Item", "kind": "Kind",
        "question": "Question", "written_question": "Written question"
    })
}

const HEADER: &str = "Full name;E-mail;Organisation;Role;Booth;Languages;Sign language;Captions;Floor;Item;Kind;Question;Written question";

async fn import(server: &TestServer, csv: &str, extra: Value) -> HttpResponse {
    let mut body = json!({"csv": csv, "columns": columns()});
    if let Value::Object(extra) = extra {
        body.as_object_mut().unwrap().extend(extra);
    }
    call(
        server,
        "POST",
        "/participants/import",
        &server.token("organiser"),
        &body.to_string(),
    )
    .await
}

async fn participants(server: &TestServer) -> Vec<Value> {
    let listed = call(
        server,
        "GET",
        "/participants",
        &server.token("organiser"),
        "",
    )
    .await;
    assert_eq!(listed.status, 200, "{}", listed.body);
    json(&listed)["participants"].as_array().unwrap().clone()
}

/// A registration tool's export of `count` people: names in Arabic, French, Spanish and
/// Latin with accents, delegations, a few interpreters and organisers, needs, requests
/// for the floor on items named by id and by title, written questions. Semicolons, CRLF
/// and a byte-order mark, as spreadsheet software in Europe writes them. Answers the file
/// and how many rows ask for the floor.
fn registrations(count: usize) -> (String, usize) {
    let arabic = ["محمد", "فاطمة", "أحمد", "ليلى", "يوسف"];
    let french = [
        "Élodie Lefèvre",
        "François Gaël",
        "Hélène Côté",
        "Jérôme Dubœuf",
    ];
    let spanish = ["Iñés Núñez", "José Peña", "María Muñoz", "Begoña Ibáñez"];
    let latin = ["Zoë Ångström", "Łukasz Wąs", "Dvořák Šimon", "Ørsted Ærø"];
    let languages = ["ar", "\"English; French\"", "es,en", "fr"];
    let items = [
        "discussion",
        "Clôture de la réunion",
        "opening-eu",
        "Discussion",
    ];
    let mut csv = format!("\u{feff}{HEADER}\r\n");
    let mut asks = 0;
    for n in 0..count {
        let script = n % 4;
        let name = match script {
            0 => format!("{} {n}", arabic[n % arabic.len()]),
            1 => format!("{} {n}", french[n % french.len()]),
            2 => format!("{} {n}", spanish[n % spanish.len()]),
            _ => format!("{} {n}", latin[n % latin.len()]),
        };
        // Arabic names without an address get an id from their line.
        let email = if script == 0 && n % 8 == 0 {
            String::new()
        } else {
            format!("person.{n}@example.org")
        };
        let delegation = format!("Delegation {}", n % 150);
        let (role, booth) = match n % 100 {
            7 => ("interpreter", "fr"),
            8 => ("organiser", ""),
            _ => ("", ""),
        };
        let sign = if n % 13 == 0 { "yes" } else { "" };
        let captions = if n % 11 == 0 { "x" } else { "no" };
        let floor = n % 5 == 0 && role.is_empty();
        if floor {
            asks += 1;
        }
        let (item, kind, question) = if floor {
            let item = items[n % items.len()];
            if item.eq_ignore_ascii_case("discussion") && n % 2 == 0 {
                (item, "question", format!("{}", n % 6 + 1))
            } else {
                (item, "", String::new())
            }
        } else {
            ("", "", String::new())
        };
        let written = if n % 17 == 0 {
            "\"How will the fund report to survivors; and when?\""
        } else {
            ""
        };
        csv.push_str(&format!(
            "{name};{email};{delegation};{role};{booth};{};{sign};{captions};{};{item};{kind};{question};{written}\r\n",
            languages[script],
            if floor { "yes" } else { "no" },
        ));
    }
    (csv, asks)
}

#[tokio::test]
async fn two_thousand_registrations_in_four_scripts_come_in_at_once() {
    let server = TestServer::start().await;
    let before = participants(&server).await.len();
    let (csv, asks) = registrations(2000);
    assert!(csv.len() > 150_000, "a realistic size: {}", csv.len());
    let imported = import(&server, &csv, json!({})).await;
    assert_eq!(
        imported.status,
        200,
        "{}",
        &imported.body[..imported.body.len().min(2000)]
    );
    let imported = json(&imported);
    assert_eq!(imported["imported"], 2000);
    assert_eq!(imported["requests"], asks);
    assert_eq!(imported["dry_run"], false);
    assert_eq!(imported["errors"], json!([]));

    let listed = participants(&server).await;
    assert_eq!(listed.len(), before + 2000);
    let by_id: HashMap<&str, &Value> = listed
        .iter()
        .map(|entry| (entry["participant"]["id"].as_str().unwrap(), entry))
        .collect();
    // Row 0 is line 2: an Arabic name without an address.
    let first = by_id["p-2"];
    assert_eq!(first["participant"]["name"], "محمد 0");
    assert_eq!(first["participant"]["languages"], json!(["ar"]));
    assert_eq!(
        first["needs"],
        json!({"sign_language": true, "captions": true})
    );
    assert!(first["url"].as_str().unwrap().contains("#token="));
    let french = by_id["person-1"];
    assert_eq!(french["participant"]["name"], "François Gaël 1");
    assert_eq!(french["participant"]["languages"], json!(["en", "fr"]));
    assert_eq!(french["participant"]["delegation"], "Delegation 1");
    let spanish = by_id["person-2"];
    assert_eq!(spanish["participant"]["name"], "María Muñoz 2");
    assert_eq!(spanish["participant"]["languages"], json!(["es", "en"]));
    let interpreter = by_id["person-107"];
    assert_eq!(interpreter["participant"]["role"], "interpreter");
    assert_eq!(interpreter["participant"]["booth"], "fr");
    assert_eq!(by_id["person-108"]["participant"]["role"], "organiser");
    assert_eq!(
        by_id["person-17"]["written_question"],
        "How will the fund report to survivors; and when?"
    );

    // The chair's state holds them all, with the requests made at registration.
    let (_, chair) = server.join("chair").await;
    let state = chair.meeting.unwrap();
    assert!(state.registry.registrants.len() >= 2000);
    let arabic = state.registry.get(&ParticipantId::new("p-2")).unwrap();
    assert_eq!(arabic.participant.name, "محمد 0");
    let discussion = state.list(&ItemId::new("discussion")).unwrap();
    assert!(
        discussion
            .queue
            .iter()
            .any(|request| request.registered && request.question.is_some())
    );
    let closing = state.list(&ItemId::new("closing")).unwrap();
    assert!(
        closing.queue.iter().any(|request| request.registered),
        "items are found by their French title"
    );
}

#[tokio::test]
async fn broken_files_are_refused_with_every_line_and_field() {
    let server = TestServer::start().await;
    let before = participants(&server).await.len();
    let csv = format!(
        "{HEADER}\r\n\
         Good One;good.one@example.org;Peru;;;es;;;;;;;\r\n\
         Bad Language;bad.language@example.org;;;;de;;;;;;;\r\n\
         Bad Role;bad.role@example.org;;king;;en;;;;;;;\r\n\
         Evil \u{202E}Name;evil@example.org;;;;en;;;;;;;\r\n\
         Bad Question;bad.question@example.org;;;;en;;;yes;discussion;question;9;\r\n\
         Unknown Item;unknown.item@example.org;;;;en;;;yes;nowhere;;;\r\n\
         Good Two;good.two@example.org;Chile;;;fr;;;yes;discussion;question;2;\r\n"
    );
    let expected = [
        (3, "languages"),
        (4, "role"),
        (5, "name"),
        (6, "question"),
        (7, "item"),
    ];
    let errors_of = |answer: &Value| -> Vec<(u64, String)> {
        answer["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|error| {
                assert!(!error["message"].as_str().unwrap().is_empty());
                (
                    error["line"].as_u64().unwrap(),
                    error["field"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let expected: Vec<(u64, String)> = expected
        .iter()
        .map(|(line, field)| (*line, (*field).to_owned()))
        .collect();

    let refused = import(&server, &csv, json!({})).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let answer = json(&refused);
    assert_eq!(answer["code"], "invalid");
    assert_eq!(answer["imported"], 0);
    assert_eq!(errors_of(&answer), expected);
    assert!(
        answer["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("`de`")
    );
    assert_eq!(
        participants(&server).await.len(),
        before,
        "nothing imported"
    );

    // A dry run checks without importing, and says what would come in.
    let checked = import(
        &server,
        &csv,
        json!({"dry_run": true, "valid_rows_only": true}),
    )
    .await;
    assert_eq!(checked.status, 200, "{}", checked.body);
    let checked = json(&checked);
    assert_eq!(checked["imported"], 2);
    assert_eq!(checked["requests"], 1);
    assert_eq!(checked["dry_run"], true);
    assert_eq!(errors_of(&checked), expected);
    assert_eq!(
        participants(&server).await.len(),
        before,
        "a dry run imports nothing"
    );

    // Only the valid rows, on request.
    let partial = import(&server, &csv, json!({"valid_rows_only": true})).await;
    assert_eq!(partial.status, 200, "{}", partial.body);
    let partial = json(&partial);
    assert_eq!(partial["imported"], 2);
    assert_eq!(errors_of(&partial), expected);
    let listed = participants(&server).await;
    assert_eq!(listed.len(), before + 2);
    assert!(
        listed
            .iter()
            .any(|entry| entry["participant"]["id"] == "good-two")
    );

    // Two rows with one id: the second is reported.
    let twice = call(
        &server,
        "POST",
        "/participants/import",
        &server.token("organiser"),
        &json!({"csv": "Id,Name\nsame,A\nother,B\nsame,C\n",
                "columns": {"id": "Id", "name": "Name"}})
        .to_string(),
    )
    .await;
    assert_eq!(twice.status, 422, "{}", twice.body);
    let twice = json(&twice);
    assert_eq!(errors_of(&twice), [(4, "id".to_owned())]);
    assert!(
        twice["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("line 2")
    );

    // A mapping without the name, or naming a column the file lacks: line 1, and nothing
    // imported even when only the valid rows are asked for.
    for (columns, field) in [
        (json!({"email": "E-mail"}), "name"),
        (
            json!({"name": "Full name", "languages": "Langues"}),
            "languages",
        ),
    ] {
        let refused = call(
            &server,
            "POST",
            "/participants/import",
            &server.token("organiser"),
            &json!({"csv": csv, "columns": columns, "valid_rows_only": true}).to_string(),
        )
        .await;
        assert_eq!(refused.status, 422, "{}", refused.body);
        assert_eq!(errors_of(&json(&refused)), [(1, field.to_owned())]);
    }
    assert_eq!(participants(&server).await.len(), before + 2);

    // A body of the wrong shape is a 400.
    let shapeless = call(
        &server,
        "POST",
        "/participants/import",
        &server.token("organiser"),
        "{\"csv\": 1}",
    )
    .await;
    assert_eq!(shapeless.status, 400, "{}", shapeless.body);
}

#[tokio::test]
async fn the_links_file_lists_everyone_with_a_link_that_joins() {
    let server = TestServer::start().await;
    let csv = format!(
        "{HEADER}\r\n\
         =HYPERLINK(\"http://evil.example\");formula@example.org;;;;en;;;;;;;\r\n\
         Ana María Núñez;;España;;;es;;;;;;;\r\n\
         ليلى حسن;;;;;ar;;;;;;;\r\n"
    );
    let imported = import(&server, &csv, json!({})).await;
    assert_eq!(imported.status, 200, "{}", imported.body);
    let revoked = call(
        &server,
        "POST",
        "/participants/peru/revoke",
        &server.token("organiser"),
        "",
    )
    .await;
    assert_eq!(revoked.status, 200, "{}", revoked.body);

    let links = call(
        &server,
        "GET",
        "/participants/links.csv",
        &server.token("organiser"),
        "",
    )
    .await;
    assert_eq!(links.status, 200, "{}", links.body);
    let header = |name: &str| {
        links
            .headers
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .unwrap_or_default()
    };
    assert!(header("content-type").starts_with("text/csv"));
    assert_eq!(
        header("content-disposition"),
        format!("attachment; filename=\"{MEETING}-links.csv\"")
    );
    assert!(links.bytes.starts_with("\u{feff}".as_bytes()));
    let mut reader = csv::Reader::from_reader(&links.bytes[3..]);
    assert_eq!(
        reader.headers().unwrap(),
        vec![
            "id",
            "name",
            "email",
            "role",
            "delegation",
            "languages",
            "link"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let listed = participants(&server).await;
    assert_eq!(rows.len(), listed.len());
    for entry in &listed {
        let id = entry["participant"]["id"].as_str().unwrap();
        let row = rows
            .iter()
            .find(|row| &row[0] == id)
            .unwrap_or_else(|| panic!("`{id}` is in the links file"));
        if id == "peru" {
            assert_eq!(&row[6], "", "a revoked link is left empty");
            continue;
        }
        let token = row[6].split_once("#token=").expect("an invite link").1;
        let (_, welcome) = server.join_with(token).await;
        assert_eq!(welcome.you.id.as_str(), id);
    }
    let formula = rows
        .iter()
        .find(|row| &row[2] == "formula@example.org")
        .unwrap();
    assert_eq!(&formula[1], "'=HYPERLINK(\"http://evil.example\")");
    let spanish = rows
        .iter()
        .find(|row| &row[0] == "ana-maria-nunez")
        .unwrap();
    assert_eq!(&spanish[4], "España");
    assert_eq!(&spanish[5], "es");
    assert!(
        rows.iter()
            .any(|row| &row[1] == "ليلى حسن" && &row[0] == "p-4")
    );
}

/// The import route takes bodies well above the 2 MiB other routes take: 3 200
/// registrants with long written questions (over 3 MB) are checked in full.
#[tokio::test]
async fn a_large_export_fits_the_import_route() {
    let server = TestServer::start().await;
    let question = "How will the fund reach survivors in rural areas? ".repeat(19);
    let mut csv = String::from("Full name,Written question\n");
    for n in 0..3200 {
        csv.push_str(&format!("Person {n},{question}\n"));
    }
    assert!(csv.len() > 3_000_000, "{}", csv.len());
    let body = json!({"csv": csv, "columns": {"name": "Full name", "written_question": "Written question"},
                      "dry_run": true})
    .to_string();
    let checked = call(
        &server,
        "POST",
        "/participants/import",
        &server.token("organiser"),
        &body,
    )
    .await;
    assert_eq!(
        checked.status,
        200,
        "{}",
        &checked.body[..checked.body.len().min(500)]
    );
    assert_eq!(json(&checked)["imported"], 3200);
}

#[tokio::test]
async fn only_organisers_import_and_export() {
    let server = TestServer::start().await;
    let body = json!({"csv": "Name\nSomeone\n", "columns": {"name": "Name"}}).to_string();
    for who in ["chair", "peru", "interp-fr"] {
        let token = server.token(who);
        let refused = call(&server, "POST", "/participants/import", &token, &body).await;
        assert_eq!(refused.status, 403, "{who}: {}", refused.body);
        let refused = call(&server, "GET", "/participants/links.csv", &token, "").await;
        assert_eq!(refused.status, 403, "{who}: {}", refused.body);
    }
    let refused = http_send(
        server.addr,
        "GET",
        &format!("/api/meetings/{MEETING}/participants/links.csv"),
        &[],
        "",
    )
    .await;
    assert_eq!(refused.status, 401);
    let accepted = call(
        &server,
        "POST",
        "/participants/import",
        &server.token("organiser"),
        &body,
    )
    .await;
    assert_eq!(accepted.status, 200, "{}", accepted.body);
}

/// A small export as a registration tool writes it: one header the page suggests
/// (`E-mail`), two it does not (`Full name`, `Langues`), and a row with a language the
/// meeting does not have (line 4).
const SMALL: &str = "Full name;E-mail;Langues;Delegation\r\n\
                     Ana María Núñez;ana.nunez@example.org;es;Chile\r\n\
                     ليلى حسن;;Arabic;\r\n\
                     Bad Language;bad@example.org;de;\r\n";

/// Opens the organiser's page, chooses `SMALL` in the import card and maps its columns,
/// then checks it: the problem of line 4 is listed.
async fn choose_and_check(
    server: &TestServer,
    browser: &Browser,
    dir: &std::path::Path,
) -> Result<()> {
    browser.client.set_window_size(1280, 1800).await?;
    browser.open(&server.invite("organiser")).await?;
    browser
        .wait_for("#connection-status[data-state='connected']")
        .await?;
    let file = dir.join("registrations.csv");
    std::fs::write(&file, SMALL)?;
    browser
        .type_into("#import-file", &file.display().to_string())
        .await
        .context("choose the file")?;
    // Only the exact match is chosen, and the page says it chose it.
    browser
        .wait_for("#import-column-email option[value='E-mail']:checked")
        .await?;
    browser
        .wait_for("#import-column-delegation option[value='Delegation']:checked")
        .await?;
    browser
        .wait_for("#import-column-name option[value='']:checked")
        .await?;
    browser.wait_for("#import-suggested").await?;
    // Without a name column, the page asks for one.
    browser.click("#import-check").await?;
    browser
        .wait_for_content(
            "#import-outcome[data-outcome='failed']",
            "Choose the column that holds the names.",
        )
        .await?;
    browser.select("#import-column-name", "Full name").await?;
    browser
        .select("#import-column-languages", "Langues")
        .await?;
    browser.click("#import-check").await?;
    browser
        .wait_for_content(
            "#import-outcome[data-outcome='checked']",
            "Checked: 2 of the rows can be imported. Problems found: 1.",
        )
        .await?;
    browser
        .wait_for_content(
            "#import-errors li[data-line='4'][data-field='languages']",
            "Line 4, Languages:",
        )
        .await?;
    Ok(())
}

/// The organiser imports a small export from their page: checks it, is refused while a
/// row is bad, imports the valid rows, and downloads every invite link.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organiser_imports_registrations_and_downloads_the_links_from_their_page() {
    let server = TestServer::start_with(|config| config.static_dir = Some(client_dist())).await;
    let before = participants(&server).await.len();
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let browser = driver.session().await.expect("a browser");
    let dir = tempfile::tempdir().unwrap();
    let outcome = import_from_the_page(&server, &browser, dir.path(), before).await;
    browser.close().await;
    outcome.unwrap();
}

async fn import_from_the_page(
    server: &TestServer,
    browser: &Browser,
    dir: &std::path::Path,
    before: usize,
) -> Result<()> {
    choose_and_check(server, browser, dir).await?;
    ensure!(
        participants(server).await.len() == before,
        "a check imports nothing"
    );
    // All or nothing: refused.
    browser.click("#import-run").await?;
    browser
        .wait_for_content(
            "#import-outcome[data-outcome='refused']",
            "Nothing was imported. Problems found: 1.",
        )
        .await?;
    ensure!(
        participants(server).await.len() == before,
        "nothing imported"
    );
    // The valid rows only.
    browser.click("#import-valid-only").await?;
    let done = "Participants imported: 2 (0 asked for the floor). Rows left out: 1.";
    browser
        .wait_for_content("#import-outcome[data-outcome='imported']", done)
        .await?;
    browser.wait_for_content("#announcer", done).await?;
    let listed = participants(server).await;
    ensure!(listed.len() == before + 2, "{} participants", listed.len());
    ensure!(
        listed
            .iter()
            .any(|entry| entry["participant"]["id"] == "ana-nunez"
                && entry["participant"]["delegation"] == "Chile"),
        "Ana is imported"
    );

    // Every link, saved under the meeting's name.
    browser.click("#download-links").await?;
    let meeting = server.meeting.info.id.to_string();
    let file = format!("{meeting}-links.csv");
    let links = browser.downloaded(&file).await?;
    let links = links
        .strip_prefix('\u{feff}')
        .context("a byte-order mark")?;
    ensure!(
        links.starts_with("id,name,email,role,delegation,languages,link\r\n"),
        "the links file starts with {:?}",
        links.lines().next()
    );
    ensure!(
        links.lines().any(|line| line
            .starts_with("ana-nunez,Ana María Núñez,ana.nunez@example.org,attendee,Chile,es,http")
            && line.contains("#token=")),
        "Ana's link: {links}"
    );
    ensure!(
        links.lines().any(|line| line.contains("ليلى حسن")),
        "Leila's link: {links}"
    );
    browser
        .wait_for_content(
            "#links-outcome[data-outcome='saved']",
            &format!("Invite links saved as {file}."),
        )
        .await?;
    Ok(())
}

/// The import card showing a file's problems passes axe in every language.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_import_card_with_problems_passes_axe_in_every_language() {
    let server = TestServer::start_with(|config| config.static_dir = Some(client_dist())).await;
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let browser = driver.session().await.expect("a browser");
    let dir = tempfile::tempdir().unwrap();
    let outcome = async {
        choose_and_check(&server, &browser, dir.path()).await?;
        for language in ["en", "fr", "es", "ar"] {
            browser.select("#ui-language", language).await?;
            browser
                .wait_for(&format!("html[lang='{language}']"))
                .await?;
            browser
                .wait_for("#import-errors li[data-line='4'][data-field='languages']")
                .await
                .with_context(|| format!("the problems are still listed in {language}"))?;
            tests::a11y::assert_accessible(
                &browser,
                &format!("the organiser's import card with problems in {language}"),
            )
            .await?;
        }
        Ok::<_, anyhow::Error>(())
    }
    .await;
    browser.close().await;
    outcome.unwrap();
}

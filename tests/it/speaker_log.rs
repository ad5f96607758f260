//! The speaker log over real HTTP against the real server: speeches held over
//! WebSockets show up in the JSON, CSV and Markdown downloads; only the chair and
//! organisers may download them; the log survives a restart.

use protocol::{Command, RequestKind};
use serde_json::Value;
use std::time::Duration;
use tests::{HttpResponse, TestServer, http_request};

/// A name that CSV must quote: a comma and quotes.
const GUEST: &str = "Doe, \"Jr\"";

/// The demo meeting's download path for `file`.
fn path(server: &TestServer, file: &str) -> String {
    format!("/api/meetings/{}/{file}", server.meeting.info.id)
}

/// Downloads `file` of the demo meeting with `token` (none: no `Authorization`).
async fn download(server: &TestServer, file: &str, token: Option<&str>) -> HttpResponse {
    let authorization = token.map(|token| format!("Bearer {token}"));
    let headers: Vec<(&str, &str)> = authorization
        .iter()
        .map(|value| ("Authorization", value.as_str()))
        .collect();
    http_request(server.addr, &path(server, file), &headers).await
}

/// The JSON log, as the chair downloads it.
async fn json_log(server: &TestServer) -> Value {
    let response = download(server, "speakers.json", Some(&server.token("chair"))).await;
    assert_eq!(response.status, 200, "{}", response.body);
    serde_json::from_str(&response.body).expect("the log is JSON")
}

/// On the first item Peru speaks (with a pause), then Colombia; on the second the
/// European Union asks a question. With `guest_speaking`, the chair then gives the floor
/// to a guest who is not in the list, and the guest is still speaking.
async fn hold_speeches(server: &TestServer, guest_speaking: bool) {
    let (mut chair, _) = server.join("chair").await;
    let (mut peru, _) = server.join("peru").await;
    let (mut colombia, _) = server.join("colombia").await;
    let (mut eu, _) = server.join("eu").await;
    chair.request(Command::next_item()).await.unwrap();
    peru.request(Command::raise_hand()).await.unwrap();
    colombia.request(Command::raise_hand()).await.unwrap();
    chair.request(Command::give_floor_next()).await.unwrap();
    chair.request(Command::PauseFloor).await.unwrap();
    tokio::time::sleep(Duration::from_millis(60)).await;
    chair.request(Command::ResumeFloor).await.unwrap();
    chair.request(Command::give_floor_next()).await.unwrap();
    chair.request(Command::EndFloor).await.unwrap();
    chair.request(Command::next_item()).await.unwrap();
    eu.request(Command::RaiseHand {
        kind: RequestKind::Question,
        question: None,
        note: None,
        language: None,
    })
    .await
    .unwrap();
    chair.request(Command::give_floor_next()).await.unwrap();
    chair.request(Command::EndFloor).await.unwrap();
    if guest_speaking {
        chair
            .request(Command::GiveFloor {
                request: None,
                participant: None,
                name: Some(GUEST.into()),
                delegation: None,
                language: None,
            })
            .await
            .unwrap();
    }
}

fn ms(value: &Value) -> u64 {
    value.as_u64().expect("milliseconds")
}

fn seconds_as_ms(value: &Value) -> u64 {
    (value.as_f64().expect("seconds") * 1000.0).round() as u64
}

#[tokio::test]
async fn speeches_across_two_items_are_in_the_json_log_in_order() {
    let server = TestServer::start().await;
    hold_speeches(&server, true).await;
    let response = download(&server, "speakers.json", Some(&server.token("chair"))).await;
    assert_eq!(response.status, 200, "{}", response.body);
    assert_eq!(response.header("content-type"), Some("application/json"));
    assert_eq!(
        response.header("content-disposition"),
        Some("attachment; filename=\"victim-assistance-2020-speakers.json\"")
    );
    assert_eq!(response.header("cache-control"), Some("no-store"));
    let log: Value = serde_json::from_str(&response.body).unwrap();
    assert_eq!(log["meeting"], "victim-assistance-2020");

    let speeches = log["speeches"].as_array().unwrap();
    let who: Vec<(&str, &str)> = speeches
        .iter()
        .map(|speech| {
            (
                speech["participant"].as_str().unwrap(),
                speech["item"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        who,
        [
            ("peru", "opening-eu"),
            ("colombia", "opening-eu"),
            ("eu", "opening-president"),
            ("guest:Doe, \"Jr\"", "opening-president"),
        ]
    );

    let peru = &speeches[0];
    assert_eq!(peru["name"], "Delegate of Peru");
    assert_eq!(peru["delegation"], "Peru");
    assert_eq!(peru["item_title"], "Opening remarks by the European Union");
    assert_eq!(peru["language"], "es");
    assert_eq!(peru["kind"], "intervention");
    assert_eq!(peru["answered_request"], true);
    assert_eq!(peru["limit_seconds"], 180);
    assert_eq!(peru["overrun_seconds"], 0.0);
    assert_eq!(peru["in_progress"], false);
    assert!(seconds_as_ms(&peru["paused_seconds"]) >= 60);
    // Wall time from start to end is speaking time plus pauses.
    assert_eq!(
        ms(&peru["end_ms"]) - ms(&peru["start_ms"]),
        seconds_as_ms(&peru["duration_seconds"]) + seconds_as_ms(&peru["paused_seconds"])
    );
    assert!(peru["start"].as_str().unwrap().ends_with('Z'));
    // Colombia's speech begins as Peru's ends: the chair gave the floor on.
    assert_eq!(speeches[1]["start_ms"], peru["end_ms"]);
    assert!(ms(&speeches[2]["start_ms"]) >= ms(&speeches[1]["end_ms"]));

    let eu = &speeches[2];
    assert_eq!(eu["kind"], "question");
    assert_eq!(eu["language"], "en");
    assert_eq!(eu["delegation"], "European Union");

    let guest = &speeches[3];
    assert_eq!(guest["name"], GUEST);
    assert_eq!(guest["answered_request"], false);
    assert_eq!(guest["in_progress"], true);
    assert_eq!(guest["end"], Value::Null);

    let items = log["items"].as_array().unwrap();
    assert_eq!(items.len(), server.meeting.agenda.len());
    assert_eq!(items[0]["id"], "opening-eu");
    assert_eq!(items[0]["planned_minutes"], 5);
    assert_eq!(items[0]["speeches"], 2);
    assert_eq!(items[0]["current"], false);
    assert_eq!(items[0]["periods"].as_array().unwrap().len(), 1);
    assert_eq!(
        items[0]["periods"][0]["until_ms"],
        items[1]["periods"][0]["from_ms"]
    );
    assert_eq!(items[1]["current"], true);
    assert_eq!(items[1]["speeches"], 2);
    assert!(items[2]["periods"].as_array().unwrap().is_empty());
    assert_eq!(log["totals"]["speeches"], 4);
}

#[tokio::test]
async fn the_csv_log_has_a_header_and_quotes_names() {
    let server = TestServer::start().await;
    hold_speeches(&server, true).await;
    let response = download(&server, "speakers.csv", Some(&server.token("organiser"))).await;
    assert_eq!(response.status, 200, "{}", response.body);
    assert_eq!(
        response.header("content-type"),
        Some("text/csv; charset=utf-8")
    );
    assert_eq!(
        response.header("content-disposition"),
        Some("attachment; filename=\"victim-assistance-2020-speakers.csv\"")
    );
    let rows: Vec<&str> = response.body.split_terminator("\r\n").collect();
    assert_eq!(
        rows[0],
        "item,item_title,participant,name,delegation,language,kind,answered_request,request,\
         start,end,duration_seconds,paused_seconds,limit_seconds,overrun_seconds,in_progress"
    );
    assert_eq!(rows.len(), 5, "a header and four speeches: {rows:?}");
    assert!(rows[1].starts_with(
        "opening-eu,Opening remarks by the European Union,peru,Delegate of Peru,Peru,es,\
         intervention,true,"
    ));
    assert!(rows[3].contains(",eu,European Union,European Union,en,question,true,"));
    assert!(
        rows[4].starts_with(
            "opening-president,Opening remarks by the President of the Convention \
             (Netherlands),\"guest:Doe, \"\"Jr\"\"\",\"Doe, \"\"Jr\"\"\",,"
        ),
        "{}",
        rows[4]
    );
    assert!(rows[4].ends_with(",true"));
}

#[tokio::test]
async fn the_markdown_summary_names_each_item_and_speaker() {
    let server = TestServer::start().await;
    hold_speeches(&server, true).await;
    let response = download(&server, "speakers.md", Some(&server.token("chair"))).await;
    assert_eq!(response.status, 200, "{}", response.body);
    assert_eq!(
        response.header("content-type"),
        Some("text/markdown; charset=utf-8")
    );
    let markdown = response.body;
    assert!(markdown.starts_with("# Speaker log: Cooperation and assistance"));
    for (number, item) in server.meeting.agenda.iter().enumerate() {
        let title = item.title.get(
            &server.meeting.info.default_language,
            &server.meeting.info.default_language,
        );
        assert!(
            markdown.contains(&format!("## {}. {title}\n", number + 1)),
            "no section for {title}:\n{markdown}"
        );
    }
    for name in [
        "Delegate of Peru",
        "Chair of the Committee on the Enhancement of Cooperation and Assistance",
        "European Union",
        GUEST,
    ] {
        assert!(
            markdown.contains(&format!("| {name} |")),
            "no row for {name}:\n{markdown}"
        );
    }
    assert!(markdown.contains("| **Total** | 1:45:00 |"), "{markdown}");
    assert!(markdown.contains("(in progress)"));
}

#[tokio::test]
async fn only_the_chair_and_organisers_may_download_the_log() {
    let server = TestServer::start().await;
    let missing = download(&server, "speakers.json", None).await;
    assert_eq!(missing.status, 401);
    assert_eq!(missing.header("www-authenticate"), Some("Bearer"));

    let forged = download(&server, "speakers.json", Some("not.a.token")).await;
    assert_eq!(forged.status, 401);
    assert_eq!(forged.header("www-authenticate"), Some("Bearer"));

    let expired = server.keys.sign(&server.claims("chair", -60));
    assert_eq!(
        download(&server, "speakers.json", Some(&expired))
            .await
            .status,
        401
    );

    let basic = http_request(
        server.addr,
        &path(&server, "speakers.json"),
        &[("Authorization", "Basic Y2hhaXI6Y2hhaXI=")],
    )
    .await;
    assert_eq!(basic.status, 401);

    for attendee in ["peru", "interp-en"] {
        let refused = download(&server, "speakers.csv", Some(&server.token(attendee))).await;
        assert_eq!(refused.status, 403, "{attendee}");
        assert!(!refused.body.contains("item,"));
    }

    let chair = server.token("chair");
    for file in ["speakers.json", "speakers.csv", "speakers.md"] {
        assert_eq!(download(&server, file, Some(&chair)).await.status, 200);
    }
    let bearer = format!("Bearer {chair}");
    let unknown_meeting = http_request(
        server.addr,
        "/api/meetings/no-such-meeting/speakers.json",
        &[("Authorization", &bearer)],
    )
    .await;
    assert_eq!(unknown_meeting.status, 404);
    for file in ["speakers.xml", "speakers", "minutes.json"] {
        assert_eq!(
            download(&server, file, Some(&chair)).await.status,
            404,
            "{file}"
        );
    }
}

/// The speaker log refuses as the meetings API does: JSON with the protocol's error code,
/// whatever the reason, so that one client handles every HTTP API's refusals.
#[tokio::test]
async fn refusals_are_json_with_a_stable_code_like_the_meetings_api() {
    let server = TestServer::start().await;
    let chair = server.token("chair");
    let cases = [
        (
            download(&server, "speakers.json", None).await,
            401,
            "unauthorized",
        ),
        (
            download(&server, "speakers.json", Some("not.a.token")).await,
            401,
            "unauthorized",
        ),
        (
            download(&server, "speakers.csv", Some(&server.token("peru"))).await,
            403,
            "forbidden",
        ),
        (
            download(&server, "minutes.json", Some(&chair)).await,
            404,
            "not_found",
        ),
    ];
    for (response, status, code) in cases {
        assert_eq!(response.status, status, "{}", response.body);
        assert_eq!(response.header("content-type"), Some("application/json"));
        assert_eq!(response.header("cache-control"), Some("no-store"));
        let body: Value = serde_json::from_str(&response.body).expect("a JSON refusal");
        assert_eq!(body["code"], code, "{body}");
        assert!(
            body["message"]
                .as_str()
                .is_some_and(|message| !message.is_empty()),
            "{body}"
        );
    }
    // The meetings API answers a missing token in the same shape.
    let api = http_request(server.addr, "/api/meetings", &[]).await;
    assert_eq!(api.status, 401);
    let body: Value = serde_json::from_str(&api.body).expect("a JSON refusal");
    assert_eq!(body["code"], "unauthorized");
}

#[tokio::test]
async fn the_log_survives_a_restart() {
    let server = TestServer::start().await;
    hold_speeches(&server, false).await;
    let before = json_log(&server).await;
    assert_eq!(before["speeches"].as_array().unwrap().len(), 3);

    let server = server.restart().await;
    let after = json_log(&server).await;
    assert_eq!(after["speeches"], before["speeches"]);
    assert_eq!(after["items"][0], before["items"][0]);
}

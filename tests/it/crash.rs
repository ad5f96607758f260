//! The server binary as a separate process. Durability across a crash: many connections
//! raise their hands at once, the process is killed with SIGKILL in the middle of the
//! burst and started again on the same data directory; every acknowledged hand must be in
//! the queue exactly once, and nothing else may be half there. Also what the command line
//! offers organisers: invite links minted from a meeting file, the demo moved to now, and a
//! meeting created through the meetings API that outlives a crash.

use protocol::{Command, MeetingId, Participant, ParticipantId, Role};
use server::auth::{Keys, Secret};
use std::collections::HashSet;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tests::process::{SECRET, ServerProcess, put_pop_up, server_binary};
use tests::{WsClient, numbered_attendee, workspace_root};
use tokio::process::Command as Process;
const HANDS: usize = 300;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_hand_survives_a_sigkill_mid_burst_exactly_once() {
    tokio::time::timeout(Duration::from_secs(120), crash_mid_burst())
        .await
        .expect("the crash scenario finishes within two minutes");
}

async fn crash_mid_burst() {
    let data_dir = tempfile::tempdir().unwrap();
    let keys = Keys::new(&Secret::new(SECRET).unwrap());
    let meeting = MeetingId::new("victim-assistance-2020");
    let token =
        |participant: &Participant| keys.mint(&meeting, participant, Duration::from_secs(600));

    let server = ServerProcess::start(data_dir.path()).await;
    let mut clients = Vec::with_capacity(HANDS);
    for number in 0..HANDS {
        let mut client = WsClient::connect(&server.ws_url).await.unwrap();
        client
            .hello(&token(&numbered_attendee(number)), None)
            .await
            .unwrap();
        clients.push(client);
    }

    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let (first_acks, mut enough) = tokio::sync::mpsc::channel::<()>(HANDS);
    let mut burst = Vec::with_capacity(HANDS);
    for (number, mut client) in clients.into_iter().enumerate() {
        let acknowledged = acknowledged.clone();
        let first_acks = first_acks.clone();
        burst.push(tokio::spawn(async move {
            // The hands go up over half a second, so that the kill lands mid-burst.
            tokio::time::sleep(Duration::from_millis((number % 50) as u64 * 10)).await;
            // Without an answer (the server was killed first) the hand may or may not be
            // stored; only acknowledged hands must be.
            if client.request(Command::raise_hand()).await.is_ok() {
                acknowledged
                    .lock()
                    .unwrap()
                    .push(numbered_attendee(number).id);
                let _ = first_acks.try_send(());
            }
        }));
    }
    drop(first_acks);
    eprintln!("{HANDS} connected; burst sent");
    // Kill the server once a quarter of the hands are acknowledged.
    for _ in 0..HANDS / 4 {
        enough.recv().await.expect("acks arrive");
    }
    server.kill().await;
    eprintln!("server killed");
    for task in burst {
        let _ = task.await;
    }
    let acknowledged: Vec<ParticipantId> = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= HANDS / 4);

    let server = ServerProcess::start(data_dir.path()).await;
    eprintln!("server restarted");
    let chair = Participant {
        id: ParticipantId::new("chair"),
        name: "Chair".into(),
        role: Role::Chair,
        delegation: None,
        booth: None,
        languages: vec![],
    };
    let mut client = WsClient::connect(&server.ws_url).await.unwrap();
    let state = client
        .hello(&token(&chair), None)
        .await
        .unwrap()
        .meeting
        .unwrap();

    let queued: Vec<&ParticipantId> = state
        .active_list()
        .unwrap()
        .queue
        .iter()
        .map(|r| &r.participant)
        .collect();
    let distinct: HashSet<&ParticipantId> = queued.iter().copied().collect();
    assert_eq!(distinct.len(), queued.len(), "nobody is in the queue twice");
    for participant in &acknowledged {
        assert!(
            distinct.contains(participant),
            "acknowledged {participant} was lost"
        );
    }
    let sent: HashSet<ParticipantId> = (0..HANDS).map(|n| numbered_attendee(n).id).collect();
    assert!(queued.iter().all(|participant| sent.contains(*participant)));
    assert_eq!(
        state.seq as usize,
        queued.len(),
        "every stored event is one whole hand"
    );
    println!(
        "{} hands sent, {} acknowledged before the kill, {} in the queue after the restart",
        HANDS,
        acknowledged.len(),
        queued.len()
    );

    // The restarted meeting goes on from where the log ends.
    let mut late = WsClient::connect(&server.ws_url).await.unwrap();
    late.hello(&token(&numbered_attendee(HANDS + 1)), None)
        .await
        .unwrap();
    assert_eq!(late.request(Command::raise_hand()).await, Ok(state.seq + 1));
    server.kill().await;
}

/// Tokens are credentials: the server's logs never contain one, not even at debug level,
/// neither a good one nor a refused one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_never_reach_the_logs() {
    let data_dir = tempfile::tempdir().unwrap();
    let log_path = data_dir.path().join("server.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let server = ServerProcess::start_logging(data_dir.path(), "debug", Stdio::from(log)).await;
    let keys = Keys::new(&Secret::new(SECRET).unwrap());
    let meeting = MeetingId::new("victim-assistance-2020");
    let good = keys.mint(&meeting, &numbered_attendee(1), Duration::from_secs(600));
    let mut client = WsClient::connect(&server.ws_url).await.unwrap();
    client.hello(&good, None).await.unwrap();
    client.request(Command::raise_hand()).await.unwrap();
    let forged = Keys::new(&Secret::random()).mint(
        &meeting,
        &numbered_attendee(2),
        Duration::from_secs(600),
    );
    let mut refused = WsClient::connect(&server.ws_url).await.unwrap();
    assert!(refused.hello(&forged, None).await.is_err());
    server.kill().await;

    let logs = std::fs::read_to_string(&log_path).unwrap();
    assert!(logs.contains("joined"), "the debug log was written: {logs}");
    for token in [&good, &forged] {
        let signature = token.rsplit('.').next().unwrap();
        assert!(!logs.contains(signature), "a token is in the logs");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invite_links_minted_on_the_command_line_open_the_meeting() {
    let output = Process::new(server_binary())
        .arg("invites")
        .arg(workspace_root().join("examples/demo-meeting.toml"))
        .args(["--public-url", "https://meet.example.org/"])
        .env("MEETING_SECRET", SECRET)
        .output()
        .await
        .expect("run `server invites`");
    assert!(output.status.success(), "{output:?}");
    let printed = String::from_utf8(output.stdout).unwrap();
    let links: Vec<&str> = printed
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with("https://meet.example.org/#token="))
        .collect();
    assert_eq!(links.len(), 16, "one per participant: {printed}");

    // The chair's link opens the meeting on a server with the same secret.
    let data_dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(data_dir.path()).await;
    let chair_line = printed
        .lines()
        .position(|line| line.trim_start().starts_with("chair "))
        .expect("the chair is listed");
    let link = printed.lines().nth(chair_line + 1).unwrap().trim();
    let token = link.split_once("#token=").unwrap().1;
    let mut client = WsClient::connect(&server.ws_url).await.unwrap();
    let welcome = client.hello(token, None).await.unwrap();
    assert_eq!(welcome.you.role, Role::Chair);
    server.kill().await;

    // Without a secret, and no server's secret in the data directory, nothing is minted.
    let empty = tempfile::tempdir().unwrap();
    let refused = Process::new(server_binary())
        .arg("invites")
        .arg(workspace_root().join("examples/demo-meeting.toml"))
        .arg("--data-dir")
        .arg(empty.path())
        .env_remove("MEETING_SECRET")
        .output()
        .await
        .unwrap();
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("--secret"),
        "the refusal says what to give: {said}"
    );
}

/// `server invites … | head`: when the reader goes away, the command stops quietly and
/// successfully, as command-line tools do, instead of panicking on the broken pipe.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn printing_invites_into_a_closed_pipe_stops_quietly() {
    for command in ["invites", "admin-token"] {
        let mut child = Process::new(server_binary())
            .arg(command)
            .args(
                (command == "invites")
                    .then(|| workspace_root().join("examples/demo-meeting.toml"))
                    .as_slice(),
            )
            .env("MEETING_SECRET", SECRET)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader is gone before the first line is written.
        drop(child.stdout.take());
        let output = tokio::time::timeout(Duration::from_secs(30), child.wait_with_output())
            .await
            .expect("it ends")
            .unwrap();
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "{command}: {:?}: {said}",
            output.status
        );
        assert!(!said.contains("panicked"), "{command}: {said}");
    }
}

/// A server started without `--secret` generates its signing secret once, keeps it in its
/// data directory (readable by its user only, never logged), and signs with it again
/// after a restart: invite links sent out before the restart still open the meeting, and
/// an open tab reconnects by itself, without a reload.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invite_links_outlive_a_restart_without_a_secret_and_open_tabs_resume() {
    use tests::browser::{Chromedriver, client_dist};
    let data_dir = tempfile::tempdir().unwrap();
    let addr = format!("127.0.0.1:{}", tests::process::free_port());
    let dist = client_dist().display().to_string();
    let extra = ["--static-dir", dist.as_str()];
    let log_path = data_dir.path().join("first.log");
    let log = Stdio::from(std::fs::File::create(&log_path).unwrap());
    let server = ServerProcess::start_as(data_dir.path(), &addr, None, "info", log, &extra).await;
    let link = server.invite_link("chair");
    let token = link.split_once("#token=").unwrap().1.to_owned();

    let secret_file = data_dir.path().join("secret");
    let kept = std::fs::read_to_string(&secret_file).expect("the secret is kept");
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&secret_file)
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "only the server's user may read it");
    }
    let logs = std::fs::read_to_string(&log_path).unwrap();
    assert!(
        logs.contains(&secret_file.display().to_string()),
        "the log says where: {logs}"
    );
    assert!(
        !logs.contains(kept.trim()),
        "the log never shows the secret"
    );

    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let chair = driver.session().await.expect("a browser");
    let outcome = async {
        chair.open(&link).await?;
        chair
            .wait_for("#connection-status[data-state='connected']")
            .await?;
        chair.wait_for("#meeting-title").await?;
        server.kill().await;
        chair
            .wait_for("#connection-status[data-state='reconnecting']")
            .await?;

        let server =
            ServerProcess::start_as(data_dir.path(), &addr, None, "warn", Stdio::null(), &extra)
                .await;
        // The open tab comes back by itself, still the chair, not refused.
        chair
            .wait_for("#connection-status[data-state='connected']")
            .await?;
        anyhow::ensure!(!chair.has("#failure-reason").await?, "the tab was refused");
        chair.wait_for_text("#you", "Chair").await?;
        // The link minted before the restart is welcomed by a new client too, and a reload
        // of the tab joins again.
        let mut client = WsClient::connect(&server.ws_url).await?;
        let welcome = client.hello(&token, None).await?;
        anyhow::ensure!(welcome.you.role == Role::Chair);
        chair.reload().await?;
        chair
            .wait_for("#connection-status[data-state='connected']")
            .await?;
        anyhow::ensure!(
            !chair.has("#failure-reason").await?,
            "the reload was refused"
        );
        anyhow::ensure!(
            std::fs::read_to_string(&secret_file)? == kept,
            "the secret was never replaced"
        );
        server.kill().await;
        Ok(())
    }
    .await;
    chair.close().await;
    outcome.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_now_moves_the_demo_to_the_current_minute() {
    let data_dir = tempfile::tempdir().unwrap();
    let before = server::meeting::unix_millis();
    let server =
        ServerProcess::start_with(data_dir.path(), "warn", Stdio::null(), &["--start-now"]).await;
    let keys = Keys::new(&Secret::new(SECRET).unwrap());
    let meeting = MeetingId::new("victim-assistance-2020");
    let mut client = WsClient::connect(&server.ws_url).await.unwrap();
    let token = keys.mint(&meeting, &numbered_attendee(1), Duration::from_secs(60));
    let state = client.hello(&token, None).await.unwrap().meeting.unwrap();
    let after = server::meeting::unix_millis();
    let minute = |ms: u64| protocol::time::rfc3339(ms / 60_000 * 60_000)[..16].to_owned();
    let start = &state.info.scheduled_start;
    assert!(start.ends_with(":00Z"), "{start}");
    assert!(
        [minute(before), minute(after)].contains(&start[..16].to_owned()),
        "{start} is not the minute the server started"
    );
    server.kill().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_meeting_created_and_updated_through_the_api_survives_a_sigkill() {
    let minted = Process::new(server_binary())
        .arg("admin-token")
        .env("MEETING_SECRET", SECRET)
        .output()
        .await
        .expect("run `server admin-token`");
    assert!(minted.status.success(), "{minted:?}");
    let admin = String::from_utf8(minted.stdout).unwrap().trim().to_owned();
    let data_dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(data_dir.path()).await;
    let addr = server.addr();
    let created = put_pop_up(addr, &admin, "First").await;
    assert_eq!(created.status, 201, "{}", created.body);
    let updated = put_pop_up(addr, &admin, "Second").await;
    assert_eq!(updated.status, 200, "{}", updated.body);
    server.kill().await;

    // Hosted again from the data directory, without `--meeting`, as updated.
    let server = ServerProcess::start(data_dir.path()).await;
    let keys = Keys::new(&Secret::new(SECRET).unwrap());
    let token = keys.mint(
        &MeetingId::new("pop-up"),
        &numbered_attendee(1),
        Duration::from_secs(60),
    );
    let mut client = WsClient::connect(&server.ws_url).await.unwrap();
    let state = client.hello(&token, None).await.unwrap().meeting.unwrap();
    assert_eq!(state.seq, 1, "the update is in the log");
    let title = &state.agenda[0].title;
    assert_eq!(title.0.values().next().map(String::as_str), Some("Second"));
    server.kill().await;
}

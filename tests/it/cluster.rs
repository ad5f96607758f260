//! Several server nodes sharing one meeting through a real Redis (Debian's
//! `redis-server`): every node delivers the same events in the same order, a concurrent
//! burst through all nodes loses and duplicates nothing, and a Redis restart is waited out
//! (`unavailable`, not ready) without losing what was acknowledged. A link revoked
//! through one node cuts off its holder on another, over a WebSocket and in a browser.

use protocol::{Command, ErrorCode, EventEnvelope, MeetingId, Participant, ParticipantId, Role};
use server::auth::{Keys, Secret};
use std::collections::HashSet;
use std::process::Stdio;
use std::time::Duration;
use tests::process::{RedisProcess, SECRET, ServerProcess, put_pop_up};
use tests::{WsClient, waiting};

const MEETING: &str = "victim-assistance-2020";

fn keys() -> Keys {
    Keys::new(&Secret::new(SECRET).unwrap())
}

fn person(id: &str, role: Role) -> Participant {
    Participant {
        id: ParticipantId::new(id),
        name: id.to_uppercase(),
        role,
        delegation: None,
        booth: None,
        languages: vec![],
    }
}

fn token(who: &Participant) -> String {
    keys().mint(&MeetingId::new(MEETING), who, Duration::from_secs(600))
}

async fn join(node: &ServerProcess, who: &Participant) -> WsClient {
    let mut client = WsClient::connect(&node.ws_url).await.unwrap();
    client.hello(&token(who), None).await.unwrap();
    client
}

/// `count` nodes on one Redis, each with its own data directory.
async fn nodes(redis: &RedisProcess, count: usize) -> (Vec<ServerProcess>, Vec<tempfile::TempDir>) {
    let mut nodes = Vec::new();
    let mut dirs = Vec::new();
    for _ in 0..count {
        let dir = tempfile::tempdir().unwrap();
        let node = ServerProcess::start_with(
            dir.path(),
            "warn",
            Stdio::null(),
            &["--store", &redis.url()],
        )
        .await;
        nodes.push(node);
        dirs.push(dir);
    }
    (nodes, dirs)
}

/// Who waits in the active list, in order, as a fresh organiser on `node` sees it.
async fn waiting_on(node: &ServerProcess) -> Vec<String> {
    let mut organiser = WsClient::connect(&node.ws_url).await.unwrap();
    let state = organiser
        .hello(&token(&person("organiser", Role::Organiser)), None)
        .await
        .unwrap()
        .meeting
        .unwrap();
    waiting(&state)
}

/// The next `count` events a client receives.
async fn events(client: &mut WsClient, count: usize) -> Vec<EventEnvelope> {
    let mut events = Vec::with_capacity(count);
    for _ in 0..count {
        events.push(client.next_event().await.unwrap());
    }
    events
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_node_delivers_the_same_events_and_a_burst_through_all_loses_nothing() {
    let redis = RedisProcess::start().await;
    let (nodes, _dirs) = nodes(&redis, 3).await;
    // An organiser on each node gets every event.
    let mut organisers = Vec::new();
    for (number, node) in nodes.iter().enumerate() {
        organisers.push(
            join(
                node,
                &person(&format!("organiser-{number}"), Role::Organiser),
            )
            .await,
        );
    }
    // The chair on the first node moves the agenda; attendees spread over all nodes raise
    // their hands at once.
    let mut chair = join(&nodes[0], &person("chair", Role::Chair)).await;
    chair.request(Command::next_item()).await.unwrap();
    const HANDS: usize = 45;
    let mut attendees = Vec::new();
    for number in 0..HANDS {
        let who = person(&format!("delegate-{number}"), Role::Attendee);
        attendees.push(join(&nodes[number % nodes.len()], &who).await);
    }
    let hands = attendees
        .iter_mut()
        .map(|client| async move { client.request(Command::raise_hand()).await });
    let acked = futures_util::future::join_all(hands).await;
    assert!(
        acked.iter().all(Result::is_ok),
        "every hand acknowledged: {acked:?}"
    );

    // Every node delivered the same events in the same order.
    let mut sequences = Vec::new();
    for organiser in &mut organisers {
        let received = events(organiser, 1 + HANDS).await;
        let seqs: Vec<u64> = received.iter().map(|event| event.seq).collect();
        let expected: Vec<u64> = (1..=1 + HANDS as u64).collect();
        assert_eq!(seqs, expected, "every seq once, none skipped");
        let text: Vec<String> = received
            .iter()
            .map(|event| serde_json::to_string(event).unwrap())
            .collect();
        sequences.push(text);
    }
    assert_eq!(sequences[0], sequences[1]);
    assert_eq!(sequences[0], sequences[2]);

    // A newcomer on any node sees every hand exactly once.
    let (_, welcome) = {
        let mut late = WsClient::connect(&nodes[2].ws_url).await.unwrap();
        let welcome = late
            .hello(&token(&person("late", Role::Organiser)), None)
            .await
            .unwrap();
        (late, welcome)
    };
    let state = welcome.meeting.unwrap();
    let list = state.active_list().unwrap();
    let people: HashSet<&str> = list.queue.iter().map(|r| r.participant.as_str()).collect();
    assert_eq!(list.queue.len(), HANDS);
    assert_eq!(people.len(), HANDS);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redis_restart_is_waited_out_and_nothing_acknowledged_is_lost() {
    let mut redis = RedisProcess::start().await;
    let (nodes, _dirs) = nodes(&redis, 2).await;
    let mut first = join(&nodes[0], &person("delegate-1", Role::Attendee)).await;
    let mut second = join(&nodes[1], &person("delegate-2", Role::Attendee)).await;
    first.request(Command::raise_hand()).await.unwrap();

    redis.kill().await;
    // Not ready, and commands are refused as `unavailable`, not lost silently.
    let ready = |node: &ServerProcess| {
        let addr = node.addr();
        async move { tests::http_request(addr, "/readyz", &[]).await.status }
    };
    let mut waited = 0;
    while ready(&nodes[1]).await == 200 {
        waited += 1;
        assert!(waited < 100, "the node still says it is ready");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (code, _) = second.request(Command::raise_hand()).await.unwrap_err();
    assert_eq!(code, ErrorCode::Unavailable);

    redis.restart().await;
    let mut waited = 0;
    while ready(&nodes[1]).await != 200 || ready(&nodes[0]).await != 200 {
        waited += 1;
        assert!(waited < 150, "the nodes do not recover");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The refused hand can be raised now; the acknowledged one is still there.
    let mut tries = 0;
    loop {
        match second.request(Command::raise_hand()).await {
            Ok(_) => break,
            Err((ErrorCode::Unavailable, _)) if tries < 20 => {
                tries += 1;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(other) => panic!("{other:?}"),
        }
    }
    // Node 0 hears of the hand node 1 just stored through Redis's announcement, a moment
    // later: a fresh view of node 0 shows both hands once it has.
    let mut waiting = waiting_on(&nodes[0]).await;
    for _ in 0..50 {
        if waiting.len() >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        waiting = waiting_on(&nodes[0]).await;
    }
    assert!(waiting.iter().any(|who| who == "delegate-1"), "{waiting:?}");
    assert!(waiting.iter().any(|who| who == "delegate-2"), "{waiting:?}");
    assert_eq!(waiting.len(), 2, "{waiting:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_killed_mid_burst_loses_nothing_acknowledged_and_its_clients_resume_elsewhere() {
    let redis = RedisProcess::start().await;
    let (mut nodes, _dirs) = nodes(&redis, 2).await;
    let survivor = nodes.pop().unwrap();
    let doomed = nodes.pop().unwrap();
    let mut organiser = join(&survivor, &person("organiser", Role::Organiser)).await;
    const EACH: usize = 40;
    let mut clients = Vec::new();
    for number in 0..2 * EACH {
        let node = if number < EACH { &doomed } else { &survivor };
        let who = person(&format!("delegate-{number}"), Role::Attendee);
        let mut client = WsClient::connect(&node.ws_url).await.unwrap();
        let welcome = client.hello(&token(&who), None).await.unwrap();
        clients.push((who, client, welcome.seq));
    }
    // Every hand goes up at once; the first node dies in the middle of it.
    let burst = clients.into_iter().map(|(who, mut client, seq)| {
        tokio::spawn(async move {
            let acked = client.request(Command::raise_hand()).await.is_ok();
            (who, acked, seq)
        })
    });
    let burst: Vec<_> = burst.collect();
    tokio::time::sleep(Duration::from_millis(15)).await;
    doomed.kill().await;
    let mut outcomes = Vec::new();
    for task in burst {
        outcomes.push(task.await.unwrap());
    }
    let acked: HashSet<String> = outcomes
        .iter()
        .filter(|(_, acked, _)| *acked)
        .map(|(who, _, _)| who.id.to_string())
        .collect();
    assert!(
        outcomes[EACH..].iter().all(|(_, acked, _)| *acked),
        "the survivor's clients are all acknowledged"
    );

    // The dead node's clients reconnect to the survivor and resume from where they were.
    for (who, _, seq) in &outcomes[..EACH] {
        let mut client = WsClient::connect(&survivor.ws_url).await.unwrap();
        let welcome = client.hello(&token(who), Some(*seq)).await.unwrap();
        assert!(welcome.resumed || welcome.meeting.is_some());
    }

    // Every acknowledged hand is in the list exactly once; nobody is twice.
    let mut late = WsClient::connect(&survivor.ws_url).await.unwrap();
    let state = late
        .hello(&token(&person("late", Role::Organiser)), None)
        .await
        .unwrap()
        .meeting
        .unwrap();
    let queue = waiting(&state);
    let distinct: HashSet<&String> = queue.iter().collect();
    assert_eq!(distinct.len(), queue.len(), "nobody twice");
    for who in &acked {
        assert!(
            distinct.contains(who),
            "{who} was acknowledged but is missing"
        );
    }
    // The organiser on the survivor saw every seq once, in order.
    let seen = events(&mut organiser, queue.len()).await;
    let seqs: Vec<u64> = seen.iter().map(|event| event.seq).collect();
    let expected: Vec<u64> = (1..=queue.len() as u64).collect();
    assert_eq!(seqs, expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_balances_websockets_over_the_nodes_as_deploy_nginx_conf_says() {
    let redis = RedisProcess::start().await;
    let (nodes, _dirs) = nodes(&redis, 2).await;
    let addrs: Vec<_> = nodes.iter().map(ServerProcess::addr).collect();
    let nginx = tests::process::NginxProcess::start(&addrs).await;
    // Through nginx: connections spread over both nodes, and everyone sees everyone.
    let mut organiser = WsClient::connect(&nginx.ws_url()).await.unwrap();
    organiser
        .hello(&token(&person("organiser", Role::Organiser)), None)
        .await
        .unwrap();
    let mut delegates = Vec::new();
    for number in 0..4 {
        let mut client = WsClient::connect(&nginx.ws_url()).await.unwrap();
        let who = person(&format!("delegate-{number}"), Role::Attendee);
        client.hello(&token(&who), None).await.unwrap();
        delegates.push(client);
    }
    for node in &nodes {
        let metrics = tests::http_get(node.addr(), "/metrics").await;
        let attendees = metrics
            .lines()
            .find(|line| line.starts_with("meeting_connections{") && line.contains("attendee"))
            .and_then(|line| line.rsplit(' ').next())
            .and_then(|count| count.parse::<f64>().ok())
            .unwrap_or(0.0);
        assert!(attendees >= 1.0, "{} got none:\n{metrics}", node.addr());
    }
    for delegate in &mut delegates {
        delegate.request(Command::raise_hand()).await.unwrap();
    }
    let seen = events(&mut organiser, 4).await;
    let seqs: Vec<u64> = seen.iter().map(|event| event.seq).collect();
    assert_eq!(seqs, [1, 2, 3, 4]);
    // The page and the health check come through too.
    let ready = tests::http_request(
        format!("127.0.0.1:{}", nginx.port).parse().unwrap(),
        "/readyz",
        &[],
    )
    .await;
    assert_eq!(ready.status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_meeting_created_on_one_node_is_joined_and_updated_through_another() {
    let redis = RedisProcess::start().await;
    let (nodes, _dirs) = nodes(&redis, 2).await;
    let admin = keys().mint_admin(Duration::from_secs(60));
    let created = put_pop_up(nodes[0].addr(), &admin, "First").await;
    assert_eq!(created.status, 201, "{}", created.body);

    // The other node hosts it as soon as someone of it arrives there.
    let who = person("delegate", Role::Attendee);
    let token = keys().mint(&MeetingId::new("pop-up"), &who, Duration::from_secs(60));
    let mut client = WsClient::connect(&nodes[1].ws_url).await.unwrap();
    let welcome = client.hello(&token, None).await.unwrap();
    assert_eq!(welcome.meeting.unwrap().info.id.as_str(), "pop-up");

    // An update through either node reaches everyone.
    let updated = put_pop_up(nodes[1].addr(), &admin, "Second").await;
    assert_eq!(updated.status, 200, "{}", updated.body);
    let event = client.next_event().await.unwrap();
    assert!(
        matches!(event.event, protocol::Event::MeetingUpdated { .. }),
        "{event:?}"
    );
    let again = put_pop_up(nodes[0].addr(), &admin, "Second").await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert!(again.body.contains("\"changed\":false"), "{}", again.body);
}

/// Redis runs an append, and its reply is lost on the way back (the connection breaks
/// right then): the node asks Redis what became of that batch before it answers, so the
/// hand is acknowledged (it is stored), shown by the node at once, and the next command
/// follows it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_append_whose_reply_is_lost_is_answered_with_what_redis_holds() {
    let redis = RedisProcess::start().await;
    let proxy = tests::proxy::Proxy::start(([127, 0, 0, 1], redis.port).into()).await;
    let dir = tempfile::tempdir().unwrap();
    let through_proxy = format!("redis://{}/0", proxy.addr);
    let node = ServerProcess::start_with(
        dir.path(),
        "warn",
        Stdio::null(),
        &["--store", &through_proxy],
    )
    .await;
    let mut first = join(&node, &person("delegate-1", Role::Attendee)).await;
    // The append script's answer: a two-element array whose first element is 1 (written).
    proxy.lose_next_reply_starting_with(b"*2\r\n:1\r\n");
    let answer = first.request(Command::raise_hand()).await;
    assert!(proxy.lost(), "the reply was lost on its way");
    assert_eq!(answer, Ok(1), "stored, so acknowledged");
    // The node's own state has it, once, and the meeting goes on after it.
    let mut second = join(&node, &person("delegate-2", Role::Attendee)).await;
    assert_eq!(second.request(Command::raise_hand()).await, Ok(2));
    assert_eq!(waiting_on(&node).await, ["delegate-1", "delegate-2"]);
    node.kill().await;
}

/// Redis is killed in the middle of a burst and started again 2 s later, several times:
/// every acknowledged hand is in the log exactly once, no hand answered `unavailable` is
/// there, and the node shows exactly what the log holds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redis_killed_mid_burst_leaves_every_answer_true() {
    const HANDS: usize = 40;
    let mut redis = RedisProcess::start().await;
    let dir = tempfile::tempdir().unwrap();
    let node = ServerProcess::start_with(
        dir.path(),
        "warn",
        Stdio::null(),
        &["--store", &redis.url()],
    )
    .await;
    for trial in 0..4 {
        let mut clients = Vec::new();
        for number in 0..HANDS {
            let who = person(&format!("t{trial}-delegate-{number}"), Role::Attendee);
            clients.push((who.clone(), join(&node, &who).await));
        }
        let burst: Vec<_> = clients
            .into_iter()
            .enumerate()
            .map(|(number, (who, mut client))| {
                tokio::spawn(async move {
                    // Spread over about 400 ms, so that the kill lands inside.
                    tokio::time::sleep(Duration::from_millis(number as u64 * 10)).await;
                    (who, client.request(Command::raise_hand()).await)
                })
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(100 + 50 * trial as u64)).await;
        redis.kill().await;
        tokio::time::sleep(Duration::from_secs(2)).await;
        redis.restart().await;
        let mut acknowledged = HashSet::new();
        let mut refused = HashSet::new();
        for task in burst {
            let (who, answer) = task.await.unwrap();
            match answer {
                Ok(_) => {
                    acknowledged.insert(who.id.to_string());
                }
                Err((ErrorCode::Unavailable, _)) => {
                    refused.insert(who.id.to_string());
                }
                // No answer (the connection was closed to resume): either is true.
                Err(_) => {}
            }
        }
        // What the node shows, once it is ready again, is what the log holds: a node
        // started afterwards reads the log alone.
        let ready = node.addr();
        let mut waited = 0;
        while tests::http_request(ready, "/readyz", &[]).await.status != 200 {
            waited += 1;
            assert!(waited < 150, "the node does not recover");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let fresh_dir = tempfile::tempdir().unwrap();
        let fresh = ServerProcess::start_with(
            fresh_dir.path(),
            "warn",
            Stdio::null(),
            &["--store", &redis.url()],
        )
        .await;
        let this_trial = |waiting: Vec<String>| -> Vec<String> {
            waiting
                .into_iter()
                .filter(|participant| participant.starts_with(&format!("t{trial}-")))
                .collect()
        };
        let in_log = this_trial(waiting_on(&fresh).await);
        let on_node = this_trial(waiting_on(&node).await);
        fresh.kill().await;
        let distinct: HashSet<&String> = in_log.iter().collect();
        assert_eq!(distinct.len(), in_log.len(), "trial {trial}: nobody twice");
        for who in &acknowledged {
            assert!(
                distinct.contains(who),
                "trial {trial}: acknowledged {who} is missing"
            );
        }
        for who in &refused {
            assert!(
                !distinct.contains(who),
                "trial {trial}: {who} was refused but stored"
            );
        }
        assert_eq!(
            on_node, in_log,
            "trial {trial}: the node shows what the log holds"
        );
        eprintln!(
            "trial {trial}: {} acknowledged, {} refused, {} stored",
            acknowledged.len(),
            refused.len(),
            in_log.len()
        );
    }
    node.kill().await;
}

/// A link revoked through one node's participants API cuts off the attendee connected
/// to another node at once (close code 4411), and the old token is refused at `hello`
/// on both nodes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_link_revoked_through_one_node_cuts_off_its_holder_on_another() {
    use protocol::close;
    let redis = RedisProcess::start().await;
    let (nodes, _dirs) = nodes(&redis, 2).await;
    let peru = person("peru", Role::Attendee);
    let old = token(&peru);
    let attendee = join(&nodes[1], &peru).await;
    // The revocation is there before the attendee's node learns of it through Redis.
    let organiser = token(&person("organiser", Role::Organiser));
    let bearer = format!("Bearer {organiser}");
    let started = std::time::Instant::now();
    let revoked = tests::http_send(
        nodes[0].addr(),
        "POST",
        &format!("/api/meetings/{MEETING}/participants/peru/revoke"),
        &[("Authorization", &bearer)],
        "",
    )
    .await;
    let answered = started.elapsed();
    assert_eq!(revoked.status, 200, "{}", revoked.body);
    let closed = attendee.closed().await.unwrap();
    let cut_off = started.elapsed();
    assert_eq!(closed.code, Some(close::LINK_REVOKED));
    assert!(
        cut_off < answered + Duration::from_secs(1),
        "cut off {cut_off:?} after the revocation was asked, answered after {answered:?}"
    );
    for node in &nodes {
        let mut client = WsClient::connect(&node.ws_url).await.unwrap();
        let hello = protocol::ClientMessage::Hello(protocol::Hello {
            token: old.clone(),
            protocol: protocol::PROTOCOL_VERSION,
            since: None,
        });
        client.send_message(&hello).await.unwrap();
        assert_eq!(
            client.closed().await.unwrap().code,
            Some(close::LINK_REVOKED),
            "the old token at {}",
            node.ws_url
        );
    }
}

/// The same in a real browser: the attendee's page is served by node B; the organiser
/// revokes the link through node A; the page says why within a second and stays put.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_browser_on_another_node_is_told_its_link_was_withdrawn() {
    use tests::browser::{Chromedriver, client_dist};
    let redis = RedisProcess::start().await;
    let dist = client_dist();
    let dist = dist.to_str().expect("a UTF-8 path");
    let mut nodes = Vec::new();
    let mut dirs = Vec::new();
    for _ in 0..2 {
        let dir = tempfile::tempdir().unwrap();
        let extra = ["--store", &redis.url(), "--static-dir", dist];
        nodes.push(ServerProcess::start_with(dir.path(), "warn", Stdio::null(), &extra).await);
        dirs.push(dir);
    }
    let driver = Chromedriver::start().await.expect("chromedriver starts");
    let attendee = driver.session().await.expect("the attendee's browser");
    let outcome = async {
        let peru = person("peru", Role::Attendee);
        attendee
            .open(&format!(
                "http://{}/#token={}",
                nodes[1].addr(),
                token(&peru)
            ))
            .await?;
        attendee
            .wait_for("#connection-status[data-state='connected']")
            .await?;
        let bearer = format!("Bearer {}", token(&person("organiser", Role::Organiser)));
        let revoked = tests::http_send(
            nodes[0].addr(),
            "POST",
            &format!("/api/meetings/{MEETING}/participants/peru/revoke"),
            &[("Authorization", &bearer)],
            "",
        )
        .await;
        let answered = std::time::Instant::now();
        anyhow::ensure!(revoked.status == 200, "{}", revoked.body);
        attendee
            .wait_for_text("#failure-reason", "withdrawn this invite link")
            .await?;
        let told_after = answered.elapsed();
        anyhow::ensure!(
            told_after < Duration::from_secs(1),
            "told {told_after:?} after the revocation was answered"
        );
        // It stays told: no reconnection brings the meeting back.
        tokio::time::sleep(Duration::from_secs(2)).await;
        anyhow::ensure!(attendee.has("#failure-reason").await?);
        Ok::<_, anyhow::Error>(())
    }
    .await;
    attendee.close().await;
    outcome.unwrap();
}

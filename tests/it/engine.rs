//! Durability, recovery and limits of the real-time engine, over real sockets with a real
//! SQLite log.

use protocol::{ClientMessage, Command, ErrorCode, ItemId, ServerMessage, close};
use std::time::Duration;
use tests::{TestServer, WsClient, id};

#[tokio::test]
async fn a_restarted_server_rebuilds_meetings_from_the_log_and_clients_resume() {
    let server = TestServer::start_with(|config| config.limits.snapshot_every = 3).await;
    let (mut chair, _) = server.join("chair").await;
    let (mut peru, _) = server.join("peru").await;
    for _ in 0..3 {
        chair.request(Command::next_item()).await.unwrap();
    }
    peru.request(Command::raise_hand()).await.unwrap();
    // The discussion's list also holds the two requests made at registration.
    chair
        .request(Command::GiveFloor {
            request: None,
            participant: Some(id("peru")),
            name: None,
            delegation: None,
            language: None,
        })
        .await
        .unwrap();
    // Seq 6: the floor now speaks Peru's language.
    let before = server.join("colombia").await.1.meeting.unwrap();
    assert_eq!(before.seq, 6);

    // A second server on the same log.
    drop((chair, peru));
    let restarted = server.restart().await;
    let (_, welcome) = restarted.join("colombia").await;
    assert_eq!(*welcome.meeting.unwrap(), *before);

    // A client that saw seq 2 before the restart resumes with exactly what it missed:
    // the organiser, who manages the list, every event …
    let mut back = WsClient::connect(&restarted.ws_url()).await.unwrap();
    let welcome = back
        .hello(&restarted.token("organiser"), Some(2))
        .await
        .unwrap();
    assert!(welcome.resumed);
    let seqs = [
        back.next_event().await.unwrap().seq,
        back.next_event().await.unwrap().seq,
        back.next_event().await.unwrap().seq,
        back.next_event().await.unwrap().seq,
    ];
    assert_eq!(seqs, [3, 4, 5, 6]);
    // … and an attendee the events outside the list, then the list as it stands.
    let mut peru = WsClient::connect(&restarted.ws_url()).await.unwrap();
    let welcome = peru.hello(&restarted.token("peru"), Some(2)).await.unwrap();
    assert!(welcome.resumed);
    assert_eq!(peru.next_event().await.unwrap().seq, 3);
    assert_eq!(peru.next_event().await.unwrap().seq, 6);
    let view = peru.next_view().await.unwrap();
    assert_eq!(view.seq, 6);
    assert_eq!(view.floor.unwrap().participant, id("peru"));
    assert_eq!(view.list.unwrap().length, 2);
    // And the meeting goes on from there.
    let (mut chair, _) = restarted.join("chair").await;
    assert_eq!(chair.request(Command::EndFloor).await, Ok(7));
}

#[tokio::test]
async fn a_silent_client_is_closed_by_the_heartbeat_and_a_live_one_is_not() {
    let server = TestServer::start_with(|config| {
        config.limits.heartbeat_interval = Duration::from_millis(300);
    })
    .await;
    let (silent, _) = server.join("peru").await;
    let (mut live, _) = server.join("colombia").await;
    // The live client reads (and so answers pings) for several intervals.
    let (mut chair, _) = server.join("chair").await;
    chair.request(Command::next_item()).await.unwrap();
    live.next_event().await.unwrap();
    for round in 0..8 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let command = if round % 2 == 0 {
            Command::next_item()
        } else {
            Command::previous_item()
        };
        chair.request(command).await.unwrap();
        live.next_event().await.unwrap();
    }
    let closed = silent.closed().await.unwrap();
    assert_eq!(closed.code, Some(close::HEARTBEAT_TIMEOUT));
    assert_eq!(live.request(Command::raise_hand()).await, Ok(10));
}

#[tokio::test]
async fn an_expired_session_is_closed_unless_the_token_is_refreshed() {
    let server = TestServer::start().await;
    let short = server.claims("peru", 1);
    let mut expiring = WsClient::connect(&server.ws_url()).await.unwrap();
    let welcome = expiring
        .hello(&server.keys.sign(&short), None)
        .await
        .unwrap();
    assert_eq!(welcome.token_expires_at, short.exp);

    let mut refreshed = WsClient::connect(&server.ws_url()).await.unwrap();
    refreshed
        .hello(&server.keys.sign(&server.claims("colombia", 1)), None)
        .await
        .unwrap();
    // Someone else's token is refused and changes nothing.
    let foreign = server.keys.sign(&server.claims("peru", 600));
    refreshed
        .send_message(&ClientMessage::RefreshToken {
            id: 1,
            token: foreign,
        })
        .await
        .unwrap();
    assert!(matches!(
        refreshed.recv().await.unwrap(),
        ServerMessage::Error {
            id: Some(1),
            code: ErrorCode::Unauthorized,
            ..
        }
    ));
    let fresh = server.claims("colombia", 600);
    refreshed
        .send_message(&ClientMessage::RefreshToken {
            id: 2,
            token: server.keys.sign(&fresh),
        })
        .await
        .unwrap();
    assert_eq!(
        refreshed.recv().await.unwrap(),
        ServerMessage::TokenRefreshed {
            id: 2,
            expires_at: fresh.exp
        }
    );

    // The first token's expiry (plus the leeway) passes.
    tokio::time::sleep(Duration::from_secs(1 + server::auth::LEEWAY_SECONDS + 1)).await;
    let closed = expiring.closed().await.unwrap();
    assert_eq!(closed.code, Some(close::TOKEN_EXPIRED));
    assert!(
        matches!(
            closed.before.as_slice(),
            [ServerMessage::Error {
                code: ErrorCode::Unauthorized,
                ..
            }]
        ),
        "{:?}",
        closed.before
    );
    assert_eq!(refreshed.request(Command::raise_hand()).await, Ok(1));
}

#[tokio::test]
async fn a_flooding_client_is_rate_limited_then_closed() {
    let server = TestServer::start().await;
    let (mut flooder, _) = server.join("peru").await;
    let limits = server::limits::Limits::default();
    let mut rate_limited = 0;
    for _ in 0..limits.command_burst + 5 {
        match flooder.request(Command::LowerHand { request: None }).await {
            Err((ErrorCode::RateLimited, _)) => rate_limited += 1,
            Err((ErrorCode::Conflict, _)) => {}
            other => panic!("unexpected answer {other:?}"),
        }
    }
    assert!(rate_limited >= 4, "only {rate_limited} rate limited");
    for _ in 0..limits.rate_limited_before_close {
        if flooder.send(Command::raise_hand()).await.is_err() {
            break;
        }
    }
    let closed = flooder.closed().await.unwrap();
    assert_eq!(closed.code, Some(close::POLICY_VIOLATION));
    // Others are not affected.
    let (mut other, _) = server.join("colombia").await;
    assert_eq!(other.request(Command::raise_hand()).await, Ok(1));
}

#[tokio::test]
async fn a_participant_cannot_open_more_than_the_allowed_connections() {
    let server = TestServer::start().await;
    let cap = server::limits::Limits::default().connections_per_participant;
    let mut open = Vec::new();
    for _ in 0..cap {
        open.push(server.join("peru").await.0);
    }
    let mut one_too_many = WsClient::connect(&server.ws_url()).await.unwrap();
    let hello = one_too_many.hello(&server.token("peru"), None).await;
    assert!(hello.is_err());
    let closed = one_too_many.closed().await;
    // The error and the close may already have been read by `hello`.
    if let Ok(closed) = closed {
        assert!(closed.code.is_none() || closed.code == Some(close::TOO_MANY_CONNECTIONS));
    }
    // Closing one makes room again.
    open.pop().unwrap().close().await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    let (_, welcome) = server.join("peru").await;
    assert_eq!(welcome.you.id, id("peru"));
}

#[tokio::test]
async fn the_extra_connection_is_told_why() {
    let server =
        TestServer::start_with(|config| config.limits.connections_per_participant = 1).await;
    let (_first, _) = server.join("peru").await;
    let mut second = WsClient::connect(&server.ws_url()).await.unwrap();
    second
        .send_message(&ClientMessage::Hello(protocol::Hello {
            token: server.token("peru"),
            protocol: protocol::PROTOCOL_VERSION,
            since: None,
        }))
        .await
        .unwrap();
    let closed = second.closed().await.unwrap();
    assert_eq!(closed.code, Some(close::TOO_MANY_CONNECTIONS));
    assert!(matches!(
        closed.before.as_slice(),
        [ServerMessage::Error {
            code: ErrorCode::RateLimited,
            ..
        }]
    ));
}

#[tokio::test]
async fn a_client_that_stops_reading_is_cut_off_and_the_others_keep_up() {
    // Each cycle is three events, two of which carry the speaker's 8 KiB name, so a few
    // dozen cycles overflow the bounded socket buffers and queue of a client that stops
    // reading.
    const CYCLES: usize = 40;
    let server = TestServer::start_with(|config| {
        config.limits.outbound_bytes = 64 * 1024;
        config.limits.commands_per_second = 1_000_000;
        config.limits.command_burst = 1_000_000;
    })
    .await;
    let (mut chair, _) = server.join("chair").await;
    let mut speaker_claims = server.claims("peru", 600);
    speaker_claims.who.name = "Delegate of Peru ".repeat(8 * 1024 / 17);
    let mut speaker = WsClient::connect(&server.ws_url()).await.unwrap();
    speaker
        .hello(&server.keys.sign(&speaker_claims), None)
        .await
        .unwrap();
    // Both watchers manage the list (organisers), so they get every event.
    let organiser = |id: &str| {
        let mut claims = server.claims(id, 600);
        claims.who.role = protocol::Role::Organiser;
        server.keys.sign(&claims)
    };
    let mut slow = WsClient::connect_with_small_buffer(server.addr, &server.ws_url())
        .await
        .unwrap();
    slow.hello(&organiser("senegal"), None).await.unwrap();
    let mut fast = WsClient::connect(&server.ws_url()).await.unwrap();
    fast.hello(&organiser("colombia"), None).await.unwrap();

    let reader = tokio::spawn(async move {
        let mut seqs = Vec::with_capacity(3 * CYCLES);
        while seqs.len() < 3 * CYCLES {
            let event = fast
                .next_event()
                .await
                .expect("the fast client keeps receiving");
            seqs.push(event.seq);
        }
        seqs
    });
    for _ in 0..CYCLES {
        speaker.request(Command::raise_hand()).await.unwrap();
        chair.request(Command::give_floor_next()).await.unwrap();
        chair.request(Command::EndFloor).await.unwrap();
    }
    let seqs = reader.await.unwrap();
    let expected: Vec<u64> = (1..=3 * CYCLES as u64).collect();
    assert_eq!(seqs, expected, "the fast client saw every event in order");
    let closed = slow.closed_after_draining().await.unwrap();
    assert_eq!(closed, Some(close::SLOW_CONSUMER));
}

#[tokio::test]
async fn shutdown_closes_connections_for_a_restart_and_keeps_what_was_acknowledged() {
    let server = TestServer::start().await;
    let (mut peru, _) = server.join("peru").await;
    peru.request(Command::raise_hand()).await.unwrap();
    let restarted = server.restart().await;
    let closed = peru.closed().await.unwrap();
    assert_eq!(closed.code, Some(close::SERVICE_RESTART));
    let (_, welcome) = restarted.join("chair").await;
    let state = welcome.meeting.unwrap();
    assert_eq!(state.active_list().unwrap().queue.len(), 1);
    assert_eq!(
        state.active_list().unwrap().queue[0].participant,
        id("peru")
    );
}

#[tokio::test]
async fn metrics_count_connections_and_commands() {
    let server = TestServer::start().await;
    let (mut peru, _) = server.join("peru").await;
    peru.request(Command::raise_hand()).await.unwrap();
    peru.request(Command::next_item()).await.unwrap_err();
    let metrics = tests::http_get(server.addr, "/metrics").await;
    for expected in [
        r#"meeting_connections{role="attendee"}"#,
        r#"meeting_commands_total{command="raise_hand",outcome="accepted"}"#,
        r#"meeting_commands_total{command="next_item",outcome="forbidden"}"#,
        "meeting_store_commit_seconds_bucket",
        "meeting_fan_out_seconds_count",
        "meeting_slow_consumer_disconnects_total",
        "meeting_messages_in_total",
    ] {
        assert!(
            metrics.contains(expected),
            "{expected} missing from\n{metrics}"
        );
    }
}

#[tokio::test]
async fn an_unwritable_log_refuses_commands_with_unavailable_and_changes_nothing() {
    let server = TestServer::start().await;
    let (mut chair, _) = server.join("chair").await;
    chair.request(Command::next_item()).await.unwrap();
    // Another process holds the database locked past the writer's patience.
    let database = server.data_dir().join(server::store::DATABASE_FILE);
    let lock = rusqlite::Connection::open(&database).unwrap();
    lock.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let (code, _) = chair.request(Command::next_item()).await.unwrap_err();
    assert_eq!(code, ErrorCode::Unavailable);
    lock.execute_batch("ROLLBACK").unwrap();
    drop(lock);
    let (_, welcome) = server.join("peru").await;
    let state = welcome.meeting.unwrap();
    assert_eq!(state.seq, 1);
    assert_eq!(state.current_item, Some(ItemId::new("opening-eu")));
    // Once the log is writable again the meeting goes on.
    assert_eq!(chair.request(Command::next_item()).await, Ok(2));
}

#[tokio::test]
async fn a_burst_larger_than_any_queue_reaches_every_listener() {
    // More hands than a connection's outbound queue has slots: the batch must reach each
    // listener as one entry, not one entry per event.
    let hands = server::limits::Limits::default().outbound_messages + 150;
    let server = TestServer::start().await;
    let (mut observer, _) = server.join("chair").await;
    let mut raisers = Vec::new();
    for number in 0..hands {
        let mut claims = server.claims("peru", 600);
        claims.who.id = protocol::ParticipantId::new(format!("hand-{number}"));
        let mut client = WsClient::connect(&server.ws_url()).await.unwrap();
        client
            .hello(&server.keys.sign(&claims), None)
            .await
            .unwrap();
        raisers.push(client);
    }
    let burst: Vec<_> = raisers
        .into_iter()
        .map(|mut client| tokio::spawn(async move { client.request(Command::raise_hand()).await }))
        .collect();
    for raised in burst {
        assert!(raised.await.unwrap().is_ok());
    }
    for seq in 1..=hands as u64 {
        assert_eq!(observer.next_event().await.unwrap().seq, seq);
    }
}

/// The built client reaches browsers compressed when they accept it (brotli, else gzip)
/// and as it is when they do not; its hashed files are kept for a year, the page itself
/// is checked on every load, and a route of the client gets the page.
#[tokio::test]
async fn the_client_is_served_compressed_when_the_browser_accepts_it() {
    let dist = tests::browser::client_dist();
    let server = TestServer::start_with(|config| config.static_dir = Some(dist.clone())).await;
    let addr = server.addr;
    let page = tests::http_request(addr, "/", &[("Accept-Encoding", "identity")]).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.header("cache-control"), Some("no-cache"));
    let module = page
        .body
        .split(['"', '\''])
        .find(|part| part.starts_with("/client-") && part.ends_with("_bg.wasm"))
        .expect("the page names its hashed module")
        .to_owned();
    let plain = std::fs::read(dist.join(&module[1..])).unwrap();

    for (accepted, encoding) in [
        ("gzip, deflate, br, zstd", Some("br")),
        ("gzip", Some("gzip")),
        ("identity", None),
        ("", None),
    ] {
        let headers: &[(&str, &str)] = if accepted.is_empty() {
            &[]
        } else {
            &[("Accept-Encoding", accepted)]
        };
        let response = tests::http_request(addr, &module, headers).await;
        assert_eq!(response.status, 200, "{accepted}");
        assert_eq!(response.header("content-type"), Some("application/wasm"));
        assert_eq!(response.header("content-encoding"), encoding, "{accepted}");
        assert_eq!(
            response.header("cache-control"),
            Some("public, max-age=31536000, immutable")
        );
        assert!(
            response
                .header("vary")
                .is_some_and(|vary| vary.to_ascii_lowercase().contains("accept-encoding")),
            "caches must keep one copy per encoding"
        );
        match encoding {
            Some(encoding) => {
                let suffix = if encoding == "br" { "br" } else { "gz" };
                let compressed = std::fs::read(dist.join(format!("{}.{suffix}", &module[1..])));
                assert_eq!(response.bytes, compressed.unwrap(), "{accepted}");
                assert!(
                    response.bytes.len() * 2 < plain.len(),
                    "{encoding}: {} of {} bytes",
                    response.bytes.len(),
                    plain.len()
                );
            }
            None => assert_eq!(response.bytes, plain, "{accepted}"),
        }
    }

    // A hashed name that is not there (an old build's) is 404, never the page.
    let gone = tests::http_request(addr, "/client-0123456789abcdef_bg.wasm", &[]).await;
    assert_eq!(gone.status, 404);
    assert_ne!(
        gone.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    // A route of the client is the page.
    let route = tests::http_request(addr, "/some/route", &[]).await;
    assert_eq!(route.status, 200);
    assert_eq!(route.body, page.body);
}

/// Binary frames count against the rate limit like commands: a flood of them is refused
/// as `rate_limited`, then closed with 1008, and the server stays up.
#[tokio::test]
async fn a_flood_of_binary_frames_is_rate_limited_then_closed() {
    use tokio_tungstenite::tungstenite::Message;
    let server = TestServer::start().await;
    let (flooder, _) = server.join("peru").await;
    let mut socket = flooder.into_socket();
    let limits = server::limits::Limits::default();
    let flood = limits.command_burst as usize + limits.rate_limited_before_close as usize + 50;
    let mut sent = 0;
    for _ in 0..flood {
        if futures_util::SinkExt::send(&mut socket, Message::binary(vec![0u8; 16]))
            .await
            .is_err()
        {
            break;
        }
        sent += 1;
    }
    let closed = tests::WsClient::from_socket(socket).closed().await.unwrap();
    assert_eq!(
        closed.code,
        Some(close::POLICY_VIOLATION),
        "after {sent} frames"
    );
    let codes: Vec<ErrorCode> = closed
        .before
        .iter()
        .filter_map(|message| match message {
            ServerMessage::Error { code, .. } => Some(*code),
            _ => None,
        })
        .collect();
    assert!(
        codes.contains(&ErrorCode::Invalid),
        "binary is refused: {codes:?}"
    );
    assert!(
        codes.contains(&ErrorCode::RateLimited),
        "then rate limited: {codes:?}"
    );
    let (mut other, _) = server.join("colombia").await;
    other.request(Command::raise_hand()).await.unwrap();
}

/// Commands accepted before a flood's 1008 close are acknowledged before the close
/// frame, every time.
#[tokio::test]
async fn what_was_accepted_before_a_flood_close_is_acknowledged_first() {
    let server = TestServer::start_with(|config| {
        config.limits.commands_per_second = 1;
        config.limits.command_burst = 6;
        config.limits.rate_limited_before_close = 3;
    })
    .await;
    for run in 0..10 {
        let who = ["peru", "colombia", "senegal"][run % 3];
        let (mut flooder, _) = server.join(who).await;
        // Six within the burst (raise, lower, raise, …), then three over it.
        let mut sent = Vec::new();
        for number in 0..9 {
            let command = if number % 2 == 0 {
                Command::raise_hand()
            } else {
                Command::LowerHand { request: None }
            };
            sent.push(flooder.send(command).await.unwrap());
        }
        let closed = flooder.closed().await.unwrap();
        assert_eq!(closed.code, Some(close::POLICY_VIOLATION), "run {run}");
        for id in &sent[..6] {
            let answered = closed.before.iter().any(
                |message| matches!(message, ServerMessage::Ack { id: acked, .. } if acked == id),
            );
            assert!(
                answered,
                "run {run}: command {id} was not acknowledged before the close: {:?}",
                closed.before
            );
        }
        // Leave the hand down for the next run's participant.
        let (mut again, _) = server.join(who).await;
        let _ = again.request(Command::LowerHand { request: None }).await;
    }
}

/// A socket that sends half a request head and stops is closed after the head timeout;
/// an address may hold only so many connections that have not said hello, so such
/// sockets cannot use up the server's descriptors; everyone else is served meanwhile.
#[tokio::test]
async fn half_sent_requests_time_out_and_cannot_crowd_out_others() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let server = TestServer::start_with(|config| {
        config.limits.request_head_timeout = Duration::from_millis(500);
        config.limits.unheard_per_address = 5;
        config.limits.unheard_total = 50;
    })
    .await;
    let from = |source: [u8; 4]| {
        let addr = server.addr;
        async move {
            let socket = tokio::net::TcpSocket::new_v4().unwrap();
            socket
                .bind(std::net::SocketAddr::from((source, 0)))
                .unwrap();
            let mut stream = socket.connect(addr).await.unwrap();
            let _ = stream
                .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
                .await;
            stream
        }
    };
    // Closed (end of stream or reset) within `within`?
    async fn closed_within(stream: &mut tokio::net::TcpStream, within: Duration) -> bool {
        let mut byte = [0u8; 64];
        matches!(
            tokio::time::timeout(within, stream.read(&mut byte)).await,
            Ok(Ok(0) | Err(_))
        )
    }
    let mut attackers = Vec::new();
    for _ in 0..8 {
        attackers.push(from([127, 0, 0, 2]).await);
    }
    // Past the cap, one more from that address is closed at once …
    for extra in &mut attackers[5..] {
        assert!(
            closed_within(extra, Duration::from_millis(300)).await,
            "closed at once"
        );
    }
    // … while another address is served, over HTTP and WebSocket.
    assert!(
        tests::http_get(server.addr, "/healthz")
            .await
            .ends_with("ok\n")
    );
    let (mut peru, _) = server.join("peru").await;
    peru.request(Command::raise_hand()).await.unwrap();
    let metrics = tests::http_get(server.addr, "/metrics").await;
    assert!(metrics.contains("meeting_unheard_connections"), "{metrics}");
    let refused = metrics
        .lines()
        .find(|line| line.starts_with("meeting_refused_connections_total"))
        .and_then(|line| line.split_whitespace().last())
        .and_then(|count| count.parse::<f64>().ok())
        .expect("the refused connections are counted");
    assert!(refused >= 3.0, "{metrics}");
    // The half-sent heads are cut after the timeout, freeing their places.
    for held in &mut attackers[..5] {
        assert!(
            closed_within(held, Duration::from_secs(3)).await,
            "timed out"
        );
    }
    let mut after = from([127, 0, 0, 2]).await;
    assert!(
        !closed_within(&mut after, Duration::from_millis(200)).await,
        "room again"
    );
}

/// Each acknowledgement names the seq of its own command's event, also when hundreds of
/// commands from others are decided in the same batch.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_ack_names_its_own_commands_event() {
    use protocol::Event;
    let server = TestServer::start_with(|config| config.limits.retention_events = 10_000).await;
    let (mut chair, _) = server.join("chair").await;
    chair.request(Command::next_item()).await.unwrap();
    let attendees = 200;
    let mut clients = Vec::new();
    for number in 0..attendees {
        let who = tests::numbered_attendee(number);
        let token = server
            .keys
            .mint(&server.meeting.info.id, &who, Duration::from_secs(600));
        let mut client = WsClient::connect(&server.ws_url()).await.unwrap();
        client.hello(&token, None).await.unwrap();
        clients.push((who.id, client));
    }
    // Everyone sends first, then everyone reads: the commands share batches.
    let mut ids = Vec::new();
    for (_, client) in &mut clients {
        ids.push(client.send(Command::raise_hand()).await.unwrap());
    }
    let mut acked = Vec::new();
    for ((participant, client), id) in clients.iter_mut().zip(ids) {
        let seq = client.ack_of(id).await.unwrap();
        acked.push((participant.clone(), seq));
    }
    let mut organiser = WsClient::connect(&server.ws_url()).await.unwrap();
    organiser
        .hello(&server.token("organiser"), Some(1))
        .await
        .unwrap();
    let last = acked.iter().map(|(_, seq)| *seq).max().unwrap();
    let mut by_seq = std::collections::HashMap::new();
    loop {
        let envelope = organiser.next_event().await.unwrap();
        let seq = envelope.seq;
        by_seq.insert(seq, envelope.event);
        if seq >= last {
            break;
        }
    }
    let distinct: std::collections::HashSet<u64> = acked.iter().map(|(_, seq)| *seq).collect();
    assert_eq!(distinct.len(), attendees, "one seq per command");
    for (participant, seq) in acked {
        match &by_seq[&seq] {
            Event::FloorRequested { request, .. } => {
                assert_eq!(request.participant, participant, "seq {seq}");
            }
            other => panic!("seq {seq} acknowledged to {participant} is {other:?}"),
        }
    }
}

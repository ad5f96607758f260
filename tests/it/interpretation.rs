//! Interpretation over real WebSockets, with the demo meeting's booths (the Arabic booth
//! bi-active into English, no other booth taking Arabic): the interlocks, handover and
//! its lapse, relay suggestions when the floor language changes, and notices that reach
//! only those they concern.

use protocol::{
    BoothTask, ChannelId, ChannelStatus, Command, ErrorCode, Event, HearingReason, LanguageCode,
    Listening, Notice,
};
use tests::TestServer;

fn channel(id: &str) -> ChannelId {
    ChannelId::new(id)
}

fn on_air(booth: &str, on: bool) -> Command {
    Command::SetOnAir {
        channel: channel(booth),
        on_air: on,
    }
}

fn listening(to: &str, fallbacks: &[&str]) -> Listening {
    Listening {
        channel: Some(channel(to)),
        fallbacks: fallbacks.iter().copied().map(channel).collect(),
        sign: false,
        captions: false,
    }
}

fn status_of(notice: &Notice, of: &str) -> Option<ChannelStatus> {
    match notice {
        Notice::Channel { channel, status } if channel.as_str() == of => Some(status.clone()),
        _ => None,
    }
}

#[tokio::test]
async fn one_interpreter_per_booth_and_one_booth_per_channel() {
    let server = TestServer::start().await;
    let (mut french, _) = server.join("interp-fr").await;
    let (mut partner, _) = server.join("interp-fr-2").await;
    let (mut arabic, _) = server.join("interp-ar").await;
    let (mut english, _) = server.join("interp-en").await;

    french.request(on_air("fr", true)).await.unwrap();
    let (code, message) = partner.request(on_air("fr", true)).await.unwrap_err();
    assert_eq!(code, ErrorCode::Conflict, "{message}");
    // Another booth's interpreter cannot act on this one.
    let (code, _) = english.request(on_air("fr", false)).await.unwrap_err();
    assert_eq!(code, ErrorCode::Forbidden);

    // The Arabic booth's retour and the English booth cannot both feed English.
    english.request(on_air("en", true)).await.unwrap();
    arabic.request(on_air("ar", true)).await.unwrap();
    let into_english = Command::SetWorkingInto {
        channel: channel("ar"),
        language: Some(LanguageCode::new("en")),
    };
    let (code, message) = arabic.request(into_english.clone()).await.unwrap_err();
    assert_eq!(code, ErrorCode::Conflict);
    assert!(message.contains("on air from the en booth"), "{message}");
    english.request(on_air("en", false)).await.unwrap();
    arabic.request(into_english).await.unwrap();
    let (code, _) = english.request(on_air("en", true)).await.unwrap_err();
    assert_eq!(code, ErrorCode::Conflict);
}

#[tokio::test]
async fn a_handover_is_asked_and_accepted_or_lapses() {
    let server = TestServer::start_with(|config| {
        config.meetings[0].info.handover_seconds = Some(1);
    })
    .await;
    let (mut french, _) = server.join("interp-fr").await;
    let (mut partner, _) = server.join("interp-fr-2").await;
    french.request(on_air("fr", true)).await.unwrap();
    french
        .request(Command::RequestHandover {
            channel: channel("fr"),
        })
        .await
        .unwrap();
    let asked = partner.next_event().await.unwrap();
    assert!(matches!(asked.event, Event::ChannelOnAir { .. }));
    let asked = partner.next_event().await.unwrap();
    assert!(
        matches!(&asked.event, Event::HandoverRequested { seconds: 1, .. }),
        "{asked:?}"
    );
    // Nobody takes it: it lapses by itself after its second.
    let lapsed = partner.next_event().await.unwrap();
    assert!(
        matches!(lapsed.event, Event::HandoverCancelled { lapsed: true, .. }),
        "{lapsed:?}"
    );
    assert!(lapsed.at >= asked.at + 1_000, "not before its time");
    assert_eq!(lapsed.actor, None, "the meeting itself lapsed it");

    // Asked again and accepted: the partner is on air.
    french
        .request(Command::RequestHandover {
            channel: channel("fr"),
        })
        .await
        .unwrap();
    partner
        .request(Command::TakeOver {
            channel: channel("fr"),
        })
        .await
        .unwrap();
    let (code, _) = french
        .request(Command::SetPaused {
            channel: channel("fr"),
            paused: true,
        })
        .await
        .unwrap_err();
    assert_eq!(code, ErrorCode::Conflict, "no longer on air");
}

/// An empty booth is never advised as a relay source: with the Arabic booth empty the
/// French booth is told no booth can give it Arabic, and once an Arabic interpreter goes
/// on air it is told to take relay from them; when they go off air, the advice goes too.
#[tokio::test]
async fn relay_is_advised_only_from_a_booth_on_air() {
    let server = TestServer::start().await;
    let (mut chair, _) = server.join("chair").await;
    let (mut arabic, _) = server.join("interp-ar").await;
    let (mut french, _) = server.join("interp-fr").await;
    chair
        .request(Command::SetFloorLanguage {
            language: LanguageCode::new("ar"),
        })
        .await
        .unwrap();
    let task = |notice: &Notice| matches!(notice, Notice::Task { .. });
    let told = french.notice_where(task).await.unwrap();
    assert!(
        matches!(
            &told,
            Notice::Task {
                task: BoothTask::NoSource,
                ..
            }
        ),
        "not from the empty Arabic booth: {told:?}"
    );
    arabic.request(on_air("ar", true)).await.unwrap();
    let told = french.notice_where(task).await.unwrap();
    assert_eq!(
        told,
        Notice::Task {
            booth: channel("fr"),
            floor_language: LanguageCode::new("ar"),
            task: BoothTask::Relay {
                pivot: channel("ar")
            },
        }
    );
    arabic.request(on_air("ar", false)).await.unwrap();
    let told = french.notice_where(task).await.unwrap();
    assert!(
        matches!(
            &told,
            Notice::Task {
                task: BoothTask::NoSource,
                ..
            }
        ),
        "the Arabic booth went off air: {told:?}"
    );
}

#[tokio::test]
async fn booths_are_told_whom_to_take_relay_from_when_the_floor_language_changes() {
    let server = TestServer::start().await;
    let (mut chair, _) = server.join("chair").await;
    let (mut arabic, _) = server.join("interp-ar").await;
    let (mut french, _) = server.join("interp-fr").await;
    let (mut english, _) = server.join("interp-en").await;
    // Relay comes only from a booth on air: the Arabic interpreter is.
    arabic.request(on_air("ar", true)).await.unwrap();
    chair
        .request(Command::SetFloorLanguage {
            language: LanguageCode::new("ar"),
        })
        .await
        .unwrap();
    let task = |notice: &Notice| matches!(notice, Notice::Task { .. });
    let told = french.notice_where(task).await.unwrap();
    assert_eq!(
        told,
        Notice::Task {
            booth: channel("fr"),
            floor_language: LanguageCode::new("ar"),
            task: BoothTask::Relay {
                pivot: channel("ar")
            },
        }
    );
    let told = arabic.notice_where(task).await.unwrap();
    assert!(
        matches!(&told, Notice::Task { task: BoothTask::Retour { into }, .. } if into.as_str() == "en"),
        "{told:?}"
    );
    let pivot = arabic
        .notice_where(|notice| matches!(notice, Notice::Pivot { .. }))
        .await
        .unwrap();
    assert_eq!(
        pivot,
        Notice::Pivot {
            booth: channel("ar"),
            relying: vec![channel("fr"), channel("es")],
        }
    );
    let told = english.notice_where(task).await.unwrap();
    assert!(
        matches!(
            &told,
            Notice::Task {
                task: BoothTask::Idle,
                ..
            }
        ),
        "covered by the Arabic retour: {told:?}"
    );

    // A late interpreter is briefed on joining; the pivot is told when no one relies on
    // it any more.
    let (mut spanish, _) = server.join("interp-es").await;
    let told = spanish.notice_where(task).await.unwrap();
    assert!(matches!(
        &told,
        Notice::Task {
            task: BoothTask::Relay { .. },
            ..
        }
    ));
    chair
        .request(Command::SetFloorLanguage {
            language: LanguageCode::new("fr"),
        })
        .await
        .unwrap();
    let pivot = arabic
        .notice_where(|notice| matches!(notice, Notice::Pivot { .. }))
        .await
        .unwrap();
    assert_eq!(
        pivot,
        Notice::Pivot {
            booth: channel("ar"),
            relying: vec![],
        }
    );
    // None of this reaches the chair or the other booths' business.
    assert!(
        chair
            .notices_so_far()
            .iter()
            .all(|notice| !matches!(notice, Notice::Task { .. } | Notice::Pivot { .. }))
    );
}

#[tokio::test]
async fn channel_notices_reach_only_the_channels_listeners() {
    let server = TestServer::start().await;
    let (mut french_booth, _) = server.join("interp-fr").await;
    let (mut french, _) = server.join("senegal").await;
    let (mut spanish, _) = server.join("peru").await;
    let (mut floor, _) = server.join("eu").await;
    french.listen(listening("fr", &["floor"])).await.unwrap();
    spanish.listen(listening("es", &["en"])).await.unwrap();
    floor.listen(Listening::default()).await.unwrap();

    french_booth.request(on_air("fr", true)).await.unwrap();
    let live = french
        .notice_where(|notice| status_of(notice, "fr").is_some())
        .await
        .unwrap();
    assert_eq!(
        status_of(&live, "fr"),
        Some(ChannelStatus::Live {
            booth: channel("fr")
        })
    );
    french_booth
        .request(Command::SetPaused {
            channel: channel("fr"),
            paused: true,
        })
        .await
        .unwrap();
    let paused = french
        .notice_where(|notice| status_of(notice, "fr").is_some())
        .await
        .unwrap();
    assert_eq!(status_of(&paused, "fr"), Some(ChannelStatus::Paused));

    // The Spanish listener and the floor listener heard nothing of it: a command answered
    // after the notices went out proves they would have arrived by now.
    spanish.listen(listening("es", &["en"])).await.unwrap();
    floor.listen(Listening::default()).await.unwrap();
    assert!(
        spanish.notices_so_far().is_empty(),
        "{:?}",
        spanish.notices_so_far()
    );
    assert!(floor.notices_so_far().is_empty());

    // The booth's people see how many listen.
    let counted = french_booth
        .presence_where(|presence| presence.listeners(&channel("fr")) == 1)
        .await
        .unwrap();
    assert!(counted.staffed(&channel("fr")));
    // Listeners see who is staffed, not the counts.
    let public = spanish
        .presence_where(|presence| presence.staffed(&channel("fr")))
        .await
        .unwrap();
    assert_eq!(public.listeners(&channel("fr")), 0);

    // The French interpreter's connection ends: off air, and the listener is told.
    french_booth.close().await;
    let gone = french
        .notice_where(|notice| matches!(status_of(notice, "fr"), Some(ChannelStatus::Unavailable)))
        .await;
    assert!(gone.is_ok(), "{gone:?}");
}

/// Right after `listen` (after its `ack`) the listener is told what they now hear and
/// why: their channel, a fallback, the floor, or nothing.
#[tokio::test]
async fn after_listen_the_listener_is_told_what_they_hear() {
    let server = TestServer::start().await;
    let (mut french_booth, _) = server.join("interp-fr").await;
    let (mut spanish_booth, _) = server.join("interp-es").await;
    let (mut listener, _) = server.join("peru").await;
    french_booth.request(on_air("fr", true)).await.unwrap();
    let hearing = |channel_: &str, status, hears: Option<&str>, because| Notice::Hearing {
        channel: channel(channel_),
        status,
        hears: hears.map(channel),
        because,
    };
    let french_live = Some(ChannelStatus::Live {
        booth: channel("fr"),
    });

    // French is live: they hear French.
    assert_eq!(
        listener.listen(listening("fr", &[])).await.unwrap(),
        hearing("fr", french_live.clone(), Some("fr"), HearingReason::Chosen)
    );
    // Nobody is on air in Spanish (its booth is connected): their fallback, else the floor.
    let standby = Some(ChannelStatus::Standby);
    assert_eq!(
        listener
            .listen(listening("es", &["ar", "fr"]))
            .await
            .unwrap(),
        hearing("es", standby.clone(), Some("fr"), HearingReason::Fallback)
    );
    assert_eq!(
        listener.listen(listening("es", &["ar"])).await.unwrap(),
        hearing("es", standby, Some("floor"), HearingReason::Floor)
    );
    // Once Spanish is on air, the same choice hears Spanish.
    spanish_booth.request(on_air("es", true)).await.unwrap();
    listener
        .notice_where(|notice| status_of(notice, "es").is_some_and(|status| status.delivers()))
        .await
        .unwrap();
    assert_eq!(
        listener.listen(listening("es", &["ar"])).await.unwrap(),
        hearing(
            "es",
            Some(ChannelStatus::Live {
                booth: channel("es")
            }),
            Some("es"),
            HearingReason::Chosen
        )
    );
    // No channel named: the floor; a channel the meeting does not have: nothing.
    assert_eq!(
        listener.listen(Listening::default()).await.unwrap(),
        hearing(
            "floor",
            Some(ChannelStatus::Original),
            Some("floor"),
            HearingReason::Chosen
        )
    );
    assert_eq!(
        listener.listen(listening("de", &[])).await.unwrap(),
        hearing("de", None, None, HearingReason::Nothing)
    );
}

//! Interpretation through the public API: the fold of every interpretation event, what
//! each channel delivers, the relay plan when the floor language changes, and the
//! dead-air condition.

use protocol::{
    BoothConfig, BoothTask, ChannelId, ChannelStatus, Event, HearingReason, LanguageCode,
    Listening, Localized, MeetingId, MeetingInfo, MeetingState, Notice, ParticipantId,
};

mod common;
use common::check;

fn lang(code: &str) -> LanguageCode {
    LanguageCode::new(code)
}

fn channel(id: &str) -> ChannelId {
    ChannelId::new(id)
}

/// The reference meeting's booths: Arabic is bi-active (retour into English); the others
/// take English and one more language, none takes Arabic.
fn meeting() -> MeetingState {
    let booth = |id: &str, from: &[&str], retour: Option<&str>| BoothConfig {
        channel: channel(id),
        works_from: from.iter().copied().map(lang).collect(),
        retour: retour.map(lang),
        media_url: Some(format!("https://media.example.org/{id}")),
    };
    let info = MeetingInfo {
        id: MeetingId::new("m"),
        title: Localized::default(),
        languages: ["ar", "en", "fr", "es"].map(lang).to_vec(),
        default_language: lang("en"),
        time_zone: "UTC".into(),
        scheduled_start: "2020-12-04T14:00:00Z".into(),
        speaking_time_seconds: None,
        max_requests_per_delegation: None,
        booths: vec![
            booth("ar", &["en", "fr"], Some("en")),
            booth("en", &["fr", "es"], None),
            booth("fr", &["en", "es"], None),
            booth("es", &["en", "fr"], None),
        ],
        dead_air_seconds: Some(5),
        handover_seconds: None,
        self_registration: false,
    };
    MeetingState::new(info, vec![])
}

fn refused(state: &mut MeetingState, event: Event) {
    let before = state.clone();
    let envelope = state.next_envelope(99_000, None, event);
    assert!(state.apply(&envelope).is_err(), "{envelope:?}");
    assert_eq!(*state, before, "a refused event changes nothing");
}

fn on_air(id: &str, who: &str) -> Event {
    Event::ChannelOnAir {
        channel: channel(id),
        participant: ParticipantId::new(who),
        name: who.to_uppercase(),
    }
}

fn status(state: &MeetingState, id: &str, staffed: bool) -> ChannelStatus {
    state.channel_status(state.channel(&channel(id)).unwrap(), staffed)
}

#[test]
fn booths_are_configured_from_the_meeting() {
    let state = meeting();
    let ar = state.channel(&channel("ar")).unwrap();
    assert_eq!(ar.retour, Some(lang("en")));
    assert_eq!(ar.works_from, [lang("en"), lang("fr")]);
    assert_eq!(
        ar.media_url.as_deref(),
        Some("https://media.example.org/ar")
    );
    assert!(
        state
            .channel(&channel("sign"))
            .unwrap()
            .works_from
            .is_empty()
    );
}

#[test]
fn what_each_channel_delivers() {
    let mut state = meeting();
    assert_eq!(status(&state, "floor", false), ChannelStatus::Original);
    assert_eq!(status(&state, "fr", false), ChannelStatus::Unavailable);
    assert_eq!(status(&state, "fr", true), ChannelStatus::Standby);
    check(&mut state, vec![on_air("fr", "fr-1")]);
    assert_eq!(
        status(&state, "fr", true),
        ChannelStatus::Live {
            booth: channel("fr")
        }
    );
    check(
        &mut state,
        vec![Event::ChannelPaused {
            channel: channel("fr"),
            paused: true,
        }],
    );
    assert_eq!(status(&state, "fr", true), ChannelStatus::Paused);
    check(
        &mut state,
        vec![
            Event::ChannelPaused {
                channel: channel("fr"),
                paused: false,
            },
            Event::RelaySet {
                channel: channel("fr"),
                from: Some(channel("ar")),
            },
        ],
    );
    assert_eq!(
        status(&state, "fr", true),
        ChannelStatus::Relay {
            booth: channel("fr"),
            from: channel("ar")
        }
    );
    // The floor speaks French: French listeners hear the original.
    check(
        &mut state,
        vec![Event::FloorLanguageSet {
            language: lang("fr"),
        }],
    );
    assert_eq!(status(&state, "fr", true), ChannelStatus::Original);

    // The Arabic booth's retour feeds the English channel.
    check(
        &mut state,
        vec![
            on_air("ar", "ar-1"),
            Event::WorkingIntoSet {
                channel: channel("ar"),
                language: Some(lang("en")),
            },
        ],
    );
    assert_eq!(
        status(&state, "en", false),
        ChannelStatus::Live {
            booth: channel("ar")
        }
    );
    assert_eq!(status(&state, "ar", true), ChannelStatus::Standby);

    // Sign language: on screen, swapping, paused.
    check(&mut state, vec![on_air("sign", "signer-1")]);
    assert_eq!(
        status(&state, "sign", true),
        ChannelStatus::Live {
            booth: channel("sign")
        }
    );
    check(
        &mut state,
        vec![Event::HandoverRequested {
            channel: channel("sign"),
            participant: ParticipantId::new("signer-1"),
            seconds: 60,
        }],
    );
    assert_eq!(status(&state, "sign", true), ChannelStatus::Swapping);
    check(
        &mut state,
        vec![Event::HandedOver {
            channel: channel("sign"),
            participant: ParticipantId::new("signer-2"),
            name: "SIGNER-2".into(),
        }],
    );
    let sign = state.channel(&channel("sign")).unwrap();
    assert_eq!(
        sign.on_air.as_ref().unwrap().participant.as_str(),
        "signer-2"
    );
    assert!(sign.handover.is_none());
    assert_eq!(
        status(&state, "sign", true),
        ChannelStatus::Live {
            booth: channel("sign")
        }
    );
}

#[test]
fn handovers_are_asked_withdrawn_lapse_or_are_taken() {
    let mut state = meeting();
    check(&mut state, vec![on_air("fr", "fr-1")]);
    // Only the interpreter on air asks.
    refused(
        &mut state,
        Event::HandoverRequested {
            channel: channel("fr"),
            participant: ParticipantId::new("fr-2"),
            seconds: 60,
        },
    );
    let asked = Event::HandoverRequested {
        channel: channel("fr"),
        participant: ParticipantId::new("fr-1"),
        seconds: 60,
    };
    check(&mut state, vec![asked.clone()]);
    let handover = state
        .channel(&channel("fr"))
        .unwrap()
        .handover
        .clone()
        .unwrap();
    assert_eq!((handover.since, handover.expires_at), (2_000, 62_000));
    check(
        &mut state,
        vec![Event::HandoverCancelled {
            channel: channel("fr"),
            lapsed: true,
        }],
    );
    assert!(state.channel(&channel("fr")).unwrap().handover.is_none());
    refused(
        &mut state,
        Event::HandoverCancelled {
            channel: channel("fr"),
            lapsed: false,
        },
    );
    check(&mut state, vec![asked]);
    check(
        &mut state,
        vec![Event::HandedOver {
            channel: channel("fr"),
            participant: ParticipantId::new("fr-2"),
            name: "FR-2".into(),
        }],
    );
    let fr = state.channel(&channel("fr")).unwrap();
    assert_eq!(fr.on_air.as_ref().unwrap().since, 5_000);
    assert!(fr.handover.is_none());
    // Off air: the silence starts.
    check(
        &mut state,
        vec![Event::ChannelOffAir {
            channel: channel("fr"),
        }],
    );
    assert_eq!(
        state.channel(&channel("fr")).unwrap().off_air_since,
        Some(6_000)
    );
    refused(
        &mut state,
        Event::HandedOver {
            channel: channel("fr"),
            participant: ParticipantId::new("fr-1"),
            name: "FR-1".into(),
        },
    );
    refused(
        &mut state,
        Event::WorkingIntoSet {
            channel: channel("fr"),
            language: Some(lang("en")),
        },
    );
    refused(
        &mut state,
        Event::RelaySet {
            channel: channel("fr"),
            from: Some(channel("fr")),
        },
    );
}

#[test]
fn the_relay_plan_follows_the_floor_language() {
    let mut state = meeting();
    assert!(state.relay_plan().is_empty(), "no floor language yet");
    let plan = |state: &MeetingState| -> Vec<(String, BoothTask)> {
        state
            .relay_plan()
            .into_iter()
            .map(|(booth, task)| (booth.to_string(), task))
            .collect()
    };
    // Arabic on the floor while the Arabic booth is empty: nobody else takes Arabic, so
    // no booth can give the others the floor (never "take relay from" an empty booth).
    check(
        &mut state,
        vec![Event::FloorLanguageSet {
            language: lang("ar"),
        }],
    );
    assert_eq!(
        plan(&state),
        [
            ("ar".into(), BoothTask::Retour { into: lang("en") }),
            ("en".into(), BoothTask::NoSource),
            ("fr".into(), BoothTask::NoSource),
            ("es".into(), BoothTask::NoSource),
        ]
    );
    // Once the Arabic booth is on air it works into English, which covers the English
    // channel; French and Spanish take relay from it.
    check(&mut state, vec![on_air("ar", "amal")]);
    let relay_from_ar = BoothTask::Relay {
        pivot: channel("ar"),
    };
    assert_eq!(
        plan(&state),
        [
            ("ar".into(), BoothTask::Retour { into: lang("en") }),
            ("en".into(), BoothTask::Idle),
            ("fr".into(), relay_from_ar.clone()),
            ("es".into(), relay_from_ar),
        ]
    );
    // English on the floor: everyone works directly, the English booth is idle.
    check(
        &mut state,
        vec![Event::FloorLanguageSet {
            language: lang("en"),
        }],
    );
    assert_eq!(
        plan(&state),
        [
            ("ar".into(), BoothTask::Direct),
            ("en".into(), BoothTask::Idle),
            ("fr".into(), BoothTask::Direct),
            ("es".into(), BoothTask::Direct),
        ]
    );
    // Spanish on the floor: the Arabic booth does not take Spanish; the English booth
    // does and works into English, which the Arabic booth takes, once it is on air.
    check(
        &mut state,
        vec![Event::FloorLanguageSet {
            language: lang("es"),
        }],
    );
    assert_eq!(
        plan(&state)[0],
        ("ar".into(), BoothTask::NoSource),
        "no booth that takes Spanish is on air yet"
    );
    check(&mut state, vec![on_air("en", "emma")]);
    assert_eq!(
        plan(&state)[0],
        (
            "ar".into(),
            BoothTask::Relay {
                pivot: channel("en")
            }
        ),
        "the first booth that takes Spanish and works into a language Arabic takes"
    );
    // A language nobody takes: no source.
    check(
        &mut state,
        vec![Event::FloorLanguageSet {
            language: lang("ru"),
        }],
    );
    assert!(
        plan(&state)
            .iter()
            .all(|(_, task)| *task == BoothTask::NoSource)
    );
}

#[test]
fn dead_air_is_a_speech_without_interpretation_into_the_channel() {
    let mut state = meeting();
    let dead = |state: &MeetingState| state.dead_air_since(state.channel(&channel("fr")).unwrap());
    assert_eq!(dead(&state), None, "nobody speaks");
    assert_eq!(state.dead_air_ms(), 5_000);
    check(
        &mut state,
        vec![Event::FloorLanguageSet {
            language: lang("en"),
        }],
    );
    // The floor is given through the list of speakers; a speaker without a list here
    // comes from a full fold elsewhere, so build it through the public state instead.
    state.floor = Some(protocol::Speaker {
        participant: ParticipantId::new("peru"),
        name: "Peru".into(),
        delegation: None,
        item: protocol::ItemId::new("x"),
        request: None,
        kind: protocol::RequestKind::Intervention,
        language: Some(lang("en")),
        since: 10_000,
        limit_seconds: None,
        paused_at: None,
        paused_ms: 0,
    });
    assert_eq!(dead(&state), Some(10_000));
    check(&mut state, vec![on_air("fr", "fr-1")]);
    assert_eq!(dead(&state), None, "on air");
    check(
        &mut state,
        vec![Event::ChannelOffAir {
            channel: channel("fr"),
        }],
    );
    assert_eq!(
        dead(&state),
        Some(10_000),
        "the speech began later than the off-air"
    );
    let english = state.channel(&channel("en")).unwrap();
    assert_eq!(state.dead_air_since(english), None, "the floor's language");
}

/// What a listener hears, as the server tells them after `listen`: their channel if it
/// delivers, else a fallback that does, else the floor; nothing for a channel the
/// meeting does not have.
#[test]
fn a_listener_hears_their_channel_a_fallback_the_floor_or_nothing() {
    let mut state = meeting();
    check(
        &mut state,
        vec![Event::ChannelOnAir {
            channel: channel("fr"),
            participant: ParticipantId::new("fr-1"),
            name: "F".into(),
        }],
    );
    let status =
        |state: &MeetingState, channel: &protocol::Channel| state.channel_status(channel, false);
    let hearing = |listening: Listening| state.hearing(&listening, |c| status(&state, c));
    let listen = |to: Option<&str>, fallbacks: &[&str]| Listening {
        channel: to.map(channel),
        fallbacks: fallbacks.iter().copied().map(channel).collect(),
        ..Listening::default()
    };
    let told =
        |to: &str, status: Option<ChannelStatus>, hears: Option<&str>, because| Notice::Hearing {
            channel: channel(to),
            status,
            hears: hears.map(channel),
            because,
        };
    let live = Some(ChannelStatus::Live {
        booth: channel("fr"),
    });
    assert_eq!(
        hearing(listen(Some("fr"), &[])),
        told("fr", live.clone(), Some("fr"), HearingReason::Chosen)
    );
    assert_eq!(
        hearing(listen(None, &[])),
        told(
            "floor",
            Some(ChannelStatus::Original),
            Some("floor"),
            HearingReason::Chosen
        )
    );
    let unavailable = Some(ChannelStatus::Unavailable);
    assert_eq!(
        hearing(listen(Some("es"), &["ar", "fr"])),
        told(
            "es",
            unavailable.clone(),
            Some("fr"),
            HearingReason::Fallback
        )
    );
    assert_eq!(
        hearing(listen(Some("es"), &["ar", "sign"])),
        told("es", unavailable, Some("floor"), HearingReason::Floor)
    );
    assert_eq!(
        hearing(listen(Some("de"), &["es"])),
        told("de", None, None, HearingReason::Nothing)
    );
}

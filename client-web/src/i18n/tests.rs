//! The translation files checked against each other and against [`Key`], every message
//! formatted in every language, and the helpers' output.

use super::*;
use fluent_syntax::{ast, parser};
use std::collections::{BTreeMap, BTreeSet};

thread_local! {
    /// What went wrong while formatting on this test's thread: missing messages and
    /// Fluent errors (a variable not given, say).
    static PROBLEMS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    /// The message ids formatted on this test's thread.
    static FORMATTED: RefCell<BTreeSet<String>> = const { RefCell::new(BTreeSet::new()) };
}

/// Called by `format` for every message it formats.
pub(super) fn record_problems(id: &str, missing: bool, errors: &[FluentError]) {
    let lang = ui();
    FORMATTED.with(|formatted| formatted.borrow_mut().insert(id.to_owned()));
    PROBLEMS.with(|problems| {
        let mut problems = problems.borrow_mut();
        if missing {
            problems.push(format!("{lang:?}: no message {id}"));
        }
        for error in errors {
            problems.push(format!("{lang:?}: {id}: {error}"));
        }
    });
}

fn take_problems() -> Vec<String> {
    PROBLEMS.with(|problems| std::mem::take(&mut *problems.borrow_mut()))
}

/// Runs `f` with the interface in `lang`, then goes back to English.
fn in_lang<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    set_ui(lang);
    let result = f();
    set_ui(Lang::En);
    result
}

/// A translation file's messages: each id with the variables it uses (in its value,
/// its selectors and every variant).
type Messages = BTreeMap<String, BTreeSet<String>>;

/// Reads a translation file: its messages, or what is wrong with it (syntax errors,
/// an id given twice, a message without a value).
fn messages(source: &str) -> Result<Messages, Vec<String>> {
    let resource = parser::parse(source)
        .map_err(|(_, errors)| errors.iter().map(|e| format!("{e:?}")).collect::<Vec<_>>())?;
    let mut messages = Messages::new();
    let mut problems = Vec::new();
    for entry in &resource.body {
        if let ast::Entry::Message(message) = entry {
            let mut variables = BTreeSet::new();
            match &message.value {
                Some(value) => pattern_variables(value, &mut variables),
                None => problems.push(format!("{} has no value", message.id.name)),
            }
            for attribute in &message.attributes {
                pattern_variables(&attribute.value, &mut variables);
            }
            if messages
                .insert(message.id.name.to_owned(), variables)
                .is_some()
            {
                problems.push(format!("{} is given twice", message.id.name));
            }
        }
    }
    if problems.is_empty() {
        Ok(messages)
    } else {
        Err(problems)
    }
}

fn pattern_variables(pattern: &ast::Pattern<&str>, found: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, found);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, found: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, found);
            for variant in variants {
                pattern_variables(&variant.value, found);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, found),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, found: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            found.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, found),
        ast::InlineExpression::FunctionReference { arguments, .. }
        | ast::InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for argument in arguments
                .positional
                .iter()
                .chain(arguments.named.iter().map(|named| &named.value))
            {
                inline_variables(argument, found);
            }
        }
        _ => {}
    }
}

/// What is wrong with a set of translation files, the first being the reference: a file
/// that does not parse, a message missing from a file or found only in it, a message
/// whose variables differ from the reference's, a key without a message in a file.
fn check(files: &[(&str, &str)], keys: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut parsed = Vec::new();
    for (name, source) in files {
        match messages(source) {
            Ok(messages) => parsed.push((*name, messages)),
            Err(errors) => problems.push(format!("{name} does not parse: {errors:?}")),
        }
    }
    if let Some(((reference_name, reference), others)) = parsed.split_first() {
        for (name, messages) in others {
            for (id, variables) in reference {
                match messages.get(id) {
                    None => problems.push(format!("{name} has no message {id}")),
                    Some(theirs) if theirs != variables => problems.push(format!(
                        "{id}: {name} uses the variables {theirs:?}, {reference_name} {variables:?}"
                    )),
                    Some(_) => {}
                }
            }
            for id in messages.keys().filter(|id| !reference.contains_key(*id)) {
                problems.push(format!("{name} has {id}, which {reference_name} has not"));
            }
        }
    }
    for key in keys {
        for (name, messages) in &parsed {
            if !messages.contains_key(*key) {
                problems.push(format!("the key {key} has no message in {name}"));
            }
        }
    }
    problems
}

/// The real files, English (the reference) first.
fn files() -> Vec<(&'static str, &'static str)> {
    let mut langs = Lang::ALL.to_vec();
    langs.sort_by_key(|lang| *lang != Lang::En);
    langs
        .into_iter()
        .map(|lang| (lang.tag(), lang.source()))
        .collect()
}

fn key_ids() -> Vec<&'static str> {
    Key::ALL.iter().map(|key| key.id()).collect()
}

#[test]
fn the_translation_files_agree_with_each_other_and_with_the_keys() {
    assert_eq!(files().len(), 4);
    assert_eq!(check(&files(), &key_ids()), Vec::<String>::new());
}

#[test]
fn the_check_finds_each_kind_of_problem() {
    let en = "a = A\nb = B { $x }\n";
    assert_eq!(
        check(&[("en", en), ("fr", "a = A\nb = Bé { $x }\n")], &["a", "b"]),
        Vec::<String>::new()
    );
    let problems = check(&[("en", en), ("fr", "a = A\n")], &["a"]);
    assert_eq!(problems, ["fr has no message b"]);
    let problems = check(&[("en", en), ("fr", "a = A\nb = B { $x }\nc = C\n")], &[]);
    assert_eq!(problems, ["fr has c, which en has not"]);
    let problems = check(&[("en", en), ("fr", "a = A\nb = { $x \n")], &[]);
    assert!(
        problems.len() == 1 && problems[0].starts_with("fr does not parse"),
        "{problems:?}"
    );
    let problems = check(&[("en", en), ("fr", "a = A\nb = B\nb = B { $x }\n")], &[]);
    assert!(problems[0].contains("b is given twice"), "{problems:?}");
    let problems = check(&[("en", en), ("fr", "a = A\nb = B { $y }\n")], &[]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("b: fr uses the variables"));
    // A variable used only as a selector counts too.
    let plural = "n = { $count ->\n    [one] one\n   *[other] { $count }\n}\n";
    let without = "n = { $n ->\n   *[other] x\n}\n";
    assert_eq!(check(&[("en", plural), ("fr", without)], &[]).len(), 1);
    let problems = check(&[("en", en), ("fr", en)], &["a", "c"]);
    assert_eq!(
        problems,
        [
            "the key c has no message in en",
            "the key c has no message in fr"
        ]
    );
}

/// Variables that take a number; the others take text.
const NUMBER_VARIABLES: &[&str] = &[
    "count", "position", "number", "max", "fit", "waiting", "minutes", "total",
];

#[test]
fn every_message_formats_in_every_language() {
    for lang in Lang::ALL {
        let messages = messages(lang.source()).expect("the file parses");
        for (id, variables) in &messages {
            // Numbers of every Arabic plural category (0, 1, 2, 3–10, 11–99, 100…).
            for n in [0_u64, 1, 2, 3, 11, 100, 102] {
                let mut args = FluentArgs::new();
                for variable in variables {
                    if NUMBER_VARIABLES.contains(&variable.as_str()) {
                        args.set(variable.as_str(), n);
                    } else {
                        args.set(variable.as_str(), "Ana");
                    }
                }
                let mut errors = Vec::new();
                let text = format_in(lang, id, Some(&args), &mut errors)
                    .unwrap_or_else(|| panic!("{lang:?} has no {id}"));
                assert!(errors.is_empty(), "{lang:?} {id}: {errors:?}");
                assert!(!text.trim().is_empty(), "{lang:?} {id} is empty");
                assert!(!text.contains(['{', '}', '$']), "{lang:?} {id}: {text:?}");
            }
        }
    }
}

/// Every helper of the module, as the views call them.
fn every_helper() -> Vec<String> {
    let mut texts = vec![
        queue_position(2),
        delegation_position(1, "Ana"),
        delegation_position(3, "Ana"),
        queue_more(1),
        session_ending(0),
        session_ending(1),
        session_ending(2),
        session_ending(7),
        session_ending(10),
        queue_more(3),
        estimated_wait(600_000),
        estimated_wait(1_000),
        presenter("Netherlands"),
        planned_minutes(5),
        go_to_label("Opening"),
        give_floor_label("Ana"),
        move_up_label("Ana"),
        move_down_label("Ana"),
        remove_label("Ana"),
        readd_label("Ana"),
        speaking_for(65),
        time_left(155),
        time_over(12),
        speaks_in(&LanguageCode::new("fr")),
        question_numbered(1, "Why?"),
        note_count(1, 280),
        note_count(12, 280),
        note_too_long(280),
        note_for_chair("Budget"),
        speaking_time(Some(60), true),
        speaking_time(Some(60), false),
        speaking_time(None, false),
        withdraw_label(RequestKind::Question),
        claim_label("Ana"),
        your_booth("French"),
        other_on_air("Ana"),
        floor_given_to("Ana"),
        name_with_delegation("Ana", Some("Peru")),
        item_changed("Opening"),
        item_added("Opening"),
        channel_live("French"),
        channel_standby("French"),
        command_refused(Key::ActionOnAir, "reason"),
        item_used_of("1:00", "5:00"),
        item_used("1:00"),
        item_over("1:00"),
        in_language("French"),
        scheduled_start("15:00"),
        started_at("15:04"),
        item_ends_at("16:10"),
        meeting_ends_at("18:00"),
        item_title_label(&LanguageCode::new("fr")),
        speaker_log_downloaded("m1-speakers.csv"),
        speaker_log_failed(500),
        participants_failed(500),
        channel(&ChannelKind::Floor),
        channel(&ChannelKind::SignLanguage),
        channel(&ChannelKind::Captions),
        details(&["a".to_owned(), "b".to_owned()]),
        booth(&ChannelId::new("ar")),
        booth(&ChannelId::new("de")),
        booths(&[ChannelId::new("fr"), ChannelId::new("es")]),
        channel_back(&LanguageCode::new("fr")),
        media_link("French"),
        working_into_retour(&LanguageCode::new("en")),
        handover_waiting(42),
        handover_asked("Ana", 42),
        coming_next("Peru", &LanguageCode::new("es")),
        dead_air(&LanguageCode::new("es"), 12),
        roster_languages(&[LanguageCode::new("fr"), LanguageCode::new("en")]),
        roster_languages(&[]),
    ];
    let french = ChannelKind::Interpretation {
        language: LanguageCode::new("fr"),
    };
    let kinds = [
        ChannelKind::Floor,
        french,
        ChannelKind::SignLanguage,
        ChannelKind::Captions,
    ];
    let statuses = [
        ChannelStatus::Original,
        ChannelStatus::Live {
            booth: ChannelId::new("fr"),
        },
        ChannelStatus::Relay {
            booth: ChannelId::new("fr"),
            from: ChannelId::new("ar"),
        },
        ChannelStatus::Swapping,
        ChannelStatus::Paused,
        ChannelStatus::Standby,
        ChannelStatus::Unavailable,
    ];
    texts.push(hearing_floor_instead(&LanguageCode::new("es")));
    for kind in &kinds {
        texts.push(hearing(kind));
        texts.push(now_hearing(kind));
        for status in &statuses {
            texts.push(channel_status(kind, status));
            texts.push(channel_said(kind, status));
        }
    }
    for key in [
        Key::FallbackUpLabel,
        Key::FallbackDownLabel,
        Key::FallbackRemoveLabel,
    ] {
        texts.push(fallback_label(key, "Arabic"));
    }
    let arabic = LanguageCode::new("ar");
    let english = LanguageCode::new("en");
    for task in [
        BoothTask::Direct,
        BoothTask::Relay {
            pivot: ChannelId::new("ar"),
        },
        BoothTask::Retour {
            into: english.clone(),
        },
        BoothTask::Idle,
        BoothTask::NoSource,
    ] {
        texts.push(booth_task(&arabic, &task, Some(&arabic), None));
        texts.push(booth_task(
            &arabic,
            &task,
            Some(&english),
            Some(&ChannelId::new("ar")),
        ));
    }
    for count in [0, 1, 2, 3, 11, 100] {
        texts.push(queue_length(count));
        texts.push(also_asked(count));
        texts.push(clear_queue_confirm(count));
        texts.push(close_list_hint("16:10", count as u32, 5));
        texts.push(planned_minutes(count as u32));
        texts.push(estimated_wait(count as u64 * 60_000));
        texts.push(audience(count as u32));
        texts.push(roster_total(count));
        texts.push(roster_people(count));
        texts.push(roster_shown(count, 100));
        texts.push(participants_shown(count, 2000));
        texts.push(roster_devices(count as u32));
        texts.push(move_on_question(count, "Opening"));
        texts.push(needs_list("Captions"));
        texts.push(written_question("Why?"));
        let relying_booths: Vec<ChannelId> = (0..count.min(4))
            .map(|index| ChannelId::new(["fr", "es", "en", "de"][index]))
            .collect();
        if !relying_booths.is_empty() {
            texts.push(relying(&relying_booths));
        }
    }
    for key in [
        Key::MarkDoneLabel,
        Key::MarkSkippedLabel,
        Key::MarkUpcomingLabel,
        Key::MoveItemUpLabel,
        Key::MoveItemDownLabel,
        Key::EditItemLabel,
        Key::ItemMoreLabel,
        Key::ItemActionsLabel,
    ] {
        texts.push(item_action_label(key, "Opening"));
    }
    for key in [
        Key::MoveOnCarry,
        Key::MoveOnKeep,
        Key::RequestKept,
        Key::RequestClosed,
    ] {
        texts.push(about_item(key, "Opening"));
    }
    for key in [
        Key::CopyLinkLabel,
        Key::ShowLinkLabel,
        Key::RevokeLinkLabel,
        Key::ReplaceLinkLabel,
        Key::ParticipantLinkHeading,
        Key::LinkCopied,
        Key::RevokeConfirm,
        Key::ReplaceConfirm,
        Key::LinkRevokedDone,
        Key::LinkReplacedDone,
        Key::ParticipantAdded,
    ] {
        texts.push(about_participant(key, "Ana"));
    }
    texts.extend(
        [
            Role::Attendee,
            Role::Chair,
            Role::Interpreter,
            Role::SignLanguageInterpreter,
            Role::Captioner,
            Role::Organiser,
        ]
        .map(|r| role(r).to_owned()),
    );
    texts.extend(RequestKind::ALL.map(|kind| request_kind(kind).to_owned()));
    texts.extend(ErrorCode::ALL.map(|code| error_code(code).to_owned()));
    texts.extend([
        import_checked(12, 0),
        import_checked(1, 2),
        import_done(12, 3, 0),
        import_refused(2),
        import_error(17, "Languages", "`de` is not a language of this meeting"),
        import_failed(500),
        links_downloaded("m1-links.csv"),
        links_failed(500),
    ]);
    texts
}

#[test]
fn every_key_and_helper_formats_in_every_language() {
    let english = messages(Lang::En.source()).expect("English parses");
    let fixed: Vec<Key> = Key::ALL
        .iter()
        .copied()
        .filter(|key| english[key.id()].is_empty())
        .collect();
    for lang in Lang::ALL {
        in_lang(lang, || {
            FORMATTED.with(|formatted| formatted.borrow_mut().clear());
            for key in &fixed {
                assert!(!text(*key).trim().is_empty(), "{lang:?} {key:?}");
            }
            for text in every_helper() {
                assert!(!text.is_empty());
                assert!(!text.contains(['{', '}', '$']), "{lang:?}: {text:?}");
            }
            assert_eq!(take_problems(), Vec::<String>::new(), "{lang:?}");
            // Every message with variables has a helper that fills it.
            let formatted = FORMATTED.with(|formatted| formatted.borrow().clone());
            for key in Key::ALL {
                if !english[key.id()].is_empty() {
                    assert!(formatted.contains(key.id()), "no helper formats {key:?}");
                }
            }
        });
    }
}

#[test]
fn english_templates_are_filled() {
    assert_eq!(queue_position(2), "You are number 2 in the queue.");
    assert_eq!(speaking_for(65), "Speaking for 1:05");
    assert_eq!(time_left(155), "2:35 left");
    assert_eq!(time_over(12), "+0:12 over");
    assert_eq!(clock_time(3725), "1:02:05");
    assert_eq!(
        item_changed("Opening"),
        "Item changed: \u{2068}Opening\u{2069}"
    );
    assert_eq!(
        command_refused(Key::ActionRaiseHand, "your hand is already raised"),
        "Raise hand: your hand is already raised"
    );
    assert_eq!(queue_length(0), "Nobody is waiting to speak.");
    assert_eq!(queue_length(1), "1 person is waiting to speak.");
    assert_eq!(queue_length(5), "5 people are waiting to speak.");
    assert_eq!(
        name_with_delegation("Ana", Some("Peru")),
        "\u{2068}Ana\u{2069} (\u{2068}Peru\u{2069})"
    );
    assert_eq!(name_with_delegation("Peru", Some("Peru")), "Peru");
    assert_eq!(name_with_delegation("Ana", None), "Ana");
    assert_eq!(also_asked(1), "1 colleague also asked");
    assert_eq!(also_asked(3), "3 colleagues also asked");
    assert!(clear_queue_confirm(7).contains("all 7"));
    assert!(clear_queue_confirm(1).contains("the 1 raised hand"));
    assert_eq!(
        question_numbered(0, "Why?"),
        "Question 1: \u{2068}Why?\u{2069}"
    );
    assert_eq!(speaks_in(&LanguageCode::new("es")), "in Spanish");
    assert_eq!(
        delegation_position(1, "Ana"),
        "Your delegation is next (\u{2068}Ana\u{2069} speaks)."
    );
    assert_eq!(details(&["a".into(), "b".into()]), "a · b");
}

#[test]
fn waits_are_rounded_to_minutes() {
    assert_eq!(estimated_wait(59_999), "Estimated wait: less than a minute");
    assert_eq!(estimated_wait(60_000), "Estimated wait: about 1 min");
    assert_eq!(estimated_wait(150_000), "Estimated wait: about 3 min");
}

#[test]
fn speaking_times_say_where_they_come_from() {
    assert_eq!(speaking_time(None, true), "No speaking-time limit");
    assert_eq!(speaking_time(Some(180), false), "Speaking time: 3:00");
    assert_eq!(
        speaking_time(Some(90), true),
        "Speaking time: 1:30 (the meeting’s default)"
    );
}

#[test]
fn channels_are_named_by_language() {
    let french = ChannelKind::Interpretation {
        language: LanguageCode::new("fr"),
    };
    assert_eq!(channel_live(&channel(&french)), "French channel live");
    let klingon = ChannelKind::Interpretation {
        language: LanguageCode::new("tlh"),
    };
    assert_eq!(channel(&klingon), "tlh");
    assert_eq!(
        take_problems(),
        Vec::<String>::new(),
        "an unknown tag is no error"
    );
}

#[test]
fn the_interface_speaks_each_language() {
    let agenda = Lang::ALL.map(|lang| in_lang(lang, || text(Key::Agenda)));
    assert_eq!(
        agenda,
        ["جدول الأعمال", "Agenda", "Ordre du jour", "Orden del día"]
    );
    let speakers = Lang::ALL.map(|lang| in_lang(lang, || text(Key::Speakers)));
    assert_eq!(
        speakers,
        [
            "قائمة المتكلمين",
            "List of speakers",
            "Liste des orateurs",
            "Lista de oradores"
        ]
    );
    let kinds = |lang| {
        in_lang(lang, || {
            [RequestKind::PointOfOrder, RequestKind::RightOfReply].map(request_kind)
        })
    };
    assert_eq!(kinds(Lang::Ar), ["نقطة نظام", "حق الرد"]);
    assert_eq!(kinds(Lang::Fr), ["Motion d’ordre", "Droit de réponse"]);
    assert_eq!(
        kinds(Lang::Es),
        ["Cuestión de orden", "Derecho de respuesta"]
    );
    // Switching back gives the English strings again, not the last language's.
    assert_eq!(text(Key::Agenda), "Agenda");
}

#[test]
fn languages_are_named_in_the_interface_language() {
    let names = |lang| {
        in_lang(lang, || {
            ["ar", "en", "fr", "es"].map(|tag| language(&LanguageCode::new(tag)))
        })
    };
    assert_eq!(names(Lang::En), ["Arabic", "English", "French", "Spanish"]);
    assert_eq!(
        names(Lang::Fr),
        ["arabe", "anglais", "français", "espagnol"]
    );
    assert_eq!(names(Lang::Es), ["árabe", "inglés", "francés", "español"]);
    assert_eq!(
        names(Lang::Ar),
        ["العربية", "الإنكليزية", "الفرنسية", "الإسبانية"]
    );
    let french = LanguageCode::new("fr");
    assert_eq!(in_lang(Lang::Fr, || speaks_in(&french)), "en français");
    assert_eq!(in_lang(Lang::Ar, || speaks_in(&french)), "باللغة الفرنسية");
}

#[test]
fn arabic_counts_take_their_six_forms() {
    let lengths = in_lang(Lang::Ar, || [0, 1, 2, 3, 11, 100].map(queue_length));
    assert_eq!(
        lengths,
        [
            "لا أحد ينتظر دوره في الكلام.",
            "شخص واحد ينتظر دوره في الكلام.",
            "شخصان ينتظران دورهما في الكلام.",
            "3 أشخاص ينتظرون دورهم في الكلام.",
            "11 شخصًا ينتظرون دورهم في الكلام.",
            "100 شخص ينتظرون دورهم في الكلام.",
        ]
    );
    let minutes = in_lang(Lang::Ar, || [1, 2, 5, 15].map(planned_minutes));
    assert_eq!(minutes, ["دقيقة واحدة", "دقيقتان", "5 دقائق", "15 دقيقة"]);
}

#[test]
fn french_counts_treat_zero_and_one_alike_and_use_french_spacing() {
    let notes = in_lang(Lang::Fr, || [0, 1, 2].map(|count| note_count(count, 280)));
    assert_eq!(
        notes,
        [
            "0 caractère sur 280",
            "1 caractère sur 280",
            "2 caractères sur 280"
        ]
    );
    let refused = in_lang(Lang::Fr, || {
        command_refused(Key::ActionRaiseHand, error_code(ErrorCode::ListClosed))
    });
    assert_eq!(
        refused,
        "Lever la main\u{a0}: la liste des orateurs est close\u{202f}; \
         seules les motions d’ordre sont recevables"
    );
}

#[test]
fn interpretation_speaks_each_language_in_the_united_nations_manner() {
    let french = ChannelKind::Interpretation {
        language: LanguageCode::new("fr"),
    };
    let relay = ChannelStatus::Relay {
        booth: ChannelId::new("fr"),
        from: ChannelId::new("ar"),
    };
    let said = |lang| {
        in_lang(lang, || {
            [
                channel_said(&french, &ChannelStatus::Paused),
                channel_status(&french, &relay),
                booth_task(
                    &LanguageCode::new("ar"),
                    &BoothTask::Relay {
                        pivot: ChannelId::new("ar"),
                    },
                    Some(&LanguageCode::new("fr")),
                    None,
                ),
            ]
        })
    };
    assert_eq!(
        said(Lang::En),
        [
            "French interpretation paused.",
            "Live, via relay from the Arabic booth",
            "The floor speaks Arabic: take relay from the Arabic booth."
        ]
    );
    assert_eq!(
        said(Lang::Fr),
        [
            "L’interprétation en français est suspendue.",
            "En direct, via le relais de la cabine arabe",
            "L’orateur s’exprime en arabe\u{a0}: prenez le relais sur la cabine arabe."
        ]
    );
    assert_eq!(
        said(Lang::Es),
        [
            "La interpretación al francés está en pausa.",
            "En directo, con relé de la cabina árabe",
            "El orador habla en árabe: tome el relé de la cabina árabe."
        ]
    );
    assert_eq!(
        said(Lang::Ar),
        [
            "توقفت الترجمة الفورية إلى الفرنسية مؤقتًا.",
            "على الهواء، ترجمة عبر لغة وسيطة من المقصورة العربية",
            "المتكلم يتحدث باللغة العربية: خذ الترجمة عبر لغة وسيطة من المقصورة العربية."
        ]
    );
    // A booth of a language the interface has no booth name for.
    assert_eq!(booth(&ChannelId::new("de")), "de booth");
    assert_eq!(
        in_lang(Lang::Ar, || [0, 1, 2, 3, 11, 100].map(audience)),
        [
            "لا أحد يستمع إلى قناتك.",
            "شخص واحد يستمع إلى قناتك.",
            "شخصان يستمعان إلى قناتك.",
            "3 أشخاص يستمعون إلى قناتك.",
            "11 شخصًا يستمعون إلى قناتك.",
            "100 شخص يستمعون إلى قناتك.",
        ]
    );
}

#[test]
fn names_are_isolated_and_numbers_are_not() {
    let sentence = in_lang(Lang::Ar, || floor_given_to("Ana Pérez"));
    assert_eq!(sentence, "أُعطيت الكلمة إلى \u{2068}Ana Pérez\u{2069}.");
    let position = in_lang(Lang::Ar, || queue_position(4));
    assert_eq!(position, "ترتيبك في قائمة الانتظار: 4.");
}

#[test]
fn the_language_comes_from_the_saved_choice_then_the_browser() {
    assert_eq!(Lang::from_tag("fr-CH"), Some(Lang::Fr));
    assert_eq!(Lang::from_tag("AR"), Some(Lang::Ar));
    assert_eq!(Lang::from_tag("es_419"), Some(Lang::Es));
    assert_eq!(Lang::from_tag("de"), None);
    assert_eq!(Lang::from_tag(""), None);
    assert_eq!(Lang::choose(Some("es"), ["fr-FR"]), Lang::Es);
    assert_eq!(Lang::choose(Some("de"), ["de-DE", "ar-EG", "en"]), Lang::Ar);
    assert_eq!(Lang::choose(None, ["pt-BR", "fr-CA"]), Lang::Fr);
    assert_eq!(Lang::choose(None, []), Lang::En);
    assert_eq!(Lang::ALL.map(Lang::dir), ["rtl", "ltr", "ltr", "ltr"]);
    assert_eq!(
        Lang::ALL.map(Lang::native_name),
        ["العربية", "English", "Français", "Español"]
    );
}

#[test]
fn who_is_connected_is_counted_in_each_language() {
    assert_eq!(
        [0, 1, 5].map(roster_total),
        [
            "Nobody is connected.",
            "1 person is connected.",
            "5 people are connected."
        ]
    );
    assert_eq!(roster_devices(2), "2 devices");
    assert_eq!(roster_shown(1, 5), "Showing 1 person of 5.");
    assert_eq!(
        roster_languages(&[LanguageCode::new("fr"), LanguageCode::new("en")]),
        "Languages: French, English"
    );
    assert_eq!(
        in_lang(Lang::Ar, || [0, 1, 2, 3, 11, 100].map(roster_people)),
        [
            "لا أحد",
            "شخص واحد",
            "شخصان",
            "3 أشخاص",
            "11 شخصًا",
            "100 شخص"
        ]
    );
    assert_eq!(
        in_lang(Lang::Ar, || [2, 3, 11].map(roster_devices)),
        ["جهازان", "3 أجهزة", "11 جهازًا"]
    );
    assert_eq!(
        in_lang(Lang::Fr, || [0, 1, 2].map(roster_total)),
        [
            "Personne n’est connecté.",
            "1 personne est connectée.",
            "2 personnes sont connectées."
        ]
    );
    assert_eq!(
        in_lang(Lang::Fr, || roster_languages(&[LanguageCode::new("es")])),
        "Langues\u{a0}: espagnol"
    );
    assert_eq!(
        in_lang(Lang::Es, || [1, 3].map(|count| roster_shown(count, 4))),
        ["Se muestra 1 persona de 4.", "Se muestran 3 personas de 4."]
    );
    assert_eq!(take_problems(), Vec::<String>::new());
}

/// One word, one meaning: withdrawing one's own request and removing someone else's from
/// the list are different acts, and no language names them alike (French said "Retirer"
/// for both).
#[test]
fn withdrawing_and_removing_are_told_apart_in_every_language() {
    for lang in Lang::ALL {
        let (withdraw, remove) = in_lang(lang, || (text(Key::Withdraw), text(Key::Remove)));
        assert_ne!(withdraw, remove, "{lang:?}");
    }
}

/// Channel lists name languages as labels, capitalised in every language that has capitals
/// (French and Spanish write language names in lower case inside sentences).
#[test]
fn channel_lists_name_languages_as_labels() {
    let french = ChannelKind::Interpretation {
        language: LanguageCode::new("fr"),
    };
    let labels: Vec<String> = Lang::ALL
        .into_iter()
        .map(|lang| in_lang(lang, || channel_label(&french)))
        .collect();
    let by = |lang: Lang| labels[Lang::ALL.iter().position(|l| *l == lang).unwrap()].clone();
    assert_eq!(by(Lang::Fr), "Français");
    assert_eq!(by(Lang::Es), "Francés");
    assert_eq!(by(Lang::En), "French");
    assert_eq!(by(Lang::Ar), in_lang(Lang::Ar, || channel(&french)));
    assert_eq!(
        in_lang(Lang::Fr, || channel(&french)),
        "français",
        "inside sentences"
    );
}

/// A control's accessible name contains its visible label (WCAG 2.5.3), so that people who
/// speak to their computer can say what they see: the chair's "Re-add last speaker" names
/// the speaker after the label, in every language.
#[test]
fn the_readd_button_is_named_after_its_label() {
    for lang in Lang::ALL {
        let (label, name) = in_lang(lang, || {
            (
                text(Key::ReaddLastSpeaker).to_owned(),
                readd_label("Ana Pérez"),
            )
        });
        assert!(
            name.starts_with(&label),
            "{lang:?}: {name:?} does not start with {label:?}"
        );
        assert!(name.contains("Ana Pérez"), "{lang:?}: {name:?}");
    }
}

/// Every button whose accessible name says more than its visible text (which item, which
/// speaker, which channel) has a name that begins with that text (WCAG 2.5.3, Label in
/// Name; axe-core's `label-content-name-mismatch`), in every language.
#[test]
fn every_button_is_named_after_its_visible_label() {
    let title = "Opening";
    let name = "Ana Pérez";
    let channel = "Arabic";
    for lang in Lang::ALL {
        let pairs: Vec<(&str, String)> = in_lang(lang, || {
            vec![
                (text(Key::GoTo), go_to_label(title)),
                (
                    text(Key::MarkDone),
                    item_action_label(Key::MarkDoneLabel, title),
                ),
                (
                    text(Key::MarkSkipped),
                    item_action_label(Key::MarkSkippedLabel, title),
                ),
                (
                    text(Key::MarkUpcoming),
                    item_action_label(Key::MarkUpcomingLabel, title),
                ),
                (
                    text(Key::MoveUp),
                    item_action_label(Key::MoveItemUpLabel, title),
                ),
                (
                    text(Key::MoveDown),
                    item_action_label(Key::MoveItemDownLabel, title),
                ),
                (
                    text(Key::EditItem),
                    item_action_label(Key::EditItemLabel, title),
                ),
                (text(Key::GiveFloor), give_floor_label(name)),
                (text(Key::MoveUp), move_up_label(name)),
                (text(Key::MoveDown), move_down_label(name)),
                (text(Key::Remove), remove_label(name)),
                (text(Key::ReaddLastSpeaker), readd_label(name)),
                (
                    text(Key::Withdraw),
                    withdraw_label(RequestKind::Intervention),
                ),
                (text(Key::ClaimRequest), claim_label(name)),
                (
                    text(Key::CopyLink),
                    about_participant(Key::CopyLinkLabel, name),
                ),
                (
                    text(Key::ShowLink),
                    about_participant(Key::ShowLinkLabel, name),
                ),
                (
                    text(Key::RevokeLink),
                    about_participant(Key::RevokeLinkLabel, name),
                ),
                (
                    text(Key::ReplaceLink),
                    about_participant(Key::ReplaceLinkLabel, name),
                ),
                (
                    text(Key::MoveUp),
                    fallback_label(Key::FallbackUpLabel, channel),
                ),
                (
                    text(Key::MoveDown),
                    fallback_label(Key::FallbackDownLabel, channel),
                ),
                (
                    text(Key::Remove),
                    fallback_label(Key::FallbackRemoveLabel, channel),
                ),
            ]
        });
        for (visible, accessible) in pairs {
            assert!(
                accessible.starts_with(visible),
                "{lang:?}: {accessible:?} does not start with {visible:?}"
            );
        }
    }
}

/// The tab's title isolates the meeting's title, which comes from people: a Latin title
/// with punctuation keeps its order before an Arabic application name.
#[test]
fn the_tab_title_isolates_the_meeting_title() {
    let title = in_lang(Lang::Ar, || tab_title(Some("Dr. Smith's meeting (UK)")));
    assert_eq!(
        title,
        format!(
            "\u{2068}Dr. Smith's meeting (UK)\u{2069} · {}",
            in_lang(Lang::Ar, || text(Key::AppName))
        )
    );
    assert_eq!(tab_title(None), "Meeting control");
}

//! The protocol reference stays true: `docs/protocol.schema.json` is generated from the
//! `protocol` crate, and `docs/protocol.md` names every message, command, event, error
//! code and close code; the check every end-to-end test makes of every server message
//! against the schema can fail. Run with `UPDATE_DOCS=1` to rewrite the schema after a
//! change.

use protocol::{
    Command, ErrorCode, Hello, Listening, Participant, ParticipantId, Role, ServerMessage, Welcome,
    close,
};
use schemars::generate::SchemaSettings;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use tests::{check_server_message, workspace_root};

/// The whole protocol as one JSON Schema document (draft 2020-12).
///
/// What clients send is described as the server reads it (a field with a default may be
/// left out) and refuses any field it does not know; what the server sends is described
/// as it writes it, so that every field it always writes is `required`.
fn protocol_schema() -> Value {
    let mut reads = SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator();
    let hello = reads.subschema_for::<Hello>();
    let listening = reads.subschema_for::<Listening>();
    let command = reads.subschema_for::<Command>();
    let mut definitions = reads.take_definitions(true);
    // Unknown fields are refused at the level of the whole message (below): a part's
    // own `additionalProperties` would also refuse the `type` and `id` around it.
    for name in ["Hello", "Listening", "Command"] {
        if let Some(definition) = definitions.get_mut(name) {
            drop_additional_properties(definition);
        }
    }
    let mut writes = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let server_message = writes.subschema_for::<ServerMessage>();
    for (name, definition) in writes.take_definitions(true) {
        if let Some(read) = definitions.get(&name) {
            assert_eq!(
                read, &definition,
                "{name} is read and written differently: name its schemas apart"
            );
        }
        definitions.insert(name, definition);
    }
    let id = json!({ "type": "integer", "minimum": 0 });
    definitions.insert(
        "ClientMessage".into(),
        json!({
            "description": "A message from a client: `hello` first, then commands and `listen` (each with an `id`) and `refresh_token`. A field the server does not know is refused (`invalid`).",
            "oneOf": [
                {
                    "allOf": [hello, {
                        "properties": { "type": { "const": "hello" } },
                        "required": ["type"]
                    }],
                    "unevaluatedProperties": false
                },
                {
                    "type": "object",
                    "properties": {
                        "type": { "const": "refresh_token" },
                        "id": id,
                        "token": { "type": "string" }
                    },
                    "required": ["type", "id", "token"],
                    "additionalProperties": false
                },
                {
                    "allOf": [listening, {
                        "properties": { "type": { "const": "listen" }, "id": id },
                        "required": ["type", "id"]
                    }],
                    "unevaluatedProperties": false
                },
                {
                    "allOf": [command, {
                        "properties": { "id": id },
                        "required": ["id"]
                    }],
                    "unevaluatedProperties": false
                }
            ]
        }),
    );
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": format!("Meeting control protocol, version {}", protocol::PROTOCOL_VERSION),
        "description": "JSON text frames over one WebSocket at /ws. See docs/protocol.md.",
        "oneOf": [{ "$ref": "#/$defs/ClientMessage" }, server_message],
        "$defs": definitions,
    })
}

/// Removes every `"additionalProperties": false` from `schema`.
fn drop_additional_properties(schema: &mut Value) {
    match schema {
        Value::Object(object) => {
            if object.get("additionalProperties") == Some(&Value::Bool(false)) {
                object.remove("additionalProperties");
            }
            object.values_mut().for_each(drop_additional_properties);
        }
        Value::Array(values) => values.iter_mut().for_each(drop_additional_properties),
        _ => {}
    }
}

/// Every `"const"` that a `type` property takes anywhere in `schema`.
fn type_names(schema: &Value, names: &mut BTreeSet<String>) {
    match schema {
        Value::Object(object) => {
            if let Some(Value::Object(properties)) = object.get("properties")
                && let Some(name) = properties
                    .get("type")
                    .and_then(|kind| kind.get("const"))
                    .and_then(Value::as_str)
            {
                names.insert(name.to_owned());
            }
            object.values().for_each(|value| type_names(value, names));
        }
        Value::Array(values) => values.iter().for_each(|value| type_names(value, names)),
        _ => {}
    }
}

#[test]
fn the_json_schema_is_generated_from_the_protocol_crate() {
    let path = workspace_root().join("docs/protocol.schema.json");
    let generated = serde_json::to_string_pretty(&protocol_schema()).unwrap() + "\n";
    if std::env::var_os("UPDATE_DOCS").is_some() {
        // Whole or not at all: the other tests read the schema meanwhile.
        let fresh = path.with_extension("json.new");
        std::fs::write(&fresh, &generated).unwrap();
        std::fs::rename(&fresh, &path).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is stale: run `UPDATE_DOCS=1 cargo test -p tests --test it protocol_docs` and commit it",
        path.display()
    );
}

#[test]
fn the_reference_names_every_message_code_and_close_code() {
    let reference = std::fs::read_to_string(workspace_root().join("docs/protocol.md")).unwrap();
    let mut names = BTreeSet::new();
    type_names(&protocol_schema(), &mut names);
    // The schema must see the messages that tests rely on, or this check checks nothing.
    for known in [
        "hello",
        "refresh_token",
        "raise_hand",
        "welcome",
        "event",
        "floor_requested",
        "queue",
        "your_requests",
    ] {
        assert!(
            names.contains(known),
            "{known} missing from the schema's types"
        );
    }
    let mut missing: Vec<String> = names
        .iter()
        .filter(|name| !reference.contains(&format!("`{name}`")))
        .cloned()
        .collect();
    let codes = serde_json::to_value(ErrorCode::ALL).unwrap();
    for code in codes.as_array().unwrap() {
        let code = code.as_str().unwrap();
        if !reference.contains(&format!("`{code}`")) {
            missing.push(code.to_owned());
        }
    }
    for (code, name) in close::ALL {
        if !reference.contains(&format!("| {code} |")) {
            missing.push(format!("close code {code} ({name})"));
        }
    }
    assert!(
        missing.is_empty(),
        "docs/protocol.md does not document: {missing:?}"
    );
}

/// The check that every end-to-end test runs on every server message can fail: a
/// welcome as the server writes it conforms, and one that leaves out a field the
/// reference promises does not.
#[test]
fn the_schema_check_refuses_what_the_reference_does_not_promise() {
    let welcome = ServerMessage::Welcome(Welcome {
        protocol: protocol::PROTOCOL_VERSION,
        you: Participant {
            id: ParticipantId::new("peru"),
            name: "Delegate of Peru".into(),
            role: Role::Attendee,
            delegation: Some("Peru".into()),
            booth: None,
            languages: vec![],
        },
        seq: 0,
        resumed: false,
        token_expires_at: 1_764_460_800,
        meeting: Some(Box::new(tests::demo_meeting().initial_state().summarised())),
    });
    let written = serde_json::to_value(&welcome).unwrap();
    check_server_message(&written.to_string()).expect("a welcome as written conforms");

    let mut stateless = written.clone();
    let item = &mut stateless["meeting"]["agenda"][0];
    assert_eq!(item["state"], "upcoming", "{item}");
    item.as_object_mut().unwrap().remove("state");
    let errors = check_server_message(&stateless.to_string()).unwrap_err();
    assert!(errors.contains("state"), "{errors}");
    assert!(errors.contains("/meeting/agenda/0"), "{errors}");

    let mut unstarted = written.clone();
    assert_eq!(unstarted["meeting"]["current_item"], Value::Null);
    unstarted["meeting"]
        .as_object_mut()
        .unwrap()
        .remove("current_item");
    let errors = check_server_message(&unstarted.to_string()).unwrap_err();
    assert!(errors.contains("current_item"), "{errors}");

    let mut mistyped = written;
    mistyped["seq"] = "zero".into();
    assert!(check_server_message(&mistyped.to_string()).is_err());
    assert!(check_server_message(r#"{"type":"welcome"}"#).is_err());
    assert!(check_server_message(r#"{"type":"launch_rockets"}"#).is_err());
}

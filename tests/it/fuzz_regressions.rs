//! Replays every input kept in `fuzz/regressions/` through the same checks the fuzz
//! targets make, so that what fuzzing found stays fixed without a nightly toolchain.

use protocol::ClientMessage;
use std::path::PathBuf;
use tests::workspace_root;

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = workspace_root().join("fuzz/regressions").join(target);
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("read {}: {error}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "{} holds no inputs", dir.display());
    inputs
}

#[test]
fn kept_client_messages_decode_or_fail_cleanly_and_round_trip() {
    for (path, bytes) in inputs("decode_client_message") {
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        if let Ok(message) = ClientMessage::decode(text) {
            let again = ClientMessage::decode(&message.encode())
                .unwrap_or_else(|error| panic!("{}: re-encoded message: {error}", path.display()));
            assert_eq!(again, message, "{}", path.display());
        }
    }
}

#[test]
fn kept_meeting_simulations_keep_the_invariants() {
    for (path, bytes) in inputs("meeting_simulation") {
        if let Err(violation) = server::rules::simulation::run(&bytes) {
            panic!("{}: {violation:?}", path.display());
        }
    }
}

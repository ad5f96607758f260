//! Decoding whatever a client sends never panics, and what decodes re-encodes to the same
//! message.
#![no_main]

use libfuzzer_sys::fuzz_target;
use protocol::ClientMessage;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(message) = ClientMessage::decode(text) {
        let again = ClientMessage::decode(&message.encode()).expect("encoded messages decode");
        assert_eq!(again, message);
    }
});

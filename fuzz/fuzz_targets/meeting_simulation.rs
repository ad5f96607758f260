//! Random command sequences by random participants keep the meeting's invariants: every
//! decided event folds, refused commands change nothing, nobody is queued twice, the
//! speaker is not queued, snapshots round-trip.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(violation) = server::rules::simulation::run(data) {
        panic!("{violation:?}");
    }
});

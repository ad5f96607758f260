//! The end-to-end tests: the real server on loopback sockets, the server binary as a
//! separate process, Redis and nginx, and the browser client in headless Chromium.
//!
//! They are one test binary with a module per area, so that the server is linked once
//! rather than once per area. Run one area with `cargo test -p tests --test it agenda::`,
//! one test by its name, or everything with `cargo test -p tests`. The helpers they share
//! (a test server, a protocol client, chromedriver, processes) are the `tests` library
//! in `tests/src/`.
//!
//! # Layout
//!
//! - [`accessibility`]: axe-core finds nothing in any view or language; views reflow
//!   into 320 CSS px; the hand goes up by keyboard alone; the README's screenshots.
//! - [`agenda`]: the live agenda: moving, marking, adding, editing; only the chair may.
//! - [`browser`]: the browser client across several headless Chromium sessions.
//! - [`cluster`]: several server nodes sharing meetings through a real Redis and nginx.
//! - [`crash`]: the server binary killed with SIGKILL and restarted; its command line.
//! - [`engine`]: durability, recovery and limits of the real-time engine.
//! - [`fuzz_regressions`]: every input kept in `fuzz/regressions/`, replayed.
//! - [`import`]: registrations imported from CSV, invite links exported as CSV, over
//!   HTTP and from the organiser's page.
//! - [`interpretation`]: booths, interlocks, handover, relay and channel notices.
//! - [`meetings_api`]: meetings created, updated and closed over HTTP.
//! - [`protocol_docs`]: `docs/protocol.schema.json` and `docs/protocol.md` stay true.
//! - [`roster`]: who is connected, for the chair and the organisers only.
//! - [`speaker_log`]: the speaker log's JSON, CSV and Markdown downloads.
//! - [`speakers`]: the list of speakers: ordering, the chair's actions, delegations.
//! - [`websocket`]: the protocol itself: hello, versions, refusals, resuming, frames.
//!
//! # One process
//!
//! The areas used to be separate test binaries and now share one process, whose test
//! threads (one per core, as before) run tests of different areas side by side. Nothing
//! here depends on being alone in the process: every test starts its own server on a
//! free port, its own chromedriver, its own Redis and its own data directory; the
//! server's metrics are process-wide, so the tests that read them look for what their
//! own requests must have added, never for exact totals.

mod accessibility;
mod agenda;
mod browser;
mod cluster;
mod crash;
mod engine;
mod fuzz_regressions;
mod import;
mod interpretation;
mod meetings_api;
mod participants;
mod protocol_docs;
mod registrations;
mod roster;
mod speaker_log;
mod speakers;
mod websocket;

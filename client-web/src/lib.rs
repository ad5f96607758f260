//! The browser client of the meeting-control service: Rust compiled to WebAssembly with
//! Leptos (client-side rendering). It folds the server's events with the same
//! [`protocol::MeetingState::apply`] as the server, so both always agree.
//!
//! # Layout
//!
//! The pure part depends only on `protocol`, compiles for any target and is unit-tested
//! natively (`cargo test -p client-web`):
//!
//! - [`i18n`]: every visible string, in Arabic, English, French and Spanish: Fluent
//!   messages from `locales/*.ftl`, looked up by key, and the interface language.
//! - [`agenda`]: the agenda as the page shows it: items' states and titles, the live
//!   item's time against its plan, the forecast of when the item and the meeting end,
//!   the chair's controls per item and the commands of the item forms.
//! - [`model`]: the meeting as the client knows it ([`model::Meeting`]: the folded state
//!   and, for a summarised state, the viewer's requests from `your_requests`), how each
//!   server message folds into it, and the viewer's estimated waits (the server's,
//!   counted down).
//! - [`announce`]: what is worth announcing to the viewer: their situation before and
//!   after each message, what the live regions say, the words for a refused command.
//! - [`inbox`]: what each message from the server means for the client (the Elm
//!   architecture's update step): [`inbox::Inbox::on_message`] folds it into
//!   [`inbox::Known`] and returns [`inbox::Effect`]s (announce, alert, send `listen`,
//!   resynchronise, release the hand button, reset the roster, reconnect or give up).
//! - [`channels`]: the channels as a listener follows them: what each delivers, the
//!   chosen channel and its ordered fallbacks, following the first that delivers, what
//!   `listen` says and what is announced when a followed channel changes.
//! - [`console`]: the console of an interpreter (or signer, or captioner): pause, retour,
//!   relay and handover as they fit the moment, the booth's task, who relies on it, the
//!   next speaker's language, dead air.
//! - [`speakers`]: the list of speakers as the page shows it: who sees what, the queue's
//!   rows, the viewer's requests with their positions, the chair's controls, and the
//!   commands the request form and buttons send.
//! - [`timing`]: the server's clock as estimated from what it sends, the speaking-time
//!   countdown, reading a speaking time typed by the chair.
//! - [`roster`]: who is connected (the chair's and organisers' `roster` messages folded
//!   into one list), counted by role, delegation and language, filtered and ordered.
//! - [`speaker_log`]: downloading the speaker log from the page: its formats, the
//!   endpoint and file name of each, the words for a refusal.
//! - [`import`]: importing registrations from the organisers' page: the fields, the
//!   file's headers and the suggested mapping, the request and the server's answer.
//! - [`policy`]: the reconnect backoff, what each close code means, and reading the token
//!   from the invite link's fragment.
//! - [`registration`]: self-registration as the pages show it: the registration page's
//!   form, its checks and body, where a registration stands, and what organisers are
//!   told when registrations arrive or are decided.
//! - [`storage`]: what the client keeps in the browser (the token, the interface
//!   language, the choice of channel), each under one key named there; reading and
//!   writing it is compiled for `wasm32` only.
//!
//! The browser part is compiled for `wasm32` only (`main.rs` mounts `App`):
//!
//! - `app.rs`: the page: header, notices, and the sections for the viewer's role.
//! - `session.rs`: the shared client state (signals) that views read and the connection
//!   writes, provided as a context; it lends its values to the inbox for each message.
//! - `connection.rs`: the WebSocket, thin: `hello`, sending commands (and the hand
//!   button's toggle), decoding frames for the inbox and performing its effects,
//!   reconnecting with backoff and `since`.
//! - `invite.rs`: the token: taken from the address bar, kept for the tab.
//! - `locale.rs`: the interface language in the browser: the saved choice or the
//!   browser's languages, `<html lang dir>`, remembering the viewer's pick.
//! - `views/`: one file per area of the page: `header` (with the language picker),
//!   `agenda` (the current item, the forecast, the agenda and the chair's agenda
//!   controls), `floor` (the speech and its countdown), `speakers` (the queue), `request`
//!   (the request form and the viewer's requests), `list_controls` (the chair's
//!   management of the list), `channels` (what each channel delivers, the listener's
//!   choice and fallbacks, the chair's floor language), `booth` (the interpreter's
//!   console), `roster` (who is connected, for organisers and the chair),
//!   `speaker_log` (downloading the speaker log, for organisers and the chair),
//!   `participants_import` (importing registrations and downloading every invite link,
//!   for organisers), `banners` (the meeting has ended; dead air), `registration` (the
//!   registration page at `/register/{meeting}`, which `app.rs` draws instead of the
//!   meeting's page) and `registrations` (the organisers' registrations).
//!
//! # DOM contract
//!
//! The end-to-end browser tests find things by the ids and attributes listed in
//! `views/mod.rs`; keep them stable.

pub mod agenda;
pub mod announce;
pub mod channels;
pub mod console;
pub mod i18n;
pub mod import;
pub mod inbox;
pub mod model;
pub mod participants;
pub mod policy;
pub mod registration;
pub mod roster;
pub mod speaker_log;
pub mod speakers;
pub mod storage;
pub mod timing;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod connection;
#[cfg(target_arch = "wasm32")]
mod http;
#[cfg(target_arch = "wasm32")]
mod invite;
#[cfg(target_arch = "wasm32")]
mod locale;
#[cfg(target_arch = "wasm32")]
mod session;
#[cfg(target_arch = "wasm32")]
mod views;

#[cfg(target_arch = "wasm32")]
pub use app::App;

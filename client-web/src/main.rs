//! The browser client of the meeting-control service: Rust compiled to WebAssembly with
//! Leptos (client-side rendering). It folds the server's events with the same
//! `protocol::MeetingState::apply` as the server.
//!
//! # Layout
//!
//! - `main.rs`: installs the panic hook and mounts the app. Nothing else.
//! - `app.rs`: the page: header, agenda, floor, list of speakers, channels, notices.
//! - `session.rs`: the shared client state (signals) that views read and the connection
//!   writes, and the announcements derived from events.
//! - `connection.rs`: the WebSocket: `hello`, commands, reconnecting with backoff and
//!   `since`, the token from the URL fragment.
//! - `text.rs`: every visible string, in one place, so that translations can follow.

mod app;
mod connection;
mod session;
mod text;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}

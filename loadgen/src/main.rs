//! `loadgen`: drives the meeting-control server (or a minimal broadcast server, the
//! baseline) with thousands of real WebSocket clients speaking the real protocol with
//! real tokens, and reports what it measured. Every run is bounded in clients and time
//! and talks to loopback addresses only.
//!
//! # Layout
//!
//! - `main.rs`: the command line.
//! - `target.rs`: starts the server under test (ours or the baseline) as a child process
//!   on a free loopback port, and reads its memory.
//! - `baseline.rs`: the baseline: a minimal tokio-tungstenite broadcast server.
//! - `clients.rs`: opening many connections, spread over loopback source addresses.
//! - `scenarios.rs`: idle, fan-out, burst, reconnect storm, slow consumers, open-and-close
//!   cycles.
//! - `stats.rs`: percentiles and the report.

mod baseline;
mod clients;
mod scenarios;
mod stats;
mod target;

use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use std::time::Duration;

/// Load generator and benchmark scenarios for the meeting-control server.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run one scenario against a freshly started server and print the results.
    Run(scenarios::Options),
    /// Run the baseline broadcast server (used by `run --target baseline`).
    Baseline {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:0")]
        addr: String,
    },
}

/// Which server a scenario runs against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Target {
    /// The meeting-control server (release build), with a fresh SQLite log.
    Ours,
    /// The minimal broadcast server: no auth, no state, no storage, small buffers.
    Baseline,
}

/// Upper bound on any one run, so that a stuck run ends by itself.
pub const RUN_DEADLINE: Duration = Duration::from_secs(300);

fn main() -> Result<()> {
    let cli = Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    match cli.command {
        Command::Run(options) => runtime.block_on(scenarios::run(options)),
        Command::Baseline { addr } => runtime.block_on(baseline::serve(&addr)),
    }
}

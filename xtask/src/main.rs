//! Project chores, run as `cargo xtask <task>`.
//!
//! - `build-client`: builds the browser client to WebAssembly and runs wasm-bindgen as a
//!   library (no binary is downloaded), writing the page to `target/client-dist/`.
//! - `serve`: builds the client and runs the server with the demo meeting.
//! - `test`: formatting, lints, the client build, and every test.

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Parser)]
#[command(about = "Project chores: build the browser client, serve, test")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Build the browser client into target/client-dist.
    BuildClient {
        /// Build without optimisation (faster to build, bigger and slower to run).
        #[arg(long)]
        debug: bool,
    },
    /// Build the client and run the server with the demo meeting. Other arguments go to
    /// `server serve` (see `cargo run -p server -- serve --help`), e.g. `--addr 0.0.0.0:8080`.
    Serve {
        /// Arguments for `server serve`.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Check formatting and lints, build the client, run every test.
    Test,
}

fn main() -> Result<()> {
    match Cli::parse().task {
        Task::BuildClient { debug } => build_client(!debug).map(|_| ()),
        Task::Serve { args } => serve(&args),
        Task::Test => test(),
    }
}

/// The workspace's root directory.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_owned()
}

/// Runs a command in the workspace root, failing when it fails.
fn run(program: &str, args: &[&str], envs: &[(&str, &Path)]) -> Result<()> {
    eprintln!("$ {program} {}", args.join(" "));
    let mut command = Command::new(program);
    command.args(args).current_dir(root());
    for (key, value) in envs {
        command.env(key, value);
    }
    let status = command.status().with_context(|| format!("run {program}"))?;
    if !status.success() {
        bail!("`{program} {}` failed ({status})", args.join(" "));
    }
    Ok(())
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// Installs the wasm32 target through rustup when it is missing.
fn ensure_wasm_target() -> Result<()> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .context("run rustup (the wasm32 target is installed through it)")?;
    let installed = String::from_utf8_lossy(&installed.stdout);
    if !installed
        .lines()
        .any(|line| line.trim() == "wasm32-unknown-unknown")
    {
        run("rustup", &["target", "add", "wasm32-unknown-unknown"], &[])?;
    }
    Ok(())
}

/// Builds the browser client and returns the directory to serve.
fn build_client(release: bool) -> Result<PathBuf> {
    ensure_wasm_target()?;
    let profile = if release { "wasm-release" } else { "dev" };
    run(
        &cargo(),
        &[
            "build",
            "-p",
            "client-web",
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            profile,
        ],
        &[],
    )?;
    let profile_dir = if release { "wasm-release" } else { "debug" };
    let wasm = root()
        .join("target/wasm32-unknown-unknown")
        .join(profile_dir)
        .join("client-web.wasm");
    let dist = root().join("target/client-dist");
    if dist.exists() {
        std::fs::remove_dir_all(&dist).context("clear target/client-dist")?;
    }
    std::fs::create_dir_all(&dist)?;
    eprintln!("$ wasm-bindgen {} --target web", wasm.display());
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .out_name("client")
        .web(true)?
        .typescript(false)
        // Let `init()` find `client_bg.wasm` next to `client.js` by itself.
        .omit_default_module_path(false)
        .debug(!release)
        .generate(&dist)
        .context("run wasm-bindgen")?;
    let static_dir = root().join("client-web/static");
    for entry in std::fs::read_dir(&static_dir).context("read client-web/static")? {
        let entry = entry?;
        std::fs::copy(entry.path(), dist.join(entry.file_name()))?;
    }
    let size = std::fs::metadata(dist.join("client_bg.wasm"))?.len();
    eprintln!(
        "client built in {} ({} KiB of wasm)",
        dist.display(),
        size / 1024
    );
    Ok(dist)
}

fn serve(args: &[String]) -> Result<()> {
    let dist = build_client(true)?;
    let mut server_args: Vec<String> = ["run", "--release", "-p", "server", "--", "serve"]
        .map(String::from)
        .to_vec();
    server_args.extend(["--static-dir".to_owned(), dist.display().to_string()]);
    let names_meeting = args
        .iter()
        .any(|arg| arg == "--meeting" || arg.starts_with("--meeting="));
    if !names_meeting && std::env::var_os("MEETING_FILES").is_none() {
        server_args.extend([
            "--meeting".to_owned(),
            "examples/demo-meeting.toml".to_owned(),
        ]);
    }
    server_args.extend(args.iter().cloned());
    let server_args: Vec<&str> = server_args.iter().map(String::as_str).collect();
    run(&cargo(), &server_args, &[])
}

fn test() -> Result<()> {
    let cargo = cargo();
    run(&cargo, &["fmt", "--all", "--", "--check"], &[])?;
    run(
        &cargo,
        &[
            "clippy",
            "--workspace",
            "--exclude",
            "client-web",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    )?;
    ensure_wasm_target()?;
    run(
        &cargo,
        &[
            "clippy",
            "-p",
            "client-web",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    )?;
    let dist = build_client(true)?;
    run(
        &cargo,
        &["test", "--workspace", "--exclude", "client-web"],
        &[("CLIENT_DIST", &dist)],
    )
}

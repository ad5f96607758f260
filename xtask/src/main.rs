//! Project chores, run as `cargo xtask <task>` (the alias is in `.cargo/config.toml`).
//!
//! - `build-client [--debug]`: builds the browser client for `wasm32-unknown-unknown`
//!   (installing the target through rustup when missing) and runs wasm-bindgen as a
//!   library, so that no binary is downloaded. Writes the page to `target/client-dist/`.
//! - `serve [ARGS…]`: builds the client, then runs `server serve` with it and the demo
//!   meeting; other arguments go to the server (`--addr 127.0.0.1:9000`, …).
//! - `test`: formatting, lints (native and wasm32), the release client build, axe-core for
//!   the accessibility tests (`npm ci` in `tests/a11y`, from the npm registry), then every
//!   test with `CLIENT_DIST` pointing at that build. Stops at the first failure.
//!
//! The target directory is `$CARGO_TARGET_DIR` when set, else `target/` in the workspace.

use anyhow::{Context, Result, bail, ensure};
use clap::{Parser, Subcommand};
use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The wasm target the browser client is built for.
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The base name wasm-bindgen gives its output: `client.js` and `client_bg.wasm`.
const OUT_NAME: &str = "client";
/// In `static/index.html`, replaced by a hash of the build so that browsers never mix a
/// cached script with a new module.
const VERSION_PLACEHOLDER: &str = "{{version}}";

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
    /// Build the client and run the server with it and the demo meeting. Other arguments
    /// go to `server serve` (see `cargo run -p server -- serve --help`), e.g.
    /// `--addr 127.0.0.1:9000` or `--meeting my-meeting.toml`.
    Serve {
        /// Build the client without optimisation.
        #[arg(long)]
        debug_client: bool,
        /// Arguments for `server serve`.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Check formatting and lints, build the client, run every test.
    Test,
}

fn main() -> Result<()> {
    match Cli::parse().task {
        Task::BuildClient { debug } => build_client(!debug).map(drop),
        Task::Serve { debug_client, args } => serve(!debug_client, &args),
        Task::Test => test(),
    }
}

/// The workspace's root directory: the parent of this crate's.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_owned()
}

/// Cargo's target directory, as the cargo commands below (run in the root) see it.
fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root().join(dir),
        None => root().join("target"),
    }
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// Runs a program in the workspace root, failing when it fails.
fn run(program: &str, args: &[&str], envs: &[(&str, &Path)]) -> Result<()> {
    eprintln!("$ {program} {}", args.join(" "));
    let mut command = Command::new(program);
    command.args(args).current_dir(root());
    for (key, value) in envs {
        command.env(key, value);
    }
    let status = command
        .status()
        .with_context(|| format!("cannot run {program}"))?;
    if !status.success() {
        bail!("`{program} {}` failed ({status})", args.join(" "));
    }
    Ok(())
}

/// Installs the wasm32 target through rustup when it is missing. No binary comes from
/// anywhere else: wasm-bindgen runs as a library below.
fn ensure_wasm_target() -> Result<()> {
    let output = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .context("cannot run rustup (the wasm32 target is installed through it)")?;
    ensure!(
        output.status.success(),
        "`rustup target list --installed` failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let installed = String::from_utf8_lossy(&output.stdout);
    if !installed.lines().any(|line| line.trim() == WASM_TARGET) {
        run("rustup", &["target", "add", WASM_TARGET], &[])?;
    }
    Ok(())
}

/// Builds the browser client and returns the directory to serve: `index.html`,
/// `style.css`, `client.js` and `client_bg.wasm`.
///
/// `release` uses the `wasm-release` profile (small and fast, what ships); otherwise the
/// dev profile (quick to build).
///
/// # Errors
///
/// When rustup, cargo or wasm-bindgen fails, or the static files cannot be copied.
fn build_client(release: bool) -> Result<PathBuf> {
    ensure_wasm_target()?;
    let (profile, profile_dir) = if release {
        ("wasm-release", "wasm-release")
    } else {
        ("dev", "debug")
    };
    run(
        &cargo(),
        &[
            "build",
            "-p",
            "client-web",
            "--target",
            WASM_TARGET,
            "--profile",
            profile,
        ],
        &[],
    )?;
    let wasm = target_dir()
        .join(WASM_TARGET)
        .join(profile_dir)
        .join("client-web.wasm");
    let dist = target_dir().join("client-dist");
    if dist.exists() {
        std::fs::remove_dir_all(&dist)
            .with_context(|| format!("cannot clear {}", dist.display()))?;
    }
    std::fs::create_dir_all(&dist).with_context(|| format!("cannot create {}", dist.display()))?;

    eprintln!("$ wasm-bindgen --target web {}", wasm.display());
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .out_name(OUT_NAME)
        .web(true)?
        .typescript(false)
        .debug(!release)
        // Function names only help stack traces in the dev build; in release they are
        // dead weight (about 40% of the module).
        .remove_name_section(release)
        .remove_producers_section(release)
        .generate(&dist)
        .context("wasm-bindgen failed")?;
    let script = dist.join(format!("{OUT_NAME}.js"));
    let module = dist.join(format!("{OUT_NAME}_bg.wasm"));
    for file in [&script, &module] {
        ensure!(
            file.is_file(),
            "wasm-bindgen did not write {}",
            file.display()
        );
    }

    let version = build_version(&[&script, &module])?;
    let static_dir = root().join("client-web/static");
    for entry in std::fs::read_dir(&static_dir)
        .with_context(|| format!("cannot read {}", static_dir.display()))?
    {
        let path = entry?.path();
        let Some(name) = path.file_name() else {
            continue;
        };
        let destination = dist.join(name);
        if path
            .extension()
            .is_some_and(|extension| extension == "html")
        {
            let page = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            std::fs::write(&destination, page.replace(VERSION_PLACEHOLDER, &version))
        } else {
            std::fs::copy(&path, &destination).map(drop)
        }
        .with_context(|| format!("cannot write {}", destination.display()))?;
    }
    ensure!(
        dist.join("index.html").is_file(),
        "client-web/static/index.html is missing"
    );

    let size = std::fs::metadata(&module)?.len();
    eprintln!(
        "client built in {} ({} KiB of wasm, {profile} profile)",
        dist.display(),
        size.div_ceil(1024)
    );
    Ok(dist)
}

/// A short hash of the built files, for cache-busting query strings.
fn build_version(files: &[&Path]) -> Result<String> {
    let mut hasher = DefaultHasher::new();
    for file in files {
        hasher.write(&std::fs::read(file).with_context(|| format!("read {}", file.display()))?);
    }
    Ok(format!("{:016x}", hasher.finish()))
}

/// Whether the server arguments already set `flag` (as `--flag value` or `--flag=value`).
fn has_flag(args: &[String], flag: &str) -> bool {
    args.iter()
        .any(|arg| arg == flag || arg.starts_with(&format!("{flag}=")))
}

/// Builds the client and runs `server serve` with it: a thin pass-through that adds the
/// client's directory and, unless a meeting is given, the demo meeting.
fn serve(release_client: bool, args: &[String]) -> Result<()> {
    let dist = build_client(release_client)?;
    let mut server_args: Vec<String> = ["run", "--release", "-p", "server", "--", "serve"]
        .map(String::from)
        .to_vec();
    if !has_flag(args, "--static-dir") && std::env::var_os("MEETING_STATIC_DIR").is_none() {
        server_args.extend(["--static-dir".to_owned(), dist.display().to_string()]);
    }
    if !has_flag(args, "--meeting") && std::env::var_os("MEETING_FILES").is_none() {
        // The demo meeting keeps its real date (4 December 2020) in the file; served as a
        // demonstration, it starts now, so that its times and forecast make sense.
        server_args.extend([
            "--meeting".to_owned(),
            "examples/demo-meeting.toml".to_owned(),
            "--start-now".to_owned(),
        ]);
    }
    server_args.extend(args.iter().cloned());
    let server_args: Vec<&str> = server_args.iter().map(String::as_str).collect();
    run(&cargo(), &server_args, &[])
}

/// What CI runs: tidy checks first (cheap, and they catch most mistakes), then the
/// release client (so the browser tests test what ships), then every test.
fn test() -> Result<()> {
    let cargo = cargo();
    run(&cargo, &["fmt", "--all", "--", "--check"], &[])?;
    // Natively, client-web compiles its pure part only (strings, view model, policy).
    run(
        &cargo,
        &[
            "clippy",
            "--workspace",
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
            WASM_TARGET,
            "--",
            "-D",
            "warnings",
        ],
        &[],
    )?;
    let dist = build_client(true)?;
    ensure_axe()?;
    run(&cargo, &["test", "--workspace"], &[("CLIENT_DIST", &dist)])
}

/// Where the accessibility tests' axe-core comes from: `tests/a11y`, installed from the
/// npm registry at the version its lock file pins.
const AXE_DIR: &str = "tests/a11y";

/// Installs axe-core for the accessibility tests (`npm ci`) unless it is there.
///
/// # Errors
///
/// When npm is missing or the install fails: the accessibility tests need it.
fn ensure_axe() -> Result<()> {
    let dir = root().join(AXE_DIR);
    if dir.join("node_modules/axe-core/axe.min.js").exists() {
        return Ok(());
    }
    let dir_text = dir.to_string_lossy().into_owned();
    run(
        "npm",
        &["ci", "--no-audit", "--no-fund", "--prefix", &dir_text],
        &[],
    )
    .context("install axe-core for the accessibility tests (is npm installed?)")
}

//! Project chores, run as `cargo xtask <task>` (the alias is in `.cargo/config.toml`).
//!
//! - `build-client [--debug]`: builds the browser client for `wasm32-unknown-unknown`
//!   (installing the target through rustup when missing) and runs wasm-bindgen as a
//!   library, so that no binary is downloaded; in release, shrinks the module with
//!   binaryen's `wasm-opt` (from the npm registry, `wasm-opt/`); names every asset by its
//!   content's hash and writes brotli and gzip copies beside it. Writes the page to
//!   `target/client-dist/`.
//! - `serve [ARGS…]`: builds the client, then runs `server serve` with it and the demo
//!   meeting; other arguments go to the server (`--addr 127.0.0.1:9000`, …).
//! - `test`: checks that the machine has the tools the tests need (`prerequisites.tsv`,
//!   naming each missing one with the command that installs it), then formatting, lints
//!   (native and wasm32), the release client build, axe-core for the accessibility tests
//!   (`npm ci` in `tests/a11y`, from the npm registry), then every test with
//!   `CLIENT_DIST` pointing at that build. Stops at the first failure.
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

/// Builds the browser client and returns the directory to serve: `index.html` and the
/// assets under content-hashed names (`style-<hash>.css`, `client-<hash>.js`,
/// `client-<hash>_bg.wasm`), each with a brotli (`.br`) and a gzip (`.gz`) copy.
///
/// `release` uses the `wasm-release` profile and runs `wasm-opt` (small and fast, what
/// ships); otherwise the dev profile (quick to build).
///
/// # Errors
///
/// When rustup, cargo, wasm-bindgen or wasm-opt fails, or the files cannot be written.
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
    ensure!(
        !dist.join("snippets").exists(),
        "wasm-bindgen wrote snippets/, which the page does not load under hashed names"
    );
    if release {
        wasm_opt(&module)?;
    }

    // Content-hashed names: a browser may keep each for a year (the server says so), and
    // a new build is new names, so a cached script never meets a new module.
    let static_dir = root().join("client-web/static");
    let style = hashed_copy(&static_dir.join("style.css"), &dist, "style", ".css")?;
    let script = hashed_rename(&script, "client", ".js")?;
    let module = hashed_rename(&module, "client", "_bg.wasm")?;
    let page = std::fs::read_to_string(static_dir.join("index.html"))
        .context("read client-web/static/index.html")?;
    let page = fill_page(&page, &style, &script, &module, &loading_texts()?)?;
    std::fs::write(dist.join("index.html"), page).context("write index.html")?;

    for name in ["index.html", &style, &script, &module] {
        let (plain, brotli, gzip) = precompress(&dist.join(name))?;
        eprintln!("  {name}: {plain} bytes, {brotli} as brotli, {gzip} as gzip");
    }
    eprintln!("client built in {} ({profile} profile)", dist.display());
    Ok(dist)
}

/// The placeholders `static/index.html` holds for the build to fill.
const PAGE_PLACEHOLDERS: [&str; 4] = ["{{style}}", "{{script}}", "{{module}}", "{{loading}}"];

/// `index.html` with the hashed names and the loading texts filled in.
fn fill_page(page: &str, style: &str, script: &str, module: &str, loading: &str) -> Result<String> {
    for placeholder in PAGE_PLACEHOLDERS {
        ensure!(
            page.contains(placeholder),
            "client-web/static/index.html lacks {placeholder}"
        );
    }
    Ok(page
        .replace("{{style}}", style)
        .replace("{{script}}", script)
        .replace("{{module}}", module)
        .replace("{{loading}}", loading))
}

/// What the page says before the WebAssembly has arrived, in each interface language,
/// taken from the client's own translation files (so that the two never disagree), as a
/// JavaScript object: `{"en": {"dir": "ltr", "app-name": "…", …}, …}`. (The picker's
/// language names are in the page itself: each language's own name, as the client shows
/// them.)
fn loading_texts() -> Result<String> {
    const KEYS: [&str; 4] = ["app-name", "interface-language", "connecting", "joining"];
    const LANGUAGES: [(&str, &str); 4] =
        [("ar", "rtl"), ("en", "ltr"), ("fr", "ltr"), ("es", "ltr")];
    let mut object = String::from("{");
    for (index, (lang, dir)) in LANGUAGES.into_iter().enumerate() {
        let path = root().join(format!("client-web/locales/{lang}.ftl"));
        let source =
            std::fs::read_to_string(&path).with_context(|| format!("read {}", path.display()))?;
        if index > 0 {
            object.push(',');
        }
        object.push_str(&format!(
            "{}:{{\"dir\":{}",
            json_string(lang),
            json_string(dir)
        ));
        for key in KEYS {
            let value = source
                .lines()
                .find_map(|line| {
                    let (name, value) = line.split_once(" = ")?;
                    (name == key).then(|| value.trim())
                })
                .with_context(|| format!("{}: no one-line message `{key}`", path.display()))?;
            object.push_str(&format!(",{}:{}", json_string(key), json_string(value)));
        }
        object.push('}');
    }
    object.push('}');
    Ok(object)
}

/// `text` as a JSON (and so JavaScript) string literal, safe inside an HTML `<script>`.
fn json_string(text: &str) -> String {
    let mut quoted = String::from("\"");
    for character in text.chars() {
        match character {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '<' => quoted.push_str("\\u003c"),
            character if (character as u32) < 0x20 => {
                quoted.push_str(&format!("\\u{:04x}", character as u32));
            }
            character => quoted.push(character),
        }
    }
    quoted.push('"');
    quoted
}

/// Where `cargo xtask build-client` gets binaryen's `wasm-opt`: `xtask/wasm-opt`,
/// installed from the npm registry at the version its lock file pins (Debian's binaryen
/// is too old and breaks wasm-bindgen's output).
const WASM_OPT_DIR: &str = "xtask/wasm-opt";

/// Shrinks the module with `wasm-opt -Oz`, installing it first (`npm ci`) when missing.
/// Without npm the module is left as it is, with a warning: it works, only bigger.
fn wasm_opt(module: &Path) -> Result<()> {
    let dir = root().join(WASM_OPT_DIR);
    let wasm_opt = dir.join("node_modules/.bin/wasm-opt");
    if !wasm_opt.exists() {
        if !on_path("npm") {
            eprintln!(
                "warning: npm is missing, so wasm-opt does not shrink the client \
                 (install npm for a smaller download)"
            );
            return Ok(());
        }
        npm_ci(&dir).context("install wasm-opt (binaryen) from the npm registry")?;
    }
    let before = std::fs::metadata(module)?.len();
    let module_text = module.to_string_lossy().into_owned();
    // The features rustc's wasm32 target uses: wasm-opt must be told to keep them.
    run(
        &wasm_opt.to_string_lossy(),
        &[
            "-Oz",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
            &module_text,
            "-o",
            &module_text,
        ],
        &[],
    )?;
    let after = std::fs::metadata(module)?.len();
    eprintln!("wasm-opt: {before} to {after} bytes");
    Ok(())
}

/// `npm ci` in `dir`, from its lock file.
fn npm_ci(dir: &Path) -> Result<()> {
    let dir_text = dir.to_string_lossy().into_owned();
    run(
        "npm",
        &["ci", "--no-audit", "--no-fund", "--prefix", &dir_text],
        &[],
    )
}

/// A short hash of `bytes` for a file name: 16 hexadecimal digits.
fn content_hash(bytes: &[u8]) -> String {
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    format!("{:016x}", hasher.finish())
}

/// Renames `file` to `<stem>-<hash><suffix>` beside it; returns the new name.
fn hashed_rename(file: &Path, stem: &str, suffix: &str) -> Result<String> {
    let bytes = std::fs::read(file).with_context(|| format!("read {}", file.display()))?;
    let name = format!("{stem}-{}{suffix}", content_hash(&bytes));
    let dir = file.parent().context("a file in a directory")?;
    std::fs::rename(file, dir.join(&name)).with_context(|| format!("rename {}", file.display()))?;
    Ok(name)
}

/// Copies `file` into `dist` as `<stem>-<hash><suffix>`; returns the new name.
fn hashed_copy(file: &Path, dist: &Path, stem: &str, suffix: &str) -> Result<String> {
    let bytes = std::fs::read(file).with_context(|| format!("read {}", file.display()))?;
    let name = format!("{stem}-{}{suffix}", content_hash(&bytes));
    std::fs::write(dist.join(&name), bytes).with_context(|| format!("write {name}"))?;
    Ok(name)
}

/// Writes `<file>.br` (brotli, best) and `<file>.gz` (gzip -9) beside `file`; returns
/// the three sizes.
fn precompress(file: &Path) -> Result<(usize, usize, usize)> {
    use std::io::Write as _;
    let bytes = std::fs::read(file).with_context(|| format!("read {}", file.display()))?;
    let mut brotli = Vec::new();
    let parameters = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        size_hint: bytes.len(),
        ..Default::default()
    };
    brotli::BrotliCompress(&mut bytes.as_slice(), &mut brotli, &parameters).context("brotli")?;
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gzip.write_all(&bytes)?;
    let gzip = gzip.finish()?;
    let with_suffix = |suffix: &str| {
        let mut name = file.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    std::fs::write(with_suffix(".br"), &brotli)?;
    std::fs::write(with_suffix(".gz"), &gzip)?;
    Ok((bytes.len(), brotli.len(), gzip.len()))
}

/// Whether `program` is on the `PATH`.
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
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
    check_prerequisites()?;
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

/// What the tests need from the machine: `command<TAB>Debian package<TAB>what needs it`
/// a line. `.ci/run` installs from the same list.
const PREREQUISITES: &str = include_str!("../prerequisites.tsv");

/// Names every tool the tests need and this machine lacks, with the command that installs
/// it, before anything is built (rather than failing deep inside a test). The wasm target
/// is not among them: it is installed through rustup when missing.
///
/// # Errors
///
/// When something is missing.
fn check_prerequisites() -> Result<()> {
    let missing: Vec<String> = PREREQUISITES
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let (command, package, purpose) = (fields.next()?, fields.next()?, fields.next()?);
            (!on_path(command)).then(|| {
                let install = if package == "npm" {
                    "apt-get install npm (or npm from wherever this machine's Node.js came \
                     from: Debian's npm conflicts with other Node.js packages)"
                        .to_owned()
                } else {
                    format!("apt-get install {package}")
                };
                format!("  {command}, for {purpose}: {install}")
            })
        })
        .collect();
    ensure!(
        missing.is_empty(),
        "the tests need tools this machine lacks (`.ci/run` installs them all):\n{}",
        missing.join("\n")
    );
    Ok(())
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
    npm_ci(&dir).context("install axe-core for the accessibility tests (is npm installed?)")
}

//! Page-load benchmark: what a visitor's browser receives, and when they see something.
//!
//! ```sh
//! cargo xtask build-client
//! cargo run -p tests --bin page-load -- [--runs 5] [--link URL] [--screenshots DIR]
//! ```
//!
//! For each network profile (Chromium's network emulation: "3G", 1.6 Mbit/s and 150 ms;
//! "4G", 9 Mbit/s and 40 ms) it opens the chair's invite link in a fresh browser profile
//! (a cold cache) `--runs` times and reports, per run and as the median:
//!
//! - **bytes**: everything the page transferred over HTTP (the page, its style, script
//!   and module, with headers, as the browser's resource timing counts them; the
//!   WebSocket's frames are not included);
//! - **text**: when the first text was painted (`first-contentful-paint`): the loading
//!   message, before any WebAssembly;
//! - **meeting**: when the meeting was shown (the client's `meeting-shown` mark, set in
//!   the first frame that shows the meeting; for a client without the mark, when a poll
//!   every 20 ms first saw the meeting's layout).
//!
//! Without `--link` it serves `target/client-dist` (or `$CLIENT_DIST`) from an
//! in-process server with the demo meeting; with `--link` it measures any running server
//! (an older build, say). It talks to loopback only and stops by itself.

use anyhow::{Context, Result, bail};
use std::time::{Duration, Instant};
use tests::TestServer;
use tests::browser::{Browser, Chromedriver, NetworkProfile, client_dist};

/// The profiles measured.
const PROFILES: [NetworkProfile; 2] = [NetworkProfile::THREE_G, NetworkProfile::FOUR_G];

/// How long one load may take before the run is abandoned.
const LOAD_DEADLINE: Duration = Duration::from_secs(60);

/// One load's figures.
#[derive(Debug, Clone, Copy)]
struct Load {
    bytes: f64,
    text_ms: f64,
    meeting_ms: f64,
}

#[tokio::main]
async fn main() -> Result<()> {
    let mut runs = 5;
    let mut link = None;
    let mut screenshots = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => runs = args.next().context("--runs N")?.parse()?,
            "--link" => link = Some(args.next().context("--link URL")?),
            "--screenshots" => screenshots = Some(args.next().context("--screenshots DIR")?),
            other => bail!("unknown argument `{other}` (see the file's documentation)"),
        }
    }
    let server = match link {
        Some(_) => None,
        None => {
            let dist = client_dist();
            Some(TestServer::start_with(|config| config.static_dir = Some(dist)).await)
        }
    };
    let link = match (&link, &server) {
        (Some(link), _) => link.clone(),
        (None, Some(server)) => server.invite("chair"),
        (None, None) => unreachable!("a server is started without a link"),
    };
    let driver = Chromedriver::start().await?;
    println!(
        "page load, cold cache, the chair's page, {runs} runs per profile ({})",
        machine()
    );
    for profile in PROFILES {
        let mut loads = Vec::new();
        for run in 0..runs {
            let browser = driver.session().await?;
            let shot = screenshots
                .as_ref()
                .filter(|_| run == 0)
                .map(|dir| std::path::Path::new(dir).join(format!("loading-{}.png", profile.name)));
            let load = measure(&driver, &browser, profile, &link, shot.as_deref()).await;
            browser.close().await;
            let load = load?;
            println!(
                "  {} run {}: {:>9.0} bytes, text at {:>6.0} ms, meeting at {:>6.0} ms",
                profile.name,
                run + 1,
                load.bytes,
                load.text_ms,
                load.meeting_ms
            );
            loads.push(load);
        }
        let median = |pick: fn(&Load) -> f64| {
            let mut values: Vec<f64> = loads.iter().map(pick).collect();
            values.sort_by(f64::total_cmp);
            values[values.len() / 2]
        };
        println!(
            "{} ({} Mbit/s, {} ms) median: {:.0} bytes, text at {:.0} ms, meeting at {:.0} ms",
            profile.name,
            f64::from(profile.download_bits_per_second) / 1e6,
            profile.latency_ms,
            median(|load| load.bytes),
            median(|load| load.text_ms),
            median(|load| load.meeting_ms)
        );
    }
    Ok(())
}

/// Loads `link` once under `profile` and reads the browser's own timings.
async fn measure(
    driver: &Chromedriver,
    browser: &Browser,
    profile: NetworkProfile,
    link: &str,
    screenshot: Option<&std::path::Path>,
) -> Result<Load> {
    // A blank page first, so that the emulation applies to the whole navigation.
    browser.open("about:blank").await?;
    driver.emulate_network(browser, profile).await?;
    // Navigate without waiting for the load event, so that the loading message can be
    // photographed while the module is still on its way.
    browser
        .client
        .execute("window.location.href = arguments[0];", vec![link.into()])
        .await?;
    if let Some(path) = screenshot {
        tokio::time::sleep(Duration::from_millis(900)).await;
        browser.screenshot(path).await?;
    }
    // When the meeting was shown: the client's mark, or (for a client without it, an
    // older build say) the moment a poll every 20 ms first saw the meeting's layout.
    let started = Instant::now();
    let meeting_ms = loop {
        let shown = browser
            .client
            .execute(
                "const mark = performance.getEntriesByName('meeting-shown')[0];
                 if (mark) return mark.startTime;
                 return document.querySelector('main.layout #current-item')
                   ? performance.now() : null;",
                vec![],
            )
            .await
            .ok()
            .and_then(|value| value.as_f64());
        if let Some(shown) = shown {
            break shown;
        }
        if started.elapsed() > LOAD_DEADLINE {
            bail!("the meeting was not shown within {LOAD_DEADLINE:?}");
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let figures = browser
        .client
        .execute(
            "const navigation = performance.getEntriesByType('navigation')[0];
             const resources = performance.getEntriesByType('resource');
             const paint = performance.getEntriesByName('first-contentful-paint')[0];
             return [
               resources.reduce((sum, r) => sum + r.transferSize, navigation.transferSize),
               paint ? paint.startTime : -1,
             ];",
            vec![],
        )
        .await?;
    let number = |index: usize| {
        figures[index]
            .as_f64()
            .with_context(|| format!("a number in {figures}"))
    };
    Ok(Load {
        bytes: number(0)?,
        text_ms: number(1)?,
        meeting_ms,
    })
}

/// The machine, for the report.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split_once(':'))
                .map(|(_, name)| name.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    format!("{cpu}, {cores} cores")
}

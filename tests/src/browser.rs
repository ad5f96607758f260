//! Headless Chromium driven through chromedriver (WebDriver), for end-to-end tests of the
//! browser client against the real server.
//!
//! [`Chromedriver`] starts Debian's `chromedriver` on a free loopback port and kills it
//! when dropped. [`Browser`] is one browser session with a fresh profile, preferring
//! English unless asked for other languages, that saves downloads without asking into a
//! folder of its own ([`Browser::downloaded`]). Tests run their scenario, then close every
//! session whatever the outcome, then report the outcome, so that a failed assertion
//! never leaves a browser behind.

use anyhow::{Context, Result, anyhow, bail};
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long a test waits for the page to reach an expected state.
pub const UI_DEADLINE: Duration = Duration::from_secs(15);

/// Chromium flags that work as root in a container without a GPU or network.
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
];

/// The built browser client: `$CLIENT_DIST`, else `target/client-dist`.
///
/// # Panics
///
/// When the client has not been built: `cargo xtask test` builds it first.
pub fn client_dist() -> PathBuf {
    let dir = std::env::var_os("CLIENT_DIST").map_or_else(
        || crate::workspace_root().join("target/client-dist"),
        PathBuf::from,
    );
    assert!(
        dir.join("index.html").is_file(),
        "the browser client is not built in {}: run `cargo xtask build-client` \
         (`cargo xtask test` does it before the tests)",
        dir.display()
    );
    dir
}

/// A running chromedriver, killed on drop.
pub struct Chromedriver {
    child: Child,
    url: String,
}

impl Chromedriver {
    /// Starts chromedriver on a free loopback port and waits until it answers.
    ///
    /// # Errors
    ///
    /// When chromedriver is not installed or does not start within [`UI_DEADLINE`].
    pub async fn start() -> Result<Self> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("start chromedriver (Debian package chromium-driver)")?;
        let driver = Self {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let started = Instant::now();
        while tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_err()
        {
            if started.elapsed() > UI_DEADLINE {
                bail!("chromedriver did not listen on port {port}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok(driver)
    }

    /// Opens a new browser session with a fresh profile, whose preferred language is
    /// English (so that pages start in English whatever the machine's locale).
    ///
    /// # Errors
    ///
    /// When the session cannot be created (no Chromium, say).
    pub async fn session(&self) -> Result<Browser> {
        self.session_in(&["en-US", "en"]).await
    }

    /// Opens a new browser session with a fresh profile whose preferred languages
    /// (`navigator.languages`, `Accept-Language`) are `languages`, in order.
    ///
    /// # Errors
    ///
    /// When the session cannot be created (no Chromium, say).
    pub async fn session_in(&self, languages: &[&str]) -> Result<Browser> {
        let profile = tempfile::tempdir()?;
        let downloads = tempfile::tempdir()?;
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|&flag| flag.to_owned()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        if let Some(first) = languages.first() {
            args.push(format!("--lang={first}"));
        }
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": "/usr/bin/chromium",
                "args": args,
                "prefs": {
                    "intl": { "accept_languages": languages.join(",") },
                    "download": {
                        "default_directory": downloads.path().display().to_string(),
                        "prompt_for_download": false,
                        "directory_upgrade": true,
                    },
                },
            }),
        );
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&self.url)
            .await
            .context("open a Chromium session")?;
        Ok(Browser {
            client,
            _profile: profile,
            downloads,
        })
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A network profile for Chromium's network emulation (what DevTools calls throttling).
#[derive(Debug, Clone, Copy)]
pub struct NetworkProfile {
    /// Its name in reports.
    pub name: &'static str,
    /// Added to every request's round trip, in milliseconds.
    pub latency_ms: u32,
    /// Download speed, in bits per second.
    pub download_bits_per_second: u32,
    /// Upload speed, in bits per second.
    pub upload_bits_per_second: u32,
}

impl NetworkProfile {
    /// A 3G connection as page-load budgets take it: 1.6 Mbit/s down, 150 ms.
    pub const THREE_G: Self = Self {
        name: "3G",
        latency_ms: 150,
        download_bits_per_second: 1_600_000,
        upload_bits_per_second: 750_000,
    };
    /// A 4G connection: 9 Mbit/s down, 40 ms.
    pub const FOUR_G: Self = Self {
        name: "4G",
        latency_ms: 40,
        download_bits_per_second: 9_000_000,
        upload_bits_per_second: 1_500_000,
    };
}

impl Chromedriver {
    /// Makes `browser`'s network behave like `profile` from now on (chromedriver's
    /// `network_conditions` command).
    ///
    /// # Errors
    ///
    /// When chromedriver refuses.
    pub async fn emulate_network(&self, browser: &Browser, profile: NetworkProfile) -> Result<()> {
        let session = browser
            .client
            .session_id()
            .await?
            .context("a session with an id")?;
        let addr: std::net::SocketAddr = self.url.trim_start_matches("http://").parse()?;
        let body = serde_json::json!({
            "network_conditions": {
                "offline": false,
                "latency": profile.latency_ms,
                "download_throughput": profile.download_bits_per_second / 8,
                "upload_throughput": profile.upload_bits_per_second / 8,
            }
        })
        .to_string();
        let response = crate::http_send(
            addr,
            "POST",
            &format!("/session/{session}/chromium/network_conditions"),
            &[("Content-Type", "application/json")],
            &body,
        )
        .await;
        anyhow::ensure!(
            response.status == 200,
            "chromedriver refused the network conditions: {}",
            response.body
        );
        Ok(())
    }
}

/// One browser session.
pub struct Browser {
    /// The WebDriver client, for anything the helpers below do not cover.
    pub client: Client,
    _profile: tempfile::TempDir,
    /// Where the browser saves downloads.
    downloads: tempfile::TempDir,
}

impl Browser {
    /// Opens `url`.
    ///
    /// # Errors
    ///
    /// When navigation fails.
    pub async fn open(&self, url: &str) -> Result<()> {
        self.client.goto(url).await.context("navigate")
    }

    /// The element matching `css`, once it appears; `purpose` goes into the error.
    async fn find(&self, css: &str, purpose: &str) -> Result<fantoccini::elements::Element> {
        self.client
            .wait()
            .at_most(UI_DEADLINE)
            .for_element(Locator::Css(css))
            .await
            .with_context(|| format!("find `{css}` to {purpose}"))
    }

    /// Clicks the element matching `css`, waiting for it to appear.
    ///
    /// # Errors
    ///
    /// When it does not appear within [`UI_DEADLINE`].
    pub async fn click(&self, css: &str) -> Result<()> {
        self.find(css, "click it")
            .await?
            .click()
            .await
            .with_context(|| format!("click `{css}`"))
    }

    /// Chooses the option with `value` in the `select` matching `css`.
    ///
    /// # Errors
    ///
    /// When the select or the option does not appear within [`UI_DEADLINE`].
    pub async fn select(&self, css: &str, value: &str) -> Result<()> {
        self.click(&format!("{css} option[value='{value}']"))
            .await
            .with_context(|| format!("choose {value:?} in `{css}`"))
    }

    /// Types `text` into the input matching `css`, after what it already holds.
    ///
    /// # Errors
    ///
    /// When the input does not appear within [`UI_DEADLINE`].
    pub async fn type_into(&self, css: &str, text: &str) -> Result<()> {
        self.find(css, "type into it")
            .await?
            .send_keys(text)
            .await
            .with_context(|| format!("type into `{css}`"))
    }

    /// Waits until an element matches `css` and its text contains `text`.
    ///
    /// # Errors
    ///
    /// When that does not happen within [`UI_DEADLINE`]; the error says what was seen.
    pub async fn wait_for_text(&self, css: &str, text: &str) -> Result<()> {
        let started = Instant::now();
        let mut last = String::from("(no such element)");
        while started.elapsed() < UI_DEADLINE {
            if let Ok(element) = self.client.find(Locator::Css(css)).await
                && let Ok(seen) = element.text().await
            {
                if seen.contains(text) {
                    return Ok(());
                }
                last = seen;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(anyhow!(
            "`{css}` never contained {text:?}; last seen: {last:?}"
        ))
    }

    /// Waits until an element matches `css` (use attribute selectors for states).
    ///
    /// # Errors
    ///
    /// When none does within [`UI_DEADLINE`].
    pub async fn wait_for(&self, css: &str) -> Result<()> {
        self.client
            .wait()
            .at_most(UI_DEADLINE)
            .for_element(Locator::Css(css))
            .await
            .map(|_| ())
            .with_context(|| format!("waiting for `{css}`"))
    }

    /// Waits until no element matches `css`.
    ///
    /// # Errors
    ///
    /// When one still does after [`UI_DEADLINE`].
    pub async fn wait_gone(&self, css: &str) -> Result<()> {
        let started = Instant::now();
        while started.elapsed() < UI_DEADLINE {
            if !self.has(css).await? {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(anyhow!("`{css}` is still there after {UI_DEADLINE:?}"))
    }

    /// Whether an element matches `css` right now.
    ///
    /// # Errors
    ///
    /// When the browser cannot be asked.
    pub async fn has(&self, css: &str) -> Result<bool> {
        Ok(!self.client.find_all(Locator::Css(css)).await?.is_empty())
    }

    /// The text content of the element matching `css` right now (as in the DOM, before
    /// CSS such as `text-transform` changes how it looks); `None` when nothing matches.
    ///
    /// # Errors
    ///
    /// When the browser cannot be asked.
    pub async fn text_content(&self, css: &str) -> Result<Option<String>> {
        let value = self
            .client
            .execute(
                "const element = document.querySelector(arguments[0]);\n\
                 return element === null ? null : element.textContent;",
                vec![serde_json::json!(css)],
            )
            .await?;
        Ok(value.as_str().map(str::to_owned))
    }

    /// Waits until an element matches `css` and its text content contains `text` (see
    /// [`Browser::text_content`]).
    ///
    /// # Errors
    ///
    /// When that does not happen within [`UI_DEADLINE`]; the error says what was seen.
    pub async fn wait_for_content(&self, css: &str, text: &str) -> Result<()> {
        let started = Instant::now();
        let mut last = None;
        while started.elapsed() < UI_DEADLINE {
            last = self.text_content(css).await?;
            if last.as_deref().is_some_and(|seen| seen.contains(text)) {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(anyhow!(
            "`{css}` never contained {text:?}; last seen: {last:?}"
        ))
    }

    /// The document's language and direction: `lang` and `dir` of `<html>`.
    ///
    /// # Errors
    ///
    /// When the browser cannot be asked.
    pub async fn document_language(&self) -> Result<(String, String)> {
        let value = self
            .client
            .execute(
                "const root = document.documentElement;\n\
                 return [root.getAttribute('lang'), root.getAttribute('dir')];",
                Vec::new(),
            )
            .await?;
        let read = |index: usize| value[index].as_str().unwrap_or_default().to_owned();
        Ok((read(0), read(1)))
    }

    /// The `id` of the element that has the keyboard focus (empty when none has one).
    ///
    /// # Errors
    ///
    /// When the browser cannot be asked.
    pub async fn focused_id(&self) -> Result<String> {
        let value = self
            .client
            .execute("return document.activeElement?.id ?? '';", Vec::new())
            .await?;
        Ok(value.as_str().unwrap_or_default().to_owned())
    }

    /// Waits until an element matching `css` whose text contains `text` is shown inside
    /// the viewport (laid out, not hidden, not clipped to a pixel like a screen-reader
    /// region), whatever is scrolled; how long that took.
    ///
    /// # Errors
    ///
    /// When that does not happen within `deadline`.
    pub async fn wait_in_view(
        &self,
        css: &str,
        text: &str,
        deadline: Duration,
    ) -> Result<Duration> {
        let started = Instant::now();
        while started.elapsed() < deadline {
            let seen = self
                .client
                .execute(
                    r"
                    const [css, text] = arguments;
                    return [...document.querySelectorAll(css)].some((element) => {
                        if (!element.textContent.includes(text)) return false;
                        if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
                        const rect = element.getBoundingClientRect();
                        return rect.width > 8 && rect.height > 8
                            && rect.top >= 0 && rect.bottom <= window.innerHeight
                            && rect.left >= 0 && rect.right <= window.innerWidth;
                    });
                    ",
                    vec![css.into(), text.into()],
                )
                .await?;
            if seen.as_bool() == Some(true) {
                return Ok(started.elapsed());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let seen = self
            .client
            .execute(
                r"
                return [...document.querySelectorAll(arguments[0])].map((element) => {
                    const rect = element.getBoundingClientRect();
                    return `${element.outerHTML.slice(0, 300)} at ${rect.left},${rect.top} ${rect.width}x${rect.height}`;
                }).join(' | ');
                ",
                vec![css.into()],
            )
            .await?;
        Err(anyhow!(
            "no `{css}` containing {text:?} was in view within {deadline:?}; seen: {seen}"
        ))
    }

    /// Scrolls the page to its end, as someone following the list of speakers on a phone.
    ///
    /// # Errors
    ///
    /// When the browser cannot be asked.
    pub async fn scroll_to_end(&self) -> Result<()> {
        self.client
            .execute(
                "window.scrollTo(0, document.documentElement.scrollHeight);",
                Vec::new(),
            )
            .await?;
        Ok(())
    }

    /// Presses Escape where the focus is.
    ///
    /// # Errors
    ///
    /// When the browser cannot be asked.
    pub async fn press_escape(&self) -> Result<()> {
        self.client
            .active_element()
            .await?
            .send_keys("\u{e00c}")
            .await
            .context("press Escape")
    }

    /// Makes the page's viewport (`innerWidth` × `innerHeight`) `width` × `height` CSS
    /// pixels: sizes the window, then corrects by what the browser's frame takes.
    ///
    /// # Errors
    ///
    /// When the browser cannot be resized to that viewport.
    pub async fn set_viewport(&self, width: u32, height: u32) -> Result<()> {
        let (mut outer_width, mut outer_height) = (width, height);
        for _ in 0..3 {
            self.client
                .set_window_size(outer_width, outer_height)
                .await?;
            let inner = self
                .client
                .execute(
                    "return [window.innerWidth, window.innerHeight];",
                    Vec::new(),
                )
                .await?;
            let read = |index: usize| inner[index].as_u64().unwrap_or_default();
            let (seen_width, seen_height) = (read(0), read(1));
            if seen_width == u64::from(width) && seen_height == u64::from(height) {
                return Ok(());
            }
            outer_width = (u64::from(outer_width) + u64::from(width))
                .saturating_sub(seen_width)
                .try_into()?;
            outer_height = (u64::from(outer_height) + u64::from(height))
                .saturating_sub(seen_height)
                .try_into()?;
        }
        bail!("the viewport could not be made {width}×{height}")
    }

    /// Checks that the element matching `css` is shown and wholly inside the viewport as
    /// the page is now scrolled; the error says where it is.
    ///
    /// # Errors
    ///
    /// When the browser cannot be asked, or the element is missing, hidden or not wholly
    /// in view.
    pub async fn ensure_in_view(&self, css: &str) -> Result<()> {
        let value = self
            .client
            .execute(
                "const element = document.querySelector(arguments[0]);\n\
                 if (element === null) { return null; }\n\
                 const box = element.getBoundingClientRect();\n\
                 const shown = element.checkVisibility({ visibilityProperty: true });\n\
                 return [box.left, box.top, box.right, box.bottom, window.innerWidth,\n\
                         window.innerHeight, shown];",
                vec![serde_json::json!(css)],
            )
            .await?;
        let Some(values) = value.as_array() else {
            bail!("`{css}` is not on the page");
        };
        let number = |index: usize| values[index].as_f64().unwrap_or(f64::NAN);
        let (left, top, right, bottom) = (number(0), number(1), number(2), number(3));
        let (width, height) = (number(4), number(5));
        let shown = values[6].as_bool().unwrap_or(false);
        anyhow::ensure!(shown && right > left && bottom > top, "`{css}` is hidden");
        anyhow::ensure!(
            left >= -0.5 && top >= -0.5 && right <= width + 0.5 && bottom <= height + 0.5,
            "`{css}` is not wholly in the {width}×{height} viewport: it spans \
             x {left}..{right}, y {top}..{bottom}"
        );
        Ok(())
    }

    /// How many presses of Tab, from the page's start (as after loading it: the focus on
    /// no element, the next Tab going to the first focusable one), bring the keyboard focus to the element matching `css`; `None` when
    /// `most` presses do not.
    ///
    /// # Errors
    ///
    /// When the browser cannot be asked or the keys cannot be sent.
    pub async fn tabs_to(&self, css: &str, most: usize) -> Result<Option<usize>> {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        self.client
            .execute(
                // Focusing an element at the very start and removing it puts the
                // sequential-navigation starting point there.
                "document.activeElement?.blur();\n\
                 const start = document.createElement('span');\n\
                 start.tabIndex = -1;\n\
                 document.body.prepend(start);\n\
                 start.focus({ preventScroll: true });\n\
                 start.remove();",
                Vec::new(),
            )
            .await?;
        let tab: char = fantoccini::key::Key::Tab.into();
        for presses in 1..=most {
            let keys = KeyActions::new("keyboard".to_owned())
                .then(KeyAction::Down { value: tab })
                .then(KeyAction::Up { value: tab });
            self.client.perform_actions(keys).await?;
            let focused = self
                .client
                .execute(
                    "return document.activeElement?.matches(arguments[0]) ?? false;",
                    vec![serde_json::json!(css)],
                )
                .await?;
            if focused.as_bool() == Some(true) {
                return Ok(Some(presses));
            }
        }
        Ok(None)
    }

    /// The text of the file the browser downloaded as `name`, once it is complete
    /// (Chromium writes it under another name and renames it when done).
    ///
    /// # Errors
    ///
    /// When no such file is complete within [`UI_DEADLINE`]; the error lists what the
    /// folder holds.
    pub async fn downloaded(&self, name: &str) -> Result<String> {
        let path = self.downloads.path().join(name);
        let started = Instant::now();
        while started.elapsed() < UI_DEADLINE {
            if let Ok(text) = std::fs::read_to_string(&path) {
                return Ok(text);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let held: Vec<String> = std::fs::read_dir(self.downloads.path())?
            .filter_map(|entry| entry.ok())
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        Err(anyhow!(
            "no download named {name:?}; the folder holds {held:?}"
        ))
    }

    /// Reloads the page.
    ///
    /// # Errors
    ///
    /// When the browser cannot reload.
    pub async fn reload(&self) -> Result<()> {
        self.client.refresh().await.context("reload")
    }

    /// Saves a PNG screenshot of the page to `path`.
    ///
    /// # Errors
    ///
    /// When the screenshot cannot be taken or written.
    pub async fn screenshot(&self, path: &std::path::Path) -> Result<()> {
        let png = self.client.screenshot().await?;
        std::fs::write(path, png)?;
        Ok(())
    }

    /// Ends the session (closes the browser).
    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}

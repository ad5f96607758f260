//! Accessibility checks in a real browser: axe-core (installed from the npm registry into
//! `tests/a11y` by `cargo xtask test`) injected into the page under test.

use crate::browser::Browser;
use crate::workspace_root;
use anyhow::{Context, Result, bail};
use serde::Deserialize;
use std::path::PathBuf;

/// Where axe-core is installed.
pub fn axe_path() -> PathBuf {
    workspace_root().join("tests/a11y/node_modules/axe-core/axe.min.js")
}

/// axe-core's experimental rules that are checked too, by name (a run by tag leaves
/// experimental rules out): `label-content-name-mismatch`, a control's accessible name
/// contains its visible text (WCAG 2.5.3, Label in Name).
pub const EXPERIMENTAL: [&str; 1] = ["label-content-name-mismatch"];

/// One rule that the page breaks, with where.
#[derive(Debug, Clone, Deserialize)]
pub struct Violation {
    /// The rule (`color-contrast`, `label` …).
    pub id: String,
    /// How bad: `minor`, `moderate`, `serious` or `critical`.
    pub impact: Option<String>,
    /// What the rule asks for.
    pub help: String,
    /// The offending elements (CSS selector, and what is wrong with each).
    pub nodes: Vec<String>,
}

/// The WCAG 2.2 A and AA rules that the page breaks now (axe's tags `wcag2a`, `wcag2aa`,
/// `wcag21a`, `wcag21aa`, `wcag22aa`), and [`EXPERIMENTAL`] rules, which no tag selects.
///
/// # Errors
///
/// When axe-core is not installed (the test must fail, not pass unchecked) or cannot
/// run in the page.
pub async fn violations(browser: &Browser) -> Result<Vec<Violation>> {
    let path = axe_path();
    let source = std::fs::read_to_string(&path).with_context(|| {
        format!(
            "axe-core is not installed at {}: run `npm ci --prefix tests/a11y` (`cargo xtask test` does)",
            path.display()
        )
    })?;
    browser
        .client
        .execute(&source, Vec::new())
        .await
        .context("inject axe-core")?;
    let answer = browser
        .client
        .execute_async(
            r"
            const done = arguments[arguments.length - 1];
            const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
            const rules = arguments[0];
            const report = (results) => results.violations.map((rule) => ({
                id: rule.id,
                impact: rule.impact,
                help: rule.help,
                nodes: rule.nodes.map((node) =>
                    node.target.join(' ') + ' :: ' + (node.failureSummary || '')),
            }));
            // One run at a time: axe refuses to start while another run is under way.
            axe.run(document, { runOnly: { type: 'tag', values: tags } })
                .then((byTag) => axe.run(document, { runOnly: { type: 'rule', values: rules } })
                    .then((byRule) => done(JSON.stringify(report(byTag).concat(report(byRule))))))
                .catch((error) => done(JSON.stringify({ error: String(error) })));
            ",
            vec![serde_json::json!(EXPERIMENTAL)],
        )
        .await
        .context("run axe-core")?;
    let text = answer.as_str().context("axe-core answers with JSON text")?;
    if let Ok(failure) = serde_json::from_str::<serde_json::Value>(text)
        && let Some(error) = failure.get("error")
    {
        bail!("axe-core failed: {error}");
    }
    serde_json::from_str(text).context("read axe-core's results")
}

/// Fails with every violation spelled out when the page breaks any rule.
///
/// # Errors
///
/// The violations, or why axe-core could not run.
pub async fn assert_accessible(browser: &Browser, what: &str) -> Result<()> {
    let found = violations(browser).await?;
    if found.is_empty() {
        return Ok(());
    }
    let report: Vec<String> = found
        .iter()
        .map(|rule| {
            format!(
                "- {} ({}): {}\n    {}",
                rule.id,
                rule.impact.as_deref().unwrap_or("?"),
                rule.help,
                rule.nodes.join("\n    ")
            )
        })
        .collect();
    bail!(
        "{what}: {} accessibility violations\n{}",
        found.len(),
        report.join("\n")
    )
}

//! The speaker log as files: JSON for programs, CSV (RFC 4180) for spreadsheets, and a
//! Markdown summary for people. Times are UTC; the JSON also gives each one as
//! milliseconds since the Unix epoch.

use super::{ItemTime, SpeakerLog, Speech};
use protocol::RequestKind;
use protocol::time::rfc3339;
use serde_json::{Value, json};
use std::fmt::Write as _;

/// A file format the log can be downloaded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `application/json`: everything, with times as RFC 3339 and as milliseconds.
    Json,
    /// `text/csv`: one row per speech, with a header row.
    Csv,
    /// `text/markdown`: a readable summary, item by item.
    Markdown,
}

impl Format {
    /// The format a file extension names (`json`, `csv`, `md`).
    pub fn from_extension(extension: &str) -> Option<Self> {
        match extension {
            "json" => Some(Self::Json),
            "csv" => Some(Self::Csv),
            "md" => Some(Self::Markdown),
            _ => None,
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Csv => "csv",
            Self::Markdown => "md",
        }
    }

    /// The media type to send it with.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Json => "application/json",
            Self::Csv => "text/csv; charset=utf-8",
            Self::Markdown => "text/markdown; charset=utf-8",
        }
    }

    /// The log in this format.
    pub fn render(self, log: &SpeakerLog) -> String {
        match self {
            Self::Json => to_json(log).to_string(),
            Self::Csv => to_csv(log),
            Self::Markdown => to_markdown(log),
        }
    }
}

/// The log as a JSON document: the meeting, each item with its periods and time used,
/// each speech, and totals. Absent values are `null`, so that every object of a kind has
/// the same keys.
pub fn to_json(log: &SpeakerLog) -> Value {
    let items: Vec<Value> = log
        .items
        .iter()
        .map(|item| {
            let speeches: Vec<&Speech> = log.speeches_on(&item.id).collect();
            json!({
                "id": item.id,
                "title": item.title,
                "planned_minutes": item.planned_minutes,
                "used_seconds": seconds(item.used_ms),
                "current": item.periods.last().is_some_and(|period| period.until.is_none()),
                "speeches": speeches.len(),
                "speaking_seconds": seconds(speeches.iter().map(|speech| speech.spoken_ms).sum()),
                "periods": item.periods.iter().map(|period| json!({
                    "from_ms": period.from,
                    "from": rfc3339(period.from),
                    "until_ms": period.until,
                    "until": period.until.map(rfc3339),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let speeches: Vec<Value> = log
        .speeches
        .iter()
        .map(|speech| {
            json!({
                "participant": speech.participant,
                "name": speech.name,
                "delegation": speech.delegation,
                "item": speech.item,
                "item_title": speech.item_title,
                "language": speech.language,
                "kind": speech.kind,
                "request": speech.request,
                "answered_request": speech.answered_request(),
                "start_ms": speech.start,
                "start": rfc3339(speech.start),
                "end_ms": speech.end,
                "end": speech.end.map(rfc3339),
                "duration_seconds": seconds(speech.spoken_ms),
                "paused_seconds": seconds(speech.paused_ms),
                "limit_seconds": speech.limit_seconds,
                "overrun_seconds": speech.overrun_ms().map(seconds),
                "in_progress": speech.in_progress(),
            })
        })
        .collect();
    json!({
        "meeting": log.meeting,
        "title": log.title,
        "scheduled_start": log.scheduled_start,
        "time_zone": log.time_zone,
        "generated_at_ms": log.generated_at,
        "generated_at": rfc3339(log.generated_at),
        "items": items,
        "speeches": speeches,
        "totals": {
            "planned_minutes": log.items.iter().filter_map(|item| item.planned_minutes).sum::<u32>(),
            "used_seconds": seconds(log.items.iter().map(|item| item.used_ms).sum()),
            "speeches": log.speeches.len(),
            "speaking_seconds": seconds(log.speeches.iter().map(|speech| speech.spoken_ms).sum()),
        },
    })
}

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 16] = [
    "item",
    "item_title",
    "participant",
    "name",
    "delegation",
    "language",
    "kind",
    "answered_request",
    "request",
    "start",
    "end",
    "duration_seconds",
    "paused_seconds",
    "limit_seconds",
    "overrun_seconds",
    "in_progress",
];

/// The speeches as CSV (RFC 4180): a header row, then one row per speech, CRLF line
/// ends, fields quoted when they hold a comma, a quote or a line break. Absent values are
/// empty fields.
///
/// Text that people typed (names, delegations, titles) and that a spreadsheet would take
/// for a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a
/// leading `'`, so that opening the file cannot run anything.
pub fn to_csv(log: &SpeakerLog) -> String {
    let mut out = String::new();
    write_row(
        &mut out,
        CSV_HEADER.iter().map(|column| (*column).to_owned()),
    );
    for speech in &log.speeches {
        let optional = |value: Option<String>| value.unwrap_or_default();
        write_row(
            &mut out,
            [
                text_cell(speech.item.as_str()),
                text_cell(&speech.item_title),
                text_cell(speech.participant.as_str()),
                text_cell(&speech.name),
                text_cell(speech.delegation.as_deref().unwrap_or("")),
                text_cell(speech.language.as_ref().map_or("", |code| code.as_str())),
                speech.kind.as_str().to_owned(),
                speech.answered_request().to_string(),
                optional(speech.request.map(|id| id.to_string())),
                rfc3339(speech.start),
                optional(speech.end.map(rfc3339)),
                seconds_text(speech.spoken_ms),
                seconds_text(speech.paused_ms),
                optional(speech.limit_seconds.map(|limit| limit.to_string())),
                optional(speech.overrun_ms().map(seconds_text)),
                speech.in_progress().to_string(),
            ],
        );
    }
    out
}

fn write_row(out: &mut String, fields: impl IntoIterator<Item = String>) {
    for (index, field) in fields.into_iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
}

/// A text cell that no spreadsheet will evaluate as a formula.
fn text_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The log as a Markdown summary: the meeting, time against plan per item, then per item
/// its speakers.
pub fn to_markdown(log: &SpeakerLog) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_markdown(&mut out, log);
    out
}

fn write_markdown(out: &mut String, log: &SpeakerLog) -> std::fmt::Result {
    writeln!(out, "# Speaker log: {}", md(&log.title))?;
    writeln!(out)?;
    writeln!(out, "- Meeting: `{}`", log.meeting)?;
    writeln!(
        out,
        "- Scheduled: {} ({})",
        md(&log.scheduled_start),
        md(&log.time_zone)
    )?;
    match (log.first_event_at, log.last_event_at) {
        (Some(first), Some(last)) => writeln!(
            out,
            "- Held: {}, {}–{} UTC",
            &rfc3339(first)[..10],
            time_of_day(first),
            time_of_day(last)
        )?,
        _ => writeln!(out, "- Held: not yet")?,
    }
    writeln!(out, "- Exported: {}", rfc3339(log.generated_at))?;
    writeln!(out)?;
    writeln!(
        out,
        "Times are UTC. Durations are minutes:seconds; speaking time excludes pauses."
    )?;
    writeln!(out)?;

    writeln!(out, "## Time against plan")?;
    writeln!(out)?;
    writeln!(
        out,
        "| Item | Planned | Used | Difference | Speeches | Speaking |"
    )?;
    writeln!(out, "|---|--:|--:|--:|--:|--:|")?;
    let mut planned_total_ms = 0;
    let mut used_total_ms = 0;
    for (number, item) in log.items.iter().enumerate() {
        let planned_ms = item
            .planned_minutes
            .map(|minutes| u64::from(minutes) * 60_000);
        planned_total_ms += planned_ms.unwrap_or(0);
        used_total_ms += item.used_ms;
        let (count, speaking_ms) = speaking(log, item);
        writeln!(
            out,
            "| {}. {} | {} | {}{} | {} | {} | {} |",
            number + 1,
            md(&item.title),
            planned_ms.map_or_else(|| "—".to_owned(), clock),
            clock(item.used_ms),
            if is_current(item) { " (current)" } else { "" },
            planned_ms.map_or_else(
                || "—".to_owned(),
                |planned| difference(item.used_ms, planned)
            ),
            count,
            clock(speaking_ms),
        )?;
    }
    let speaking_total_ms: u64 = log.speeches.iter().map(|speech| speech.spoken_ms).sum();
    writeln!(
        out,
        "| **Total** | {} | {} | {} | {} | {} |",
        clock(planned_total_ms),
        clock(used_total_ms),
        difference(used_total_ms, planned_total_ms),
        log.speeches.len(),
        clock(speaking_total_ms),
    )?;

    for (number, item) in log.items.iter().enumerate() {
        writeln!(out)?;
        writeln!(out, "## {}. {}", number + 1, md(&item.title))?;
        writeln!(out)?;
        let (count, speaking_ms) = speaking(log, item);
        let planned = item.planned_minutes.map_or_else(
            || "not planned".to_owned(),
            |minutes| format!("planned {minutes} min"),
        );
        let periods: Vec<String> = item
            .periods
            .iter()
            .map(|period| {
                format!(
                    "{}–{}",
                    time_of_day(period.from),
                    period.until.map_or_else(|| "now".to_owned(), time_of_day)
                )
            })
            .collect();
        let discussed = if periods.is_empty() {
            "Not discussed".to_owned()
        } else {
            format!("Discussed {} UTC", periods.join(", "))
        };
        writeln!(
            out,
            "{discussed}: used {} ({planned}); {count} speech{}, {} speaking.",
            clock(item.used_ms),
            if count == 1 { "" } else { "es" },
            clock(speaking_ms),
        )?;
        if count == 0 {
            continue;
        }
        writeln!(out)?;
        writeln!(
            out,
            "| # | Speaker | Delegation | Language | Kind | Start | Duration | Overrun |"
        )?;
        writeln!(out, "|--:|---|---|---|---|---|--:|--:|")?;
        for (index, speech) in log.speeches_on(&item.id).enumerate() {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {}{} | {} |",
                index + 1,
                md(&speech.name),
                speech
                    .delegation
                    .as_deref()
                    .map_or_else(|| "—".to_owned(), md),
                speech.language.as_ref().map_or("—", |code| code.as_str()),
                kind_label(speech.kind),
                time_of_day(speech.start),
                clock(speech.spoken_ms),
                if speech.in_progress() {
                    " (in progress)"
                } else {
                    ""
                },
                match speech.overrun_ms() {
                    Some(0) | None => "—".to_owned(),
                    Some(overrun) => format!("+{}", clock(overrun)),
                },
            )?;
        }
    }
    Ok(())
}

fn is_current(item: &ItemTime) -> bool {
    item.periods
        .last()
        .is_some_and(|period| period.until.is_none())
}

/// How many speeches an item had and how long they spoke in all.
fn speaking(log: &SpeakerLog, item: &ItemTime) -> (usize, u64) {
    log.speeches_on(&item.id)
        .fold((0, 0), |(count, ms), speech| {
            (count + 1, ms + speech.spoken_ms)
        })
}

fn kind_label(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::Intervention => "intervention",
        RequestKind::Question => "question",
        RequestKind::PointOfOrder => "point of order",
        RequestKind::RightOfReply => "right of reply",
    }
}

/// Text safe inside a Markdown table cell: characters Markdown would act on are escaped
/// and line breaks become spaces.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '~' => {
                out.push('\\');
                out.push(character);
            }
            '\r' | '\n' => out.push(' '),
            other => out.push(other),
        }
    }
    out
}

/// Milliseconds as seconds with millisecond precision (for JSON numbers).
fn seconds(ms: u64) -> f64 {
    ms as f64 / 1000.0
}

/// Milliseconds as seconds in text, exactly: `12.5`, `3`, `0.042`.
fn seconds_text(ms: u64) -> String {
    let (whole, fraction) = (ms / 1000, ms % 1000);
    if fraction == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{fraction:03}")
            .trim_end_matches('0')
            .to_owned()
    }
}

/// A duration as `m:ss`, or `h:mm:ss` from an hour on; seconds are truncated.
fn clock(ms: u64) -> String {
    let total = ms / 1000;
    let (hours, minutes, seconds) = (total / 3600, total / 60 % 60, total % 60);
    if hours > 0 {
        format!("{hours}:{minutes:02}:{seconds:02}")
    } else {
        format!("{minutes}:{seconds:02}")
    }
}

/// Used against planned: `+1:30` over, `-2:00` under.
fn difference(used_ms: u64, planned_ms: u64) -> String {
    if used_ms >= planned_ms {
        format!("+{}", clock(used_ms - planned_ms))
    } else {
        format!("-{}", clock(planned_ms - used_ms))
    }
}

/// `HH:MM:SS` in UTC.
fn time_of_day(ms: u64) -> String {
    rfc3339(ms)[11..19].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::speaker_log::tests::{T0, initial, meeting};

    fn log() -> SpeakerLog {
        SpeakerLog::fold(initial(), &meeting(), T0 + 400_000).unwrap()
    }

    #[test]
    fn timestamps_are_rfc3339_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(rfc3339(T0 + 5_250), "2020-12-04T14:00:05.250Z");
        assert_eq!(rfc3339(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(rfc3339(4_107_542_399_999), "2100-02-28T23:59:59.999Z");
        assert_eq!(rfc3339(1_709_251_199_000), "2024-02-29T23:59:59.000Z");
        assert_eq!(clock(65_999), "1:05");
        assert_eq!(clock(3_725_000), "1:02:05");
        assert_eq!(seconds_text(12_500), "12.5");
        assert_eq!(seconds_text(42), "0.042");
        assert_eq!(seconds_text(3_000), "3");
    }

    #[test]
    fn json_has_every_field_of_every_speech() {
        let json = to_json(&log());
        let speeches = json["speeches"].as_array().unwrap();
        assert_eq!(speeches.len(), 4);
        let question = &speeches[1];
        assert_eq!(question["participant"], "sn");
        assert_eq!(question["name"], "Ndiaye, \"Awa\"");
        assert_eq!(question["delegation"], "Senegal");
        assert_eq!(question["item"], "opening");
        assert_eq!(question["item_title"], "Opening");
        assert_eq!(question["language"], "fr");
        assert_eq!(question["kind"], "question");
        assert_eq!(question["request"], 2);
        assert_eq!(question["answered_request"], true);
        assert_eq!(question["start"], "2020-12-04T14:00:55.000Z");
        assert_eq!(question["end"], "2020-12-04T14:02:25.000Z");
        assert_eq!(question["end_ms"], T0 + 145_000);
        assert_eq!(question["duration_seconds"], 80.0);
        assert_eq!(question["paused_seconds"], 10.0);
        assert_eq!(question["limit_seconds"], 60);
        assert_eq!(question["overrun_seconds"], 20.0);
        assert_eq!(question["in_progress"], false);
        let guest = &speeches[2];
        assert_eq!(guest["delegation"], Value::Null);
        assert_eq!(guest["answered_request"], false);
        assert_eq!(speeches[3]["in_progress"], true);
        assert_eq!(speeches[3]["end"], Value::Null);
        assert_eq!(json["items"][0]["used_seconds"], 200.0);
        assert_eq!(json["items"][1]["current"], true);
        assert_eq!(json["totals"]["planned_minutes"], 6);
        assert_eq!(json["totals"]["speeches"], 4);
    }

    #[test]
    fn csv_quotes_what_needs_quoting_and_defuses_formulas() {
        let mut log = log();
        log.speeches[0].name = "=HYPERLINK(\"http://evil\")".into();
        let csv = to_csv(&log);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], CSV_HEADER.join(","));
        assert_eq!(lines.len(), 1 + 4 + 1, "a header, four rows, a final CRLF");
        assert_eq!(lines[5], "");
        assert!(lines[1].contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",Peru,"));
        assert_eq!(
            lines[2],
            "opening,Opening,sn,\"Ndiaye, \"\"Awa\"\"\",Senegal,fr,question,true,2,\
             2020-12-04T14:00:55.000Z,2020-12-04T14:02:25.000Z,80,10,60,20,false"
        );
        assert!(lines[3].starts_with("debate,General debate,guest:Dr Lee,Dr Lee,,fr,"));
        assert!(lines[4].ends_with(",2020-12-04T14:05:10.000Z,,10,80,60,0,true"));
    }

    #[test]
    fn markdown_summarises_items_and_speakers() {
        let markdown = to_markdown(&log());
        assert!(markdown.starts_with("# Speaker log: Budget\n"));
        assert!(markdown.contains("- Held: 2020-12-04, 14:00:00–14:05:20 UTC"));
        assert!(markdown.contains("| 1. Opening | 5:00 | 3:20 | -1:40 | 2 | 2:05 |"));
        assert!(
            markdown.contains("| 2. General debate | 1:00 | 3:20 (current) | +2:20 | 2 | 0:50 |")
        );
        assert!(markdown.contains("| **Total** | 6:00 | 6:40 | +0:40 | 4 | 2:55 |"));
        assert!(markdown.contains("## 1. Opening\n"));
        assert!(markdown.contains("## 2. General debate\n"));
        assert!(markdown.contains(
            "| 2 | Ndiaye, \"Awa\" | Senegal | fr | question | 14:00:55 | 1:20 | +0:20 |"
        ));
        assert!(markdown.contains("| 1 | Dr Lee | — | fr | intervention | 14:03:30 | 0:40 | — |"));
        assert!(markdown.contains("| 0:10 (in progress) |"));
        assert!(markdown.contains(
            "Discussed 14:03:20–now UTC: used 3:20 (planned 1 min); 2 speeches, 0:50 speaking."
        ));
        assert_eq!(md("a|b*c\nd"), "a\\|b\\*c d");
    }
}

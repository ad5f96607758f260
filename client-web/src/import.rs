//! Importing registrations from the organiser's page (`views/participants_import.rs`):
//! the fields a column can be mapped to, the file's headers as the page offers them, the
//! request's body and what the server answered (`POST
//! /api/meetings/{meeting}/participants/import`, see `docs/participants.md`). Pure, so
//! that it is unit-tested natively.

use crate::i18n::Key;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Every field a column can be mapped to, with how the page names it, in the page's
/// order.
pub const FIELDS: [(&str, Key); 14] = [
    ("name", Key::ImportFieldName),
    ("email", Key::ImportFieldEmail),
    ("delegation", Key::ImportFieldDelegation),
    ("languages", Key::ImportFieldLanguages),
    ("role", Key::ImportFieldRole),
    ("booth", Key::ImportFieldBooth),
    ("sign_language", Key::ImportFieldSignLanguage),
    ("captions", Key::ImportFieldCaptions),
    ("floor", Key::ImportFieldFloor),
    ("item", Key::ImportFieldItem),
    ("kind", Key::ImportFieldKind),
    ("question", Key::ImportFieldQuestion),
    ("written_question", Key::ImportFieldWrittenQuestion),
    ("id", Key::ImportFieldId),
];

/// How the page names `field` (the server's name for it when it is not ours).
pub fn field_label(field: &str) -> Option<Key> {
    FIELDS
        .iter()
        .find(|(known, _)| *known == field)
        .map(|(_, key)| *key)
}

/// The headers of a CSV file: its first line, split at commas or semicolons (whichever
/// it has more of, as the server decides), quotes removed, a byte-order mark ignored.
pub fn headers(text: &str) -> Vec<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let line = text.lines().next().unwrap_or("");
    let delimiter = if line.matches(';').count() > line.matches(',').count() {
        ';'
    } else {
        ','
    };
    let mut headers = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == delimiter && !quoted => headers.push(std::mem::take(&mut cell)),
            c => cell.push(c),
        }
    }
    headers.push(cell);
    let headers: Vec<String> = headers.iter().map(|h| h.trim().to_owned()).collect();
    if headers.iter().all(String::is_empty) {
        Vec::new()
    } else {
        headers
    }
}

/// The column suggested for each field: a header that is the field's name (`email`,
/// `written question`) or how the page names it, case aside. Only a suggestion: the page
/// shows it chosen, for the organiser to check.
pub fn suggested(headers: &[String], names: impl Fn(Key) -> String) -> BTreeMap<String, String> {
    let mut mapping = BTreeMap::new();
    for (field, key) in FIELDS {
        let spelled = field.replace('_', " ");
        let label = names(key).to_lowercase();
        if let Some(header) = headers.iter().find(|header| {
            let header = header.to_lowercase();
            header == field || header == spelled || header == label
        }) {
            mapping.insert(field.to_owned(), header.clone());
        }
    }
    mapping
}

/// The body of an import request.
pub fn body(
    csv: &str,
    mapping: &BTreeMap<String, String>,
    dry_run: bool,
    valid_only: bool,
) -> String {
    json!({
        "csv": csv,
        "columns": mapping,
        "dry_run": dry_run,
        "valid_rows_only": valid_only,
    })
    .to_string()
}

/// One problem of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The line of the file (the header is line 1).
    pub line: u64,
    /// Our field (`row`, `columns` for the row or the mapping).
    pub field: String,
    /// The server's words.
    pub message: String,
}

/// What the server answered an import request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// Participants imported (or that would be, for a check).
    pub imported: u64,
    /// Of them, those who asked for the floor.
    pub requests: u64,
    /// Rows that check.
    pub valid: u64,
    /// Whether it was a check only.
    pub dry_run: bool,
    /// Whether anything was refused (422): then nothing was imported.
    pub refused: bool,
    /// Every problem.
    pub problems: Vec<Problem>,
}

/// Reads the server's answer (200 or 422) to an import request; `None` for any other
/// answer.
pub fn answer(status: u16, body: &str) -> Option<Answer> {
    if status != 200 && status != 422 {
        return None;
    }
    let value: Value = serde_json::from_str(body).ok()?;
    let count = |name: &str| value[name].as_u64().unwrap_or(0);
    let problems = value["errors"]
        .as_array()?
        .iter()
        .map(|error| Problem {
            line: error["line"].as_u64().unwrap_or(0),
            field: error["field"].as_str().unwrap_or("").to_owned(),
            message: error["message"].as_str().unwrap_or("").to_owned(),
        })
        .collect();
    Some(Answer {
        imported: count("imported"),
        requests: count("requests"),
        valid: count("valid"),
        dry_run: value["dry_run"].as_bool().unwrap_or(false),
        refused: status == 422,
        problems,
    })
}

/// The path of the import endpoint, `meeting` being already encoded for a URL path.
pub fn import_path(meeting: &str) -> String {
    format!("/api/meetings/{meeting}/participants/import")
}

/// The path of the invite links' file, `meeting` being already encoded for a URL path.
pub fn links_path(meeting: &str) -> String {
    format!("/api/meetings/{meeting}/participants/links.csv")
}

/// The name the links' file is saved under: the one the server gives it.
pub fn links_file_name(meeting: &str) -> String {
    format!("{meeting}-links.csv")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_read_from_the_first_line() {
        assert_eq!(
            headers("\u{feff}Full name;E-mail;\"Lang; codes\"\r\nA;b;c\r\n"),
            ["Full name", "E-mail", "Lang; codes"]
        );
        assert_eq!(headers("name,\"say \"\"hi\"\"\"\n"), ["name", "say \"hi\""]);
        assert!(headers("").is_empty());
    }

    #[test]
    fn only_exact_names_are_suggested() {
        let headers: Vec<String> = ["Name", "E-MAIL", "Written question", "Mail", "Langs"]
            .map(str::to_owned)
            .to_vec();
        let suggested = suggested(&headers, |key| match key {
            Key::ImportFieldEmail => "E-mail".to_owned(),
            _ => String::new(),
        });
        assert_eq!(suggested["name"], "Name");
        assert_eq!(suggested["email"], "E-MAIL");
        assert_eq!(suggested["written_question"], "Written question");
        assert!(!suggested.contains_key("languages"));
        assert_eq!(suggested.len(), 3);
    }

    #[test]
    fn answers_are_read() {
        let read = answer(
            422,
            r#"{"imported":0,"requests":0,"valid":1,"dry_run":true,"code":"invalid",
                "errors":[{"line":3,"field":"languages","message":"`de` is not a language"}]}"#,
        )
        .unwrap();
        assert!(read.refused && read.dry_run);
        assert_eq!(read.valid, 1);
        assert_eq!(read.problems[0].line, 3);
        assert_eq!(read.problems[0].field, "languages");
        assert_eq!(answer(403, "{}"), None);
        assert_eq!(field_label("languages"), Some(Key::ImportFieldLanguages));
        assert_eq!(field_label("row"), None);
        assert!(body("a", &BTreeMap::new(), true, false).contains("\"dry_run\":true"));
        assert_eq!(links_file_name("m1"), "m1-links.csv");
        assert_eq!(import_path("m1"), "/api/meetings/m1/participants/import");
        assert_eq!(links_path("m1"), "/api/meetings/m1/participants/links.csv");
    }
}

//! Registrations in, links out: reading a registration tool's CSV export into
//! participants, and writing every participant's invite link as CSV for a mail merge
//! (`docs/participants.md`). Pure functions; the routes are in `participants_api`.
//!
//! - [`parse`]: the file and an explicit column mapping → the registrants with their
//!   requests for the floor, and every bad row's line and field.
//! - [`links_csv`]: rows of cells → CSV with a byte-order mark, each cell neutralised
//!   against spreadsheet formulas.

use crate::participants_api::check_registrant;
use protocol::limits::MAX_ID_CHARS;
use protocol::{
    AgendaItem, ChannelId, FloorWish, LanguageCode, Needs, Participant, ParticipantId, Registrant,
    RequestKind, Role,
};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Every field a column can be mapped to, in the order the answer and the page list them.
pub(crate) const FIELDS: [&str; 14] = [
    "id",
    "name",
    "email",
    "delegation",
    "role",
    "booth",
    "languages",
    "sign_language",
    "captions",
    "floor",
    "item",
    "kind",
    "question",
    "written_question",
];

/// The field every mapping must give.
const REQUIRED: &str = "name";

/// What a row is checked against: the meeting's languages and agenda, and the ids its
/// participants have already.
pub(crate) struct Meeting<'a> {
    /// The meeting's languages.
    pub(crate) languages: &'a [LanguageCode],
    /// The agenda.
    pub(crate) agenda: &'a [AgendaItem],
    /// The ids of the meeting's participants.
    pub(crate) taken: HashSet<String>,
}

/// One problem, at a line of the file (the header being line 1) and a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct RowError {
    /// The line of the file the row starts on.
    pub(crate) line: u64,
    /// Our field (`row` for the row as a whole, `columns` for the mapping).
    pub(crate) field: String,
    /// What is wrong.
    pub(crate) message: String,
}

impl RowError {
    fn new(line: u64, field: &str, message: impl Into<String>) -> Self {
        Self {
            line,
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

/// One valid row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    /// The line of the file it starts on.
    pub(crate) line: u64,
    /// The participant it describes.
    pub(crate) registrant: Registrant,
    /// The floor it asks for, if any.
    pub(crate) wish: Option<FloorWish>,
}

/// A checked file: its valid rows and every error. When the mapping itself is wrong
/// (`columns` errors at line 1), there are no rows.
#[derive(Debug, Default)]
pub(crate) struct Checked {
    /// The valid rows, in the file's order.
    pub(crate) rows: Vec<Row>,
    /// Every problem found, by line.
    pub(crate) errors: Vec<RowError>,
}

/// One row's cells by our field, trimmed.
struct Cells(HashMap<&'static str, String>);

impl Cells {
    /// The field's cell, "" when it is empty or the field is not mapped.
    fn get(&self, field: &str) -> &str {
        self.0.get(field).map_or("", String::as_str)
    }
}

/// The line of the file a byte offset is on, counted forward as the rows are read.
struct Lines<'a> {
    text: &'a [u8],
    byte: usize,
    line: u64,
}

impl Lines<'_> {
    fn at(&mut self, position: Option<&csv::Position>) -> u64 {
        let Some(position) = position else {
            return self.line;
        };
        let mut to = usize::try_from(position.byte())
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        // The reader may place a record before the line ends (and empty lines) that
        // precede it: its line is the first with something on it.
        while to < self.text.len() && matches!(self.text[to], b'\r' | b'\n') {
            to += 1;
        }
        if to > self.byte {
            let newlines = self.text[self.byte..to]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.line += newlines as u64;
            self.byte = to;
        }
        self.line
    }
}

/// The delimiter the header line uses: a semicolon when it has more of them than commas.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let count = |wanted: char| header.chars().filter(|&c| c == wanted).count();
    if count(';') > count(',') { b';' } else { b',' }
}

/// Reads `text` (a registration tool's export) with `columns` (our field → the header
/// of its column) against `meeting`.
pub(crate) fn parse(text: &str, columns: &BTreeMap<String, String>, meeting: &Meeting) -> Checked {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let mut checked = Checked::default();
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(error) => {
            checked
                .errors
                .push(RowError::new(1, "row", format!("cannot be read: {error}")));
            return checked;
        }
    };
    let headers: Vec<String> = headers.iter().map(|h| h.trim().to_owned()).collect();
    // Our field → the index of its column.
    let mut at: HashMap<&'static str, usize> = HashMap::new();
    for (field, header) in columns {
        if header.trim().is_empty() {
            continue;
        }
        let Some(field) = FIELDS.iter().find(|known| *known == field) else {
            checked.errors.push(RowError::new(
                1,
                "columns",
                format!("`{field}` is not a field that can be imported"),
            ));
            continue;
        };
        match headers.iter().position(|h| h == header.trim()) {
            Some(index) => {
                at.insert(field, index);
            }
            None => checked.errors.push(RowError::new(
                1,
                field,
                format!("the file has no column `{}`", header.trim()),
            )),
        }
    }
    if !at.contains_key(REQUIRED) && !checked.errors.iter().any(|e| e.field == REQUIRED) {
        checked.errors.push(RowError::new(
            1,
            REQUIRED,
            "no column is given for the name, which every participant needs",
        ));
    }
    if !checked.errors.is_empty() {
        return checked;
    }
    let mut read = Vec::new();
    let mut lines = Lines {
        text: text.as_bytes(),
        byte: 0,
        line: 1,
    };
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = lines.at(record.position());
                if record.iter().all(|cell| cell.trim().is_empty()) {
                    continue;
                }
                if record.len() > headers.len() {
                    checked.errors.push(RowError::new(
                        line,
                        "row",
                        format!(
                            "has {} cells but the header has {} (a value with a delimiter needs quotes)",
                            record.len(),
                            headers.len()
                        ),
                    ));
                    continue;
                }
                let cell = |field: &str| {
                    at.get(field)
                        .and_then(|&index| record.get(index))
                        .map(str::trim)
                        .unwrap_or("")
                        .to_owned()
                };
                let cells = Cells(at.keys().map(|&f| (f, cell(f))).collect());
                read.push((line, cells));
            }
            Err(error) => {
                let line = lines.at(error.position());
                checked.errors.push(RowError::new(
                    line,
                    "row",
                    format!("cannot be read: {error}"),
                ));
            }
        }
    }
    // Ids given in the file, with their first line: a made-up id never takes one, and a
    // second row with the same id is an error.
    let mut given: HashMap<String, u64> = HashMap::new();
    for (line, cells) in &read {
        let id = cells.get("id");
        if !id.is_empty() {
            given.entry(id.to_owned()).or_insert(*line);
        }
    }
    let mut used: HashSet<String> = meeting.taken.clone();
    used.extend(given.keys().cloned());
    for (line, cells) in read {
        let mut errors = Vec::new();
        let id = if cells.get("id").is_empty() {
            made_id(cells.get("email"), cells.get("name"), line, &mut used)
        } else {
            let id = cells.get("id").to_owned();
            if let Some(&first) = given.get(&id).filter(|&&first| first != line) {
                errors.push(RowError::new(
                    line,
                    "id",
                    format!("`{id}` is also the id of line {first}"),
                ));
            }
            id
        };
        let floor_mapped = cells.0.contains_key("floor");
        let row = check_row(line, id, &cells, floor_mapped, meeting, &mut errors);
        if errors.is_empty() {
            checked.rows.push(row);
        } else {
            checked.errors.extend(errors);
        }
    }
    checked.errors.sort_by_key(|error| error.line);
    checked
}

/// Checks one row's `cells` (a field's trimmed cell, "" when empty or not
/// mapped), adding its problems to `errors`.
fn check_row(
    line: u64,
    id: String,
    cells: &Cells,
    floor_mapped: bool,
    meeting: &Meeting,
    errors: &mut Vec<RowError>,
) -> Row {
    let mut fail = |field: &str, message: String| errors.push(RowError::new(line, field, message));
    let optional = |value: &str| (!value.is_empty()).then(|| value.to_owned());
    let role = match role(cells.get("role")) {
        Ok(role) => role,
        Err(message) => {
            fail("role", message);
            Role::Attendee
        }
    };
    let mut languages: Vec<LanguageCode> = Vec::new();
    for named in cells
        .get("languages")
        .split([';', ','])
        .map(str::trim)
        .filter(|named| !named.is_empty())
    {
        match language(named, meeting.languages) {
            Some(code) if !languages.contains(&code) => languages.push(code),
            Some(_) => {}
            None => fail(
                "languages",
                format!("`{named}` is not a language of this meeting"),
            ),
        }
    }
    let mut yes = |field: &str| match yes_no(cells.get(field)) {
        Some(value) => value,
        None => {
            fail(
                field,
                format!("`{}` is neither yes nor no", cells.get(field)),
            );
            false
        }
    };
    let needs = Needs {
        sign_language: yes("sign_language"),
        captions: yes("captions"),
    };
    let floor = yes("floor");
    let registrant = Registrant {
        participant: Participant {
            id: ParticipantId::new(id),
            name: cells.get("name").to_owned(),
            role,
            delegation: optional(cells.get("delegation")),
            booth: optional(cells.get("booth")).map(ChannelId::new),
            languages,
        },
        email: optional(cells.get("email")),
        needs,
        written_question: optional(cells.get("written_question")),
        link: 0,
        revoked: false,
    };
    if let Err(message) = check_registrant(&registrant, meeting.languages) {
        let (field, message) = message.split_once(": ").unwrap_or(("row", &message));
        // Languages were checked one by one above.
        if field != "languages" {
            fail(field, message.to_owned());
        }
    }
    // A row asks for the floor when it says so; without a `floor` column, when it names an
    // item or a question.
    let asks = floor
        || (!floor_mapped && (!cells.get("item").is_empty() || !cells.get("question").is_empty()));
    let wish = if asks {
        floor_wish(cells, meeting, &mut fail)
    } else {
        None
    };
    Row {
        line,
        registrant,
        wish,
    }
}

/// The floor a row asks for: its item (by id or title), kind and guiding question.
fn floor_wish(
    cells: &Cells,
    meeting: &Meeting,
    fail: &mut dyn FnMut(&str, String),
) -> Option<FloorWish> {
    let named = cells.get("item");
    let item = if named.is_empty() {
        meeting
            .agenda
            .iter()
            .find(|item| !item.questions.is_empty())
            .or_else(|| meeting.agenda.first())
    } else {
        item(named, meeting.agenda)
    };
    let Some(item) = item else {
        fail("item", format!("the agenda has no item `{named}`"));
        return None;
    };
    let kind = match cells.get("kind").to_lowercase().as_str() {
        "" | "intervention" | "statement" => RequestKind::Intervention,
        "question" => RequestKind::Question,
        other => {
            fail(
                "kind",
                format!("`{other}` is neither `intervention` nor `question`"),
            );
            RequestKind::Intervention
        }
    };
    let question = match cells.get("question") {
        "" => None,
        number => match number.parse::<u32>() {
            Ok(number) if number >= 1 && number as usize <= item.questions.len() => {
                Some(number - 1)
            }
            _ => {
                fail(
                    "question",
                    format!(
                        "`{number}` is not a guiding question of `{}`, which has {}",
                        item.id,
                        item.questions.len()
                    ),
                );
                None
            }
        },
    };
    Some(FloorWish {
        item: item.id.clone(),
        kind,
        question,
        language: None,
        note: None,
    })
}

/// The agenda item named by its id or its title in any language (case aside).
fn item<'a>(named: &str, agenda: &'a [AgendaItem]) -> Option<&'a AgendaItem> {
    let wanted = named.to_lowercase();
    agenda.iter().find(|item| {
        item.id.as_str() == wanted
            || item
                .title
                .0
                .values()
                .any(|title| title.trim().to_lowercase() == wanted)
    })
}

/// A role as registration tools write it (`attendee` when empty).
fn role(value: &str) -> Result<Role, String> {
    let normal: String = value
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    Ok(match normal.as_str() {
        "" | "attendee" | "participant" | "delegate" => Role::Attendee,
        "chair" => Role::Chair,
        "organiser" | "organizer" => Role::Organiser,
        "interpreter" => Role::Interpreter,
        "sign_language_interpreter" => Role::SignLanguageInterpreter,
        "captioner" => Role::Captioner,
        _ => {
            return Err(format!(
                "`{value}` is not a role: use attendee, chair, organiser, interpreter, \
                 sign_language_interpreter or captioner"
            ));
        }
    })
}

/// Yes or no as registration tools write it; `None` when it is neither.
fn yes_no(value: &str) -> Option<bool> {
    match value.to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "x" => Some(true),
        "" | "no" | "n" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// The English names of languages meetings are held in.
const LANGUAGE_NAMES: [(&str, &str); 14] = [
    ("ar", "arabic"),
    ("en", "english"),
    ("fr", "french"),
    ("es", "spanish"),
    ("ru", "russian"),
    ("zh", "chinese"),
    ("de", "german"),
    ("pt", "portuguese"),
    ("it", "italian"),
    ("ja", "japanese"),
    ("ko", "korean"),
    ("tr", "turkish"),
    ("fa", "persian"),
    ("sw", "swahili"),
];

/// The meeting language `named` by its code or its English name (case aside).
fn language(named: &str, languages: &[LanguageCode]) -> Option<LanguageCode> {
    let wanted = named.to_lowercase();
    languages
        .iter()
        .find(|code| {
            code.as_str().to_lowercase() == wanted
                || LANGUAGE_NAMES
                    .iter()
                    .any(|(known, name)| *known == code.as_str() && *name == wanted)
        })
        .cloned()
}

/// An id for a row without one: from the e-mail address's local part, else the name
/// (when either has a Latin letter), else `p-{line}`; made unique among `used`, which it joins.
fn made_id(email: &str, name: &str, line: u64, used: &mut HashSet<String>) -> String {
    let local = email.split('@').next().unwrap_or("");
    // A slug without a letter (what is left of `محمد 2`, say) says nothing of the person.
    let telling = |slug: &String| slug.bytes().any(|b| b.is_ascii_lowercase());
    let base = Some(slug(local))
        .filter(telling)
        .or_else(|| Some(slug(name)).filter(telling))
        .unwrap_or_else(|| format!("p-{line}"));
    let mut id = base.clone();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

/// `text` as an id: Latin letters without their accents, digits, and dashes for the rest;
/// short enough to take a `-N` suffix.
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().chars() {
        let plain = match c {
            'a'..='z' | '0'..='9' => Some(c.to_string()),
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' => Some("a".into()),
            'ç' | 'ć' | 'č' => Some("c".into()),
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => Some("e".into()),
            'ì' | 'í' | 'î' | 'ï' | 'ī' => Some("i".into()),
            'ñ' | 'ń' | 'ň' => Some("n".into()),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => Some("o".into()),
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => Some("u".into()),
            'ý' | 'ÿ' => Some("y".into()),
            'ś' | 'š' | 'ş' => Some("s".into()),
            'ź' | 'ż' | 'ž' => Some("z".into()),
            'ł' => Some("l".into()),
            'ř' => Some("r".into()),
            'ť' | 'ţ' => Some("t".into()),
            'đ' | 'ď' => Some("d".into()),
            'ß' => Some("ss".into()),
            'æ' => Some("ae".into()),
            'œ' => Some("oe".into()),
            _ => None,
        };
        match plain {
            Some(plain) => out.push_str(&plain),
            None if !out.is_empty() && !out.ends_with('-') => out.push('-'),
            None => {}
        }
    }
    let mut out = out.trim_end_matches('-').to_owned();
    let room = MAX_ID_CHARS - 8;
    if out.len() > room {
        out.truncate(room);
        out = out.trim_end_matches('-').to_owned();
    }
    out
}

/// A cell as a spreadsheet should show it: one that begins with `=`, `+`, `-`, `@`, a tab
/// or a carriage return is prefixed with `'`, so that it is text, never a formula.
pub(crate) fn neutralised(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// The columns of the links file.
pub(crate) const LINK_COLUMNS: [&str; 7] = [
    "id",
    "name",
    "email",
    "role",
    "delegation",
    "languages",
    "link",
];

/// `rows` (cells in the order of [`LINK_COLUMNS`]) as CSV: a byte-order mark, the header,
/// CRLF line ends, every cell neutralised.
pub(crate) fn links_csv(rows: &[[String; 7]]) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer("\u{feff}".as_bytes().to_vec());
    let write = |writer: &mut csv::Writer<Vec<u8>>, cells: &[String]| {
        writer
            .write_record(cells.iter().map(|cell| neutralised(cell)))
            .expect("writing to memory does not fail");
    };
    write(&mut writer, &LINK_COLUMNS.map(str::to_owned));
    for row in rows {
        write(&mut writer, row);
    }
    writer
        .into_inner()
        .expect("writing to memory does not fail")
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol::{ItemId, Localized};

    fn agenda() -> Vec<AgendaItem> {
        let item = |id: &str, en: &str, fr: &str, questions: usize| AgendaItem {
            id: ItemId::new(id),
            title: Localized(
                [
                    (LanguageCode::new("en"), en.to_owned()),
                    (LanguageCode::new("fr"), fr.to_owned()),
                ]
                .into_iter()
                .collect(),
            ),
            presenter: None,
            planned_minutes: None,
            questions: vec![Localized::default(); questions],
            speaking_time_seconds: None,
            state: Default::default(),
            used_ms: 0,
            live_since: None,
        };
        vec![
            item("opening", "Opening", "Ouverture", 0),
            item("discussion", "Discussion", "Débat", 3),
        ]
    }

    fn check(text: &str, columns: &[(&str, &str)]) -> Checked {
        let languages = ["ar", "en", "fr", "es"].map(LanguageCode::new);
        let agenda = agenda();
        let meeting = Meeting {
            languages: &languages,
            agenda: &agenda,
            taken: ["chair".to_owned()].into_iter().collect(),
        };
        let columns = columns
            .iter()
            .map(|(field, header)| ((*field).to_owned(), (*header).to_owned()))
            .collect();
        parse(text, &columns, &meeting)
    }

    #[test]
    fn reads_a_semicolon_file_with_a_byte_order_mark_and_makes_ids() {
        let checked = check(
            "\u{feff}Name;Mail;Langs;Floor;Item;Q\r\n\
             José Peña;jose.pena@example.org;Spanish, en;yes;Débat;2\r\n\
             محمد علي 2;;ar;no;;\r\n\
             Chair;;;;;\r\n\
             \r\n\
             Chair;;;;;\r\n",
            &[
                ("name", "Name"),
                ("email", "Mail"),
                ("languages", "Langs"),
                ("floor", "Floor"),
                ("item", "Item"),
                ("question", "Q"),
            ],
        );
        assert_eq!(checked.errors, []);
        let ids: Vec<&str> = checked
            .rows
            .iter()
            .map(|row| row.registrant.participant.id.as_str())
            .collect();
        let lines: Vec<u64> = checked.rows.iter().map(|row| row.line).collect();
        assert_eq!(lines, [2, 3, 4, 6]);
        assert_eq!(ids, ["jose-pena", "p-3", "chair-2", "chair-3"]);
        let jose = &checked.rows[0];
        assert_eq!(jose.line, 2);
        assert_eq!(
            jose.registrant.participant.languages,
            [LanguageCode::new("es"), LanguageCode::new("en")]
        );
        let wish = jose.wish.as_ref().unwrap();
        assert_eq!(wish.item.as_str(), "discussion");
        assert_eq!(wish.question, Some(1));
        assert!(checked.rows[1].wish.is_none());
        assert_eq!(checked.rows[3].line, 6);
    }

    #[test]
    fn reports_every_bad_row_with_its_line_and_field() {
        let checked = check(
            "id,name,languages,role,item,question,captions\n\
             a,Good,en,,,,\n\
             b,Bad language,de,,,,\n\
             c,Bad role,en,king,,,\n\
             d,\"Evil \u{202E}name\",en,,,,\n\
             a,Twice,en,,,,\n\
             e,Bad question,en,,discussion,9,\n\
             f,Bad item,en,,nowhere,,\n\
             g,Bad yes,en,,,,perhaps\n\
             Bad Id,Bad id,en,,,,\n\
             h,\"Quoted, with comma\",en,interpreter,,,\n",
            &[
                ("id", "id"),
                ("name", "name"),
                ("languages", "languages"),
                ("role", "role"),
                ("item", "item"),
                ("question", "question"),
                ("captions", "captions"),
            ],
        );
        let found: Vec<(u64, &str)> = checked
            .errors
            .iter()
            .map(|error| (error.line, error.field.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (3, "languages"),
                (4, "role"),
                (5, "name"),
                (6, "id"),
                (7, "question"),
                (8, "item"),
                (9, "captions"),
                (10, "id"),
                (11, "booth"),
            ]
        );
        assert_eq!(checked.rows.len(), 1);
        assert!(checked.errors[0].message.contains("`de`"));
    }

    #[test]
    fn the_mapping_must_name_the_name_and_headers_of_the_file() {
        let checked = check("Name,Mail\nA,a@example.org\n", &[("email", "Mail")]);
        assert_eq!(checked.errors.len(), 1);
        assert_eq!(
            (checked.errors[0].line, checked.errors[0].field.as_str()),
            (1, "name")
        );
        let checked = check("Name,Mail\nA,a@example.org\n", &[("name", "Full name")]);
        assert_eq!(checked.errors[0].field, "name");
        assert!(checked.errors[0].message.contains("`Full name`"));
        assert!(checked.rows.is_empty());
        let checked = check("Name\nA\n", &[("name", "Name"), ("shoe_size", "Name")]);
        assert_eq!(checked.errors[0].field, "columns");
    }

    #[test]
    fn slugs_fold_accents_and_drop_other_scripts() {
        assert_eq!(slug("Élodie Müller-Ñúñez"), "elodie-muller-nunez");
        assert_eq!(slug("محمد"), "");
        assert_eq!(slug("  Ana  María "), "ana-maria");
        assert!(slug(&"x".repeat(100)).len() <= MAX_ID_CHARS - 8);
    }

    #[test]
    fn links_are_spreadsheet_safe() {
        let rows = [[
            "a".into(),
            "=HYPERLINK(\"x\")".into(),
            "@me".into(),
            "attendee".into(),
            "-1".into(),
            "en;fr".into(),
            "https://host/#token=t".into(),
        ]];
        let text = String::from_utf8(links_csv(&rows)).unwrap();
        assert!(text.starts_with("\u{feff}id,name,email,role,delegation,languages,link\r\n"));
        assert!(text.contains(
            "a,\"'=HYPERLINK(\"\"x\"\")\",'@me,attendee,'-1,en;fr,https://host/#token=t\r\n"
        ));
    }
}

//! What a command or a meeting file may carry: one number for each limit on content, used
//! by the server's checks and by the browser's forms alike, so that a form never offers
//! what the server refuses. (The server's own limits on connections, queues and time are
//! in its `limits.rs`.)

use std::ops::RangeInclusive;

/// The longest id (of a meeting, an agenda item, a participant), in characters. Ids are
/// slugs: see [`crate::ids::is_slug`].
pub const MAX_ID_CHARS: usize = 64;

/// The longest name, of a person or a delegation, in characters.
pub const MAX_NAME_CHARS: usize = 120;

/// The longest title (in one language) or presenter of a meeting or an item, in
/// characters.
pub const MAX_TITLE_CHARS: usize = 200;

/// The longest note a floor request may carry, in characters.
pub const MAX_NOTE_CHARS: usize = 280;

/// The longest guiding question, in characters.
pub const MAX_QUESTION_CHARS: usize = 1000;

/// The longest media address of a channel, in characters.
pub const MAX_URL_CHARS: usize = 2000;

/// The longest planned duration of an item, in minutes.
pub const MAX_PLANNED_MINUTES: u32 = 600;

/// The shortest and longest speaking-time limits, in seconds.
pub const SPEAKING_TIME_RANGE: RangeInclusive<u32> = 10..=3600;

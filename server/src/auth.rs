//! Tokens: the claims a participant's JWT carries, minting them for invite links and
//! checking them in `hello`.
//!
//! Tokens are HS256 JWTs. The algorithm is pinned (a token that names another is refused),
//! `exp`, `aud` and `sub` are required, and the leeway for clocks is small.
//!
//! Besides participants' tokens (whose audience is one meeting), an administrator's token
//! (audience [`ADMIN_AUDIENCE`]) lets organisers create meetings through the meetings API.
//! It opens no meeting's WebSocket: no meeting has that id.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use protocol::{MeetingId, Participant, ParticipantId, Role};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The clock skew, in seconds, tolerated when checking `exp`.
pub const LEEWAY_SECONDS: u64 = 5;

/// The audience of an administrator's token: not a meeting id (those are slugs).
pub const ADMIN_AUDIENCE: &str = "*";

/// The only algorithm tokens may use.
const ALGORITHM: Algorithm = Algorithm::HS256;

/// What a participant's token says about them: the registered claims, then who they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// The meeting the token is for.
    pub aud: String,
    /// Expiry, seconds since the Unix epoch.
    pub exp: u64,
    /// Issue time, seconds since the Unix epoch.
    pub iat: u64,
    /// Not valid before this time, seconds since the Unix epoch (optional: a link sent
    /// out ahead that opens only on the meeting's day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<u64>,
    /// The generation of the participant's invite link this token belongs to (see
    /// [`protocol::Registry::accepts`]): 0 until an organiser replaces the link.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub link: u32,
    /// Who they are: the participant's fields as claims, their id as the standard `sub`.
    #[serde(flatten, with = "subject")]
    pub who: Participant,
}

impl Claims {
    /// The claims of a token for `who` in `meeting`, issued now and valid for `ttl`.
    pub fn new(meeting: &MeetingId, who: Participant, ttl: Duration) -> Self {
        let now = unix_seconds();
        Self {
            aud: meeting.to_string(),
            exp: now + ttl.as_secs(),
            iat: now,
            nbf: None,
            link: 0,
            who,
        }
    }

    /// The meeting these claims are for.
    pub fn meeting(&self) -> MeetingId {
        MeetingId::new(&self.aud)
    }

    /// Whether these are an administrator's claims (see [`Keys::mint_admin`]).
    pub fn is_admin(&self) -> bool {
        self.aud == ADMIN_AUDIENCE && self.who.role == Role::Organiser
    }
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_zero(value: &u32) -> bool {
    *value == 0
}

/// A [`Participant`] as a token carries it: its fields are claims of their own, and its
/// id is the registered `sub` claim (RFC 7519), so that one type describes a participant
/// on the wire and in tokens alike.
mod subject {
    use protocol::Participant;
    use serde::de::Error as _;
    use serde::ser::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use serde_json::{Map, Value};

    pub(super) fn serialize<S: Serializer>(
        who: &Participant,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let Value::Object(mut claims) = serde_json::to_value(who).map_err(S::Error::custom)? else {
            return Err(S::Error::custom("a participant is a JSON object"));
        };
        if let Some(id) = claims.remove("id") {
            claims.insert("sub".into(), id);
        }
        claims.serialize(serializer)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Participant, D::Error> {
        let mut claims = Map::<String, Value>::deserialize(deserializer)?;
        let sub = claims
            .remove("sub")
            .ok_or_else(|| D::Error::missing_field("sub"))?;
        claims.insert("id".into(), sub);
        serde_json::from_value(Value::Object(claims)).map_err(D::Error::custom)
    }
}

/// Why a token was refused. The message is safe to show the client: it never contains
/// the token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// The token has expired.
    #[error("the token has expired")]
    Expired,
    /// The token is valid only from a later time (its `nbf`).
    #[error("the token is not valid yet")]
    NotYetValid,
    /// The token is not for a meeting hosted here.
    #[error("the token is not for a meeting on this server")]
    UnknownMeeting,
    /// The token is malformed, wrongly signed, uses another algorithm or lacks a claim.
    #[error("the token is not valid: {0}")]
    Invalid(String),
}

/// The shortest secret accepted: HS256 wants at least 256 bits.
pub const MIN_SECRET_BYTES: usize = 32;

/// A configured secret was too short to sign tokens safely.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the secret must be at least {MIN_SECRET_BYTES} bytes long")]
pub struct WeakSecret;

/// The signing secret. Its `Debug` output hides the value so that it never reaches logs.
#[derive(Clone)]
pub struct Secret(Vec<u8>);

impl Secret {
    /// A secret from configured bytes.
    ///
    /// # Errors
    ///
    /// [`WeakSecret`] when it is shorter than [`MIN_SECRET_BYTES`].
    pub fn new(bytes: impl Into<Vec<u8>>) -> Result<Self, WeakSecret> {
        let bytes = bytes.into();
        if bytes.len() < MIN_SECRET_BYTES {
            return Err(WeakSecret);
        }
        Ok(Self(bytes))
    }

    /// A fresh random 256-bit secret.
    ///
    /// # Panics
    ///
    /// When the operating system has no randomness to give.
    pub fn random() -> Self {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).expect("the OS provides randomness");
        Self(bytes.to_vec())
    }
}

/// The name of the file, in the data directory, that keeps the secret a server generated
/// for itself (see [`Secret::load_or_create`]).
pub const SECRET_FILE: &str = "secret";

/// The secret file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum SecretFileError {
    /// Reading, creating or writing the file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file holds something that is not a secret this server wrote.
    #[error(
        "{path} does not hold a secret ({MIN_SECRET_BYTES} bytes or more); remove it to \
         generate a new one (every invite link signed with the old one stops working)"
    )]
    Damaged {
        /// The file.
        path: std::path::PathBuf,
    },
}

impl Secret {
    /// The secret kept in `data_dir`'s [`SECRET_FILE`], generated and written there first
    /// when there is none, so that invite links outlive a restart without `--secret`.
    /// Returns the secret, the file's path and whether it was generated now.
    ///
    /// The file holds 64 hexadecimal digits (32 random bytes), is created with mode 0600
    /// and written whole before it appears under its name (a crash leaves no half-written
    /// secret), and is never replaced: two servers starting at once on one directory end
    /// up with the same secret.
    ///
    /// # Errors
    ///
    /// When the directory or file cannot be read or written, or the file does not hold a
    /// secret.
    pub fn load_or_create(
        data_dir: &std::path::Path,
    ) -> Result<(Self, std::path::PathBuf, bool), SecretFileError> {
        let path = data_dir.join(SECRET_FILE);
        let io = |source| SecretFileError::Io {
            path: path.clone(),
            source,
        };
        match Self::load(&path) {
            Ok(secret) => return Ok((secret, path, false)),
            Err(SecretFileError::Io { source, .. })
                if source.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => return Err(error),
        }
        std::fs::create_dir_all(data_dir).map_err(io)?;
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).expect("the OS provides randomness");
        let text: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
        // Written whole under a temporary name, then linked to its real name, which fails
        // when another process got there first (and then its secret is the one).
        let temporary = data_dir.join(format!(".{SECRET_FILE}.{}", std::process::id()));
        let written = (|| {
            use std::io::Write as _;
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create(true).truncate(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options.open(&temporary)?;
            file.write_all(format!("{text}\n").as_bytes())?;
            file.sync_all()?;
            std::fs::hard_link(&temporary, &path)
        })();
        let _ = std::fs::remove_file(&temporary);
        match written {
            Ok(()) => {
                // Make the new name durable too.
                if let Ok(dir) = std::fs::File::open(data_dir) {
                    let _ = dir.sync_all();
                }
                Ok((Self(text.into_bytes()), path, true))
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                Ok((Self::load(&path)?, path, false))
            }
            Err(error) => Err(io(error)),
        }
    }

    /// The secret in an existing secret file (see [`Secret::load_or_create`]).
    ///
    /// # Errors
    ///
    /// When the file cannot be read or does not hold a secret.
    pub fn load(path: &std::path::Path) -> Result<Self, SecretFileError> {
        let text = std::fs::read_to_string(path).map_err(|source| SecretFileError::Io {
            path: path.to_owned(),
            source,
        })?;
        Self::new(text.trim().as_bytes()).map_err(|WeakSecret| SecretFileError::Damaged {
            path: path.to_owned(),
        })
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(..)")
    }
}

/// Signs and checks tokens with one secret.
#[derive(Clone)]
pub struct Keys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl fmt::Debug for Keys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Keys(..)")
    }
}

impl Keys {
    /// Keys for `secret`.
    pub fn new(secret: &Secret) -> Self {
        Self {
            // Secrets are never empty (see `Secret::new`), the only failure of these.
            encoding: EncodingKey::from_secret(&secret.0).expect("secret is not empty"),
            decoding: DecodingKey::from_secret(&secret.0).expect("secret is not empty"),
        }
    }

    /// Mints a token for `participant` of `meeting`, valid for `ttl` from now.
    ///
    /// # Panics
    ///
    /// Never in practice: HS256 signing of serialisable claims cannot fail.
    pub fn mint(&self, meeting: &MeetingId, participant: &Participant, ttl: Duration) -> String {
        self.sign(&Claims::new(meeting, participant.clone(), ttl))
    }

    /// Mints a token for `participant` of `meeting` and generation `link` of their
    /// invite link, valid for `ttl` from now.
    pub fn mint_link(
        &self,
        meeting: &MeetingId,
        participant: &Participant,
        link: u32,
        ttl: Duration,
    ) -> String {
        let mut claims = Claims::new(meeting, participant.clone(), ttl);
        claims.link = link;
        self.sign(&claims)
    }

    /// Mints an administrator's token, valid for `ttl` from now: for the meetings API.
    pub fn mint_admin(&self, ttl: Duration) -> String {
        let admin = Participant {
            id: ParticipantId::new("admin"),
            name: "Administrator".into(),
            role: Role::Organiser,
            delegation: None,
            booth: None,
            languages: Vec::new(),
        };
        self.sign(&Claims::new(&MeetingId::new(ADMIN_AUDIENCE), admin, ttl))
    }

    /// Signs arbitrary claims (tests use this to make expired tokens).
    ///
    /// # Panics
    ///
    /// Never in practice: HS256 signing of serialisable claims cannot fail.
    pub fn sign(&self, claims: &Claims) -> String {
        jsonwebtoken::encode(&Header::new(ALGORITHM), claims, &self.encoding)
            .expect("HS256 signing does not fail")
    }

    /// Checks a token's signature, algorithm and expiry, and that its audience is one of
    /// `hosted` meetings (checked by the caller through `is_hosted`).
    ///
    /// # Errors
    ///
    /// A [`TokenError`] saying why the token is refused.
    pub fn verify(
        &self,
        token: &str,
        is_hosted: impl Fn(&MeetingId) -> bool,
    ) -> Result<Claims, TokenError> {
        let mut validation = Validation::new(ALGORITHM);
        validation.leeway = LEEWAY_SECONDS;
        validation.set_required_spec_claims(&["exp", "aud", "sub"]);
        // A token valid only from a later time (`nbf`) is refused until then (with the
        // same leeway as `exp`).
        validation.validate_nbf = true;
        // The audience is checked below against the meetings this server hosts, so that
        // one server can host several meetings behind one `/ws`.
        validation.validate_aud = false;
        let claims = jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation)
            .map_err(|error| match error.kind() {
                jsonwebtoken::errors::ErrorKind::ExpiredSignature => TokenError::Expired,
                jsonwebtoken::errors::ErrorKind::ImmatureSignature => TokenError::NotYetValid,
                _ => TokenError::Invalid(error.to_string()),
            })?
            .claims;
        if !is_hosted(&claims.meeting()) {
            return Err(TokenError::UnknownMeeting);
        }
        Ok(claims)
    }
}

/// The audience of a registration's status key for `meeting`: never a meeting id (those
/// are slugs, without `:`), so that a key opens no meeting's WebSocket and no API.
pub fn registration_audience(meeting: &MeetingId) -> String {
    format!("registration:{meeting}")
}

/// How long a registration's status key is valid.
pub const REGISTRATION_KEY_TTL: Duration = Duration::from_secs(90 * 24 * 3600);

/// What a registration's status key says: its holder made registration `reg` of the
/// meeting in `aud` ([`registration_audience`]). It carries no participant, so it is no
/// [`Claims`]: `hello` and the APIs refuse it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct RegistrationKey {
    aud: String,
    sub: String,
    exp: u64,
    iat: u64,
    reg: u64,
}

impl Keys {
    /// Mints the status key of registration `registration` of `meeting`.
    pub fn mint_registration(&self, meeting: &MeetingId, registration: u64) -> String {
        let now = unix_seconds();
        let key = RegistrationKey {
            aud: registration_audience(meeting),
            sub: format!("registration-{registration}"),
            exp: now + REGISTRATION_KEY_TTL.as_secs(),
            iat: now,
            reg: registration,
        };
        jsonwebtoken::encode(&Header::new(ALGORITHM), &key, &self.encoding)
            .expect("HS256 signing does not fail")
    }

    /// The registration of `meeting` that status key `key` proves its holder made.
    ///
    /// # Errors
    ///
    /// A [`TokenError`] when the key is not valid or not for `meeting`.
    pub fn verify_registration(&self, key: &str, meeting: &MeetingId) -> Result<u64, TokenError> {
        let mut validation = Validation::new(ALGORITHM);
        validation.leeway = LEEWAY_SECONDS;
        validation.set_required_spec_claims(&["exp", "aud", "sub"]);
        validation.set_audience(&[registration_audience(meeting)]);
        let key = jsonwebtoken::decode::<RegistrationKey>(key, &self.decoding, &validation)
            .map_err(|error| match error.kind() {
                jsonwebtoken::errors::ErrorKind::ExpiredSignature => TokenError::Expired,
                _ => TokenError::Invalid(error.to_string()),
            })?
            .claims;
        Ok(key.reg)
    }
}

/// Seconds since the Unix epoch.
pub fn unix_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol::LanguageCode;

    fn participant() -> Participant {
        Participant {
            id: ParticipantId::new("att-1"),
            name: "Ana".into(),
            role: Role::Attendee,
            delegation: Some("Peru".into()),
            booth: None,
            languages: vec![LanguageCode::new("es")],
        }
    }

    #[test]
    fn a_registration_key_opens_nothing_but_its_registration() {
        let keys = Keys::new(&Secret::new([7u8; 32]).unwrap());
        let m1 = MeetingId::new("m1");
        let key = keys.mint_registration(&m1, 3);
        assert_eq!(keys.verify_registration(&key, &m1), Ok(3));
        assert!(
            keys.verify_registration(&key, &MeetingId::new("m2"))
                .is_err()
        );
        assert!(
            keys.verify(&key, |_| true).is_err(),
            "no participant: refused at hello"
        );
        let token = keys.mint(&m1, &participant(), Duration::from_secs(60));
        assert!(keys.verify_registration(&token, &m1).is_err());
    }

    #[test]
    fn an_administrator_token_opens_no_meeting() {
        let keys = Keys::new(&Secret::random());
        let token = keys.mint_admin(Duration::from_secs(60));
        assert_eq!(keys.verify(&token, hosted), Err(TokenError::UnknownMeeting));
        let claims = keys
            .verify(&token, |meeting| meeting.as_str() == ADMIN_AUDIENCE)
            .unwrap();
        assert!(claims.is_admin());
        let participant = keys.mint(
            &MeetingId::new("m1"),
            &super::tests::participant(),
            Duration::from_secs(60),
        );
        assert!(!keys.verify(&participant, hosted).unwrap().is_admin());
    }

    fn hosted(meeting: &MeetingId) -> bool {
        meeting.as_str() == "m1"
    }

    #[test]
    fn a_minted_token_verifies_and_carries_the_claims() {
        let keys = Keys::new(&Secret::random());
        let token = keys.mint(
            &MeetingId::new("m1"),
            &participant(),
            Duration::from_secs(60),
        );
        let claims = keys.verify(&token, hosted).unwrap();
        assert_eq!(claims.who, participant());
        assert_eq!(claims.meeting().as_str(), "m1");
        // The participant's id is the registered `sub` claim, beside its other fields.
        let json = serde_json::to_value(&claims).unwrap();
        assert_eq!(json["sub"], "att-1");
        assert_eq!(json["role"], "attendee");
        assert_eq!(json["delegation"], "Peru");
        assert!(json.get("id").is_none(), "{json}");
        let read: Claims = serde_json::from_value(json).unwrap();
        assert_eq!(read, claims);
    }

    #[test]
    fn tokens_are_refused_when_expired_foreign_or_forged() {
        let keys = Keys::new(&Secret::random());
        let mut claims = Claims::new(&MeetingId::new("m1"), participant(), Duration::ZERO);
        claims.exp = unix_seconds() - 60;
        assert_eq!(
            keys.verify(&keys.sign(&claims), hosted),
            Err(TokenError::Expired)
        );

        claims.exp = unix_seconds() + 60;
        claims.aud = "m2".into();
        assert_eq!(
            keys.verify(&keys.sign(&claims), hosted),
            Err(TokenError::UnknownMeeting)
        );

        claims.aud = "m1".into();
        let other = Keys::new(&Secret::random());
        assert!(matches!(
            keys.verify(&other.sign(&claims), hosted),
            Err(TokenError::Invalid(_))
        ));
        assert!(matches!(
            keys.verify("not.a.token", hosted),
            Err(TokenError::Invalid(_))
        ));
    }

    #[test]
    fn another_algorithm_is_refused_even_with_the_right_secret() {
        let secret = Secret::new(b"0123456789abcdef0123456789abcdef".to_vec()).unwrap();
        assert_eq!(Secret::new(b"short".to_vec()).unwrap_err(), WeakSecret);
        let claims = serde_json::json!({
            "sub": "att-1", "aud": "m1", "exp": unix_seconds() + 60, "iat": 0,
            "name": "Ana", "role": "attendee"
        });
        let token = jsonwebtoken::encode(
            &Header::new(Algorithm::HS512),
            &claims,
            &EncodingKey::from_secret(&secret.0).unwrap(),
        )
        .unwrap();
        assert!(matches!(
            Keys::new(&secret).verify(&token, hosted),
            Err(TokenError::Invalid(_))
        ));
    }

    #[test]
    fn a_generated_secret_is_kept_private_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let (first, path, created) = Secret::load_or_create(&data).unwrap();
        assert!(created);
        assert_eq!(path, data.join(SECRET_FILE));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "only the server's user reads it");
        }
        let (again, _, created) = Secret::load_or_create(&data).unwrap();
        assert!(!created);
        assert_eq!(first.0, again.0, "the same secret after a restart");
        let keys = Keys::new(&first);
        let token = keys.mint(
            &MeetingId::new("m1"),
            &participant(),
            Duration::from_secs(60),
        );
        assert!(Keys::new(&again).verify(&token, hosted).is_ok());
        // Nothing but the secret file is left behind.
        let names: Vec<_> = std::fs::read_dir(&data)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [SECRET_FILE]);
    }

    #[test]
    fn a_damaged_secret_file_is_an_error_not_a_new_secret() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(SECRET_FILE), "abc\n").unwrap();
        let error = Secret::load_or_create(dir.path()).err().unwrap();
        assert!(matches!(error, SecretFileError::Damaged { .. }), "{error}");
        assert!(error.to_string().contains("remove it"), "{error}");
    }

    #[test]
    fn a_token_valid_only_later_is_refused_until_then() {
        let secret = Secret::new(b"0123456789abcdef0123456789abcdef".to_vec()).unwrap();
        let keys = Keys::new(&secret);
        let token_from = |nbf: u64| {
            let claims = serde_json::json!({
                "sub": "att-1", "aud": "m1", "exp": unix_seconds() + 7200, "iat": 0,
                "nbf": nbf, "name": "Ana", "role": "attendee"
            });
            jsonwebtoken::encode(
                &Header::new(ALGORITHM),
                &claims,
                &EncodingKey::from_secret(&secret.0).unwrap(),
            )
            .unwrap()
        };
        assert_eq!(
            keys.verify(&token_from(unix_seconds() + 3600), hosted),
            Err(TokenError::NotYetValid)
        );
        assert!(keys.verify(&token_from(unix_seconds()), hosted).is_ok());
        assert!(
            keys.verify(&token_from(unix_seconds() - 60), hosted)
                .is_ok()
        );
    }
}

//! What every request handler shares ([`App`]): the keys that check tokens, the hosted
//! meetings, the event log, the limits; and hosting a meeting ([`host`]).
//!
//! The map of hosted meetings is the one shared mutable part. It is read on every `hello`
//! and every API request and written when a meeting is hosted while serving: by the
//! meetings API when it creates one, and by [`App::find_meeting`] when another node
//! created it. Its `RwLock` is never held across an `.await`. Hosting while serving is
//! serialised by an async mutex (`creating`) that *is* held across `.await`s: by the
//! meetings API while it checks the log, saves the file and hosts the new meeting, and by
//! `find_meeting` while it restores a meeting created elsewhere from the log; so one id
//! is hosted once. Only other creations and other first arrivals wait on it; `hello`s
//! for meetings already hosted never do.

use crate::auth::{self, Claims, Keys, TokenError};
use crate::limits::Limits;
use crate::meeting::{self, MeetingHandle};
use crate::meeting_file::MeetingFile;
use crate::store::{EventStore, StoreError};
use protocol::MeetingId;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// A meeting this server hosts.
#[derive(Clone)]
pub(crate) struct Hosted {
    pub(crate) handle: MeetingHandle,
    /// The file it was created from: what its log folds from (the speaker log needs it).
    pub(crate) file: Arc<MeetingFile>,
}

/// What every request handler shares.
pub(crate) struct App {
    pub(crate) keys: Keys,
    /// The hosted meetings (see the module's doc for who writes them).
    pub(crate) meetings: RwLock<HashMap<MeetingId, Hosted>>,
    /// The event log, for reports and for meetings created while serving.
    pub(crate) store: Arc<dyn EventStore>,
    pub(crate) allowed_origins: Vec<String>,
    pub(crate) limits: Limits,
    pub(crate) meetings_dir: Option<PathBuf>,
    pub(crate) public_url: Option<String>,
    pub(crate) invite_ttl: Duration,
    /// Self-registrations per client address.
    pub(crate) registration_rate: crate::registrations_api::RateLimit,
    /// The actors of meetings created while serving, awaited at shutdown.
    pub(crate) actors: Arc<Mutex<Vec<JoinHandle<()>>>>,
    /// Serialises the meetings API's creations, so that one id is created once.
    pub(crate) creating: tokio::sync::Mutex<()>,
    pub(crate) next_connection: AtomicU64,
    /// Flips to `true` when the server shuts down; connections then close with 1012.
    pub(crate) shutdown: watch::Receiver<bool>,
}

impl App {
    /// Checks a token for one of the meetings hosted here.
    pub(crate) fn verify(&self, token: &str) -> Result<Claims, TokenError> {
        self.keys.verify(token, |meeting| self.is_hosted(meeting))
    }

    fn is_hosted(&self, meeting: &MeetingId) -> bool {
        self.meetings
            .read()
            .expect("the meetings lock is never poisoned")
            .contains_key(meeting)
    }

    /// A hosted meeting.
    pub(crate) fn meeting(&self, meeting: &MeetingId) -> Option<Hosted> {
        self.meetings
            .read()
            .expect("the meetings lock is never poisoned")
            .get(meeting)
            .cloned()
    }

    /// A hosted meeting, or one that another node created through the meetings API (its
    /// file is in the shared log), which this node then hosts too.
    pub(crate) async fn find_meeting(&self, meeting: &MeetingId) -> Option<Hosted> {
        if let Some(hosted) = self.meeting(meeting) {
            return Some(hosted);
        }
        let text = match self.store.saved_meeting(meeting).await {
            Ok(Some(text)) => text,
            Ok(None) => return None,
            Err(error) => {
                tracing::warn!(%meeting, %error, "cannot look for a meeting created elsewhere");
                return None;
            }
        };
        let _creating = self.creating.lock().await;
        if let Some(hosted) = self.meeting(meeting) {
            return Some(hosted);
        }
        let file = match MeetingFile::parse(std::path::Path::new("shared meeting file"), &text) {
            Ok(file) if file.info.id == *meeting => file,
            Ok(_) | Err(_) => {
                tracing::error!(%meeting, "a shared meeting file does not check");
                return None;
            }
        };
        let store = self.store.clone();
        let limits = self.limits.clone();
        let hosted = tokio::task::spawn_blocking(move || host(file, &store, &limits))
            .await
            .ok()?;
        match hosted {
            Ok((hosted, actor)) => {
                self.add(meeting, hosted.clone(), actor);
                tracing::info!(%meeting, "hosting a meeting created on another node");
                Some(hosted)
            }
            Err(error) => {
                tracing::error!(%meeting, %error, "cannot host a meeting created elsewhere");
                None
            }
        }
    }

    /// Hosts a meeting started while serving.
    pub(crate) fn add(&self, meeting: &MeetingId, hosted: Hosted, actor: JoinHandle<()>) {
        self.meetings
            .write()
            .expect("the meetings lock is never poisoned")
            .insert(meeting.clone(), hosted);
        self.actors
            .lock()
            .expect("the actors lock is never poisoned")
            .push(actor);
    }

    /// Checks a token and finds its meeting (hosting it here first when another node
    /// created it): for `hello` and for the HTTP endpoints.
    pub(crate) async fn authenticate(
        &self,
        token: &str,
    ) -> Result<(Claims, Option<Hosted>), TokenError> {
        // The signature and expiry first, so that nothing is looked up for a bad token.
        let claims = self.keys.verify(token, |_| true)?;
        let hosted = self.find_meeting(&claims.meeting()).await;
        if hosted.is_none() && claims.aud != auth::ADMIN_AUDIENCE {
            return Err(TokenError::UnknownMeeting);
        }
        Ok((claims, hosted))
    }
}

/// Starts the actor of `file`'s meeting, rebuilt from the log.
pub(crate) fn host(
    file: MeetingFile,
    store: &Arc<dyn EventStore>,
    limits: &Limits,
) -> Result<(Hosted, JoinHandle<()>), StoreError> {
    let restored = meeting::restore(&**store, file.initial_state(), limits)?;
    tracing::info!(meeting = %file.info.id, seq = restored.state.seq, "meeting restored");
    let (handle, actor) = MeetingHandle::spawn(restored, store.clone(), limits.clone());
    let hosted = Hosted {
        handle,
        file: Arc::new(file),
    };
    Ok((hosted, actor))
}

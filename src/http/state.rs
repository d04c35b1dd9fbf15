//! Shared application state handed to handlers.

use std::sync::Arc;

use crate::directory::live::Live;
use crate::http::access_cache::AccessCache;
use crate::http::deferred::DeferredWrites;
use crate::link_cache::LinkCache;
use crate::match_cache::{DEFAULT_ENTRIES, MatchCache};
use crate::matching::DirectoryIndex;
use crate::matching::email::EmailKey;
use crate::record_cache::{DEFAULT_RECORDS, RecordCache};
use crate::storage::Pool;

/// What handlers share: the database pool and the live directory index.
#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub directory: Arc<Live<DirectoryIndex>>,
    /// The base URL browsers use to reach this server.
    pub public_url: String,
    /// Hashes e-mail addresses from CRM pages the way the directory's were hashed at import.
    pub email_key: Arc<EmailKey>,
    /// Each tenant's discovered OpenID Connect provider (metadata and signing keys).
    pub oidc_parties: Arc<crate::http::auth::oidc::OidcParties>,
    /// Page views and sessions' last-seen times, written in batches off the request path.
    pub deferred: DeferredWrites,
    /// Sessions' viewers and orgs' tenants, remembered for a moment.
    pub access: Arc<AccessCache>,
    /// The matching engine's recent answers (entity ids and scores only, never CRM values).
    pub match_cache: Arc<MatchCache>,
    /// Directory records read for cards, for the current index.
    pub records: Arc<RecordCache>,
    /// Records' overrides and sync mappings read for cards, until a link changes.
    pub links: Arc<LinkCache>,
    /// Whether read-only widget actions run on the request's own thread (see
    /// [`crate::http::widget::card::respond`]).
    pub reads_inline: bool,
}

impl AppState {
    /// Starts the deferred-writes thread too (it ends when the last state clone is dropped).
    /// Fails when the thread cannot start or no database connection is available.
    pub fn new(pool: Pool, public_url: &str, email_key: EmailKey) -> std::io::Result<Self> {
        Ok(Self {
            deferred: DeferredWrites::start(pool.clone())?,
            access: Arc::default(),
            reads_inline: crate::storage::is_in_process(&pool).map_err(std::io::Error::other)?,
            pool,
            directory: Arc::new(Live::default()),
            public_url: public_url.to_owned(),
            email_key: Arc::new(email_key),
            oidc_parties: Arc::default(),
            match_cache: Arc::new(MatchCache::new(DEFAULT_ENTRIES)),
            records: Arc::new(RecordCache::new(DEFAULT_RECORDS)),
            links: Arc::default(),
        })
    }

    pub fn directory_loaded(&self) -> bool {
        self.directory.is_loaded()
    }
}

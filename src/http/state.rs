//! Shared application state handed to handlers.

use std::sync::Arc;

use crate::directory::live::Live;
use crate::http::usage::UsageRecorder;
use crate::match_cache::{DEFAULT_ENTRIES, MatchCache};
use crate::matching::DirectoryIndex;
use crate::matching::email::EmailKey;
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
    /// Page-view analytics, written in batches off the request path.
    pub usage: UsageRecorder,
    /// The matching engine's recent answers (entity ids and scores only, never CRM values).
    pub match_cache: Arc<MatchCache>,
}

impl AppState {
    /// Starts the usage writer thread too (it ends when the last state clone is dropped).
    pub fn new(pool: Pool, public_url: &str, email_key: EmailKey) -> std::io::Result<Self> {
        Ok(Self {
            usage: UsageRecorder::start(pool.clone())?,
            pool,
            directory: Arc::new(Live::default()),
            public_url: public_url.to_owned(),
            email_key: Arc::new(email_key),
            oidc_parties: Arc::default(),
            match_cache: Arc::new(MatchCache::new(DEFAULT_ENTRIES)),
        })
    }

    pub fn directory_loaded(&self) -> bool {
        self.directory.is_loaded()
    }
}

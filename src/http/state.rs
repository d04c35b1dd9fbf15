//! Shared application state handed to handlers.

use std::sync::Arc;

use crate::directory::live::Live;
use crate::matching::DirectoryIndex;
use crate::storage::Pool;

/// What handlers share: the database pool and the live directory index.
#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub directory: Arc<Live<DirectoryIndex>>,
    /// The base URL browsers use to reach this server.
    pub public_url: String,
}

impl AppState {
    pub fn new(pool: Pool, public_url: &str) -> Self {
        Self { pool, directory: Arc::new(Live::default()), public_url: public_url.to_owned() }
    }

    pub fn directory_loaded(&self) -> bool {
        self.directory.is_loaded()
    }
}

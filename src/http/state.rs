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
}

impl AppState {
    pub fn new(pool: Pool) -> Self {
        Self { pool, directory: Arc::new(Live::default()) }
    }

    pub fn directory_loaded(&self) -> bool {
        self.directory.is_loaded()
    }
}

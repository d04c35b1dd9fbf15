//! Shared application state handed to handlers.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::storage::Pool;

/// What handlers share: the database pool and readiness flags.
#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    directory_loaded: Arc<AtomicBool>,
}

impl AppState {
    pub fn new(pool: Pool) -> Self {
        Self { pool, directory_loaded: Arc::new(AtomicBool::new(false)) }
    }

    pub fn mark_directory_loaded(&self) {
        self.directory_loaded.store(true, Ordering::Release);
    }

    pub fn directory_loaded(&self) -> bool {
        self.directory_loaded.load(Ordering::Acquire)
    }
}

//! Keeps a server's index in step with the database: loads it at start, then rebuilds it in the
//! background whenever an import (from any process) bumps the directory generation, while the
//! old index keeps answering.

use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use super::database;
use super::live::Live;
use crate::matching::{DirectoryIndex, ModelParams};
use crate::storage::{Pool, StorageError};

/// How often a server asks the database whether the directory changed.
pub const POLL_INTERVAL: Duration = Duration::from_secs(5);

/// Starts the background thread; it ends when `live` is dropped.
pub fn spawn(pool: Pool, live: &Arc<Live<DirectoryIndex>>) -> std::io::Result<()> {
    let live = Arc::downgrade(live);
    std::thread::Builder::new().name("directory-refresh".into()).spawn(move || run(&pool, &live)).map(drop)
}

fn run(pool: &Pool, live: &Weak<Live<DirectoryIndex>>) {
    let mut loaded: Option<u64> = None;
    while let Some(target) = live.upgrade() {
        match refresh_if_changed(pool, &target, loaded) {
            Ok(generation) => loaded = Some(generation),
            Err(error) => tracing::error!(%error, "cannot load the directory index; retrying"),
        }
        drop(target);
        std::thread::sleep(POLL_INTERVAL);
    }
}

fn refresh_if_changed(
    pool: &Pool,
    live: &Live<DirectoryIndex>,
    loaded: Option<u64>,
) -> Result<u64, StorageError> {
    let mut conn = pool.get()?;
    let generation = crate::storage::directory::current_generation(&mut conn)?;
    if loaded == Some(generation) {
        return Ok(generation);
    }
    let started = Instant::now();
    let index = database::load_index(&mut conn, ModelParams::default())?;
    let (members, companies) = (index.members().len(), index.companies().len());
    live.replace(index);
    tracing::info!(
        generation,
        members,
        companies,
        seconds = started.elapsed().as_secs_f64(),
        "directory index loaded"
    );
    Ok(generation)
}

//! Writes that need not hold up a response: usage analytics (page views) and sessions' last-seen
//! times. Handlers queue them and one background thread writes them in batches, so no card waits
//! for the database's write lock. Page views are counted in memory by tenant, kind, route and
//! second, so a busy second costs one row, not one per view. A full queue drops writes (counted in
//! `/metrics`) rather than slow a card down; a stopping server writes what is queued.

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use crate::http::session::SessionTouch;
use crate::storage::events::{self, UsageEvent};
use crate::storage::ids::TenantId;
use crate::storage::{DbConnection, Pool, unix_now};

/// Writes held at most (distinct page-view counters plus session touches); beyond that new ones
/// are dropped until the writer catches up.
const QUEUE: usize = 65_536;
/// The writer is woken early once this many writes are waiting.
const BATCH: usize = 1_000;
const FLUSH_EVERY: Duration = Duration::from_secs(1);

/// What a page-view counter counts: views of one kind on one route for one tenant in one second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct ViewKey {
    tenant: TenantId,
    kind: &'static str,
    route: &'static str,
    at: i64,
}

/// Queues writes for the background writer. Cheap to clone. Queuing takes a lock and bumps a
/// counter or pushes onto a vector: no system call, no wake-up of the writer per request (it
/// wakes once a second, or when a batch is full).
#[derive(Clone)]
pub struct DeferredWrites {
    handle: Arc<Handle>,
}

/// Shared by every clone; when the last one goes, the writer writes what is left and ends.
struct Handle {
    queue: Arc<Queue>,
}

#[derive(Default)]
struct Queue {
    state: Mutex<Pending>,
    wake: Condvar,
}

#[derive(Default)]
struct Pending {
    batch: Batch,
    closed: bool,
}

/// What the writer writes in one go: page-view counters and session touches.
#[derive(Default)]
struct Batch {
    views: HashMap<ViewKey, i64>,
    touches: Vec<SessionTouch>,
}

impl Batch {
    fn is_empty(&self) -> bool {
        self.views.is_empty() && self.touches.is_empty()
    }

    fn len(&self) -> usize {
        self.views.len() + self.touches.len()
    }
}

impl DeferredWrites {
    /// Starts the writer thread; it ends once every handle is dropped and the queue is written.
    pub fn start(pool: Pool) -> std::io::Result<Self> {
        let queue = Arc::new(Queue::default());
        let writer_queue = Arc::clone(&queue);
        std::thread::Builder::new()
            .name("deferred-writer".into())
            .spawn(move || write_batches(&pool, &writer_queue))?;
        Ok(Self { handle: Arc::new(Handle { queue }) })
    }

    /// A page view of `kind` on `route` (no user, no CRM value).
    pub fn record_usage(&self, tenant: TenantId, kind: &'static str, route: &'static str) {
        let key = ViewKey { tenant, kind, route, at: unix_now() };
        self.queue(|batch| *batch.views.entry(key).or_insert(0) += 1);
    }

    /// Moves a session's last-seen time and idle expiry forward.
    pub fn touch_session(&self, touch: SessionTouch) {
        self.queue(|batch| batch.touches.push(touch));
    }

    fn queue(&self, add: impl FnOnce(&mut Batch)) {
        let queue = &self.handle.queue;
        let mut pending = queue.lock();
        if pending.batch.len() >= QUEUE {
            drop(pending);
            metrics::counter!("crmlens_deferred_writes_dropped_total").increment(1);
            return;
        }
        add(&mut pending.batch);
        if pending.batch.len() == BATCH {
            queue.wake.notify_one();
        }
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.queue.lock().closed = true;
        self.queue.wake.notify_one();
    }
}

impl Queue {
    fn lock(&self) -> MutexGuard<'_, Pending> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Waits until a batch is full, the queue closes or a flush is due; then takes what waits.
    fn next_batch(&self) -> (Batch, bool) {
        let pending = self.lock();
        let (mut pending, _) = self
            .wake
            .wait_timeout_while(pending, FLUSH_EVERY, |p| !p.closed && p.batch.len() < BATCH)
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        (std::mem::take(&mut pending.batch), pending.closed)
    }
}

fn write_batches(pool: &Pool, queue: &Queue) {
    loop {
        let (batch, closed) = queue.next_batch();
        if !batch.is_empty() {
            write(pool, batch);
        }
        if closed {
            let rest = std::mem::take(&mut queue.lock().batch);
            if !rest.is_empty() {
                write(pool, rest);
            }
            return;
        }
    }
}
fn write(pool: &Pool, batch: Batch) {
    let count = batch.len();
    let written = pool.get().map_err(|e| e.to_string()).and_then(|mut conn| write_all(&mut conn, batch));
    if let Err(error) = written {
        tracing::warn!(%error, writes = count, "deferred writes (usage counts, session last-seen times) failed and were dropped");
    }
}

fn write_all(conn: &mut DbConnection, batch: Batch) -> Result<(), String> {
    for touch in batch.touches {
        touch.apply(conn).map_err(|e| e.to_string())?;
    }
    let usage: Vec<UsageEvent> = batch
        .views
        .into_iter()
        .map(|(key, count)| UsageEvent {
            tenant: Some(key.tenant),
            kind: key.kind,
            route: key.route,
            at: key.at,
            count,
        })
        .collect();
    events::record_many(conn, &usage).map_err(|e| e.to_string())
}

//! Writes that need not hold up a response: usage analytics (page views) and sessions' last-seen
//! times. Handlers queue them and one background thread writes them in batches, so no card waits
//! for the database's write lock. A full queue drops writes (counted in `/metrics`) rather than
//! slow a card down; a stopping server writes what is queued.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use crate::http::session::SessionTouch;
use crate::storage::events::{self, UsageEvent};
use crate::storage::ids::TenantId;
use crate::storage::{DbConnection, Pool, unix_now};

/// Writes held at most; beyond that new ones are dropped until the writer catches up.
const QUEUE: usize = 65_536;
/// The writer is woken early once this many writes are waiting.
const BATCH: usize = 1_000;
const FLUSH_EVERY: Duration = Duration::from_secs(1);

/// One queued write.
enum Deferred {
    Usage(UsageEvent),
    SessionSeen(SessionTouch),
}

/// Queues writes for the background writer. Cheap to clone. Queuing takes a lock and pushes
/// onto a vector: no system call, no wake-up of the writer per request (it wakes once a second,
/// or when a batch is full).
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
    writes: Vec<Deferred>,
    closed: bool,
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
        let event = UsageEvent { tenant: Some(tenant), kind, route, at: unix_now() };
        self.send(Deferred::Usage(event));
    }

    /// Moves a session's last-seen time and idle expiry forward.
    pub fn touch_session(&self, touch: SessionTouch) {
        self.send(Deferred::SessionSeen(touch));
    }

    fn send(&self, write: Deferred) {
        let queue = &self.handle.queue;
        let mut pending = queue.lock();
        if pending.writes.len() >= QUEUE {
            drop(pending);
            metrics::counter!("crmlens_deferred_writes_dropped_total").increment(1);
            return;
        }
        pending.writes.push(write);
        if pending.writes.len() == BATCH {
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
    fn next_batch(&self) -> (Vec<Deferred>, bool) {
        let pending = self.lock();
        let (mut pending, _) = self
            .wake
            .wait_timeout_while(pending, FLUSH_EVERY, |p| !p.closed && p.writes.len() < BATCH)
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        (std::mem::take(&mut pending.writes), pending.closed)
    }
}

fn write_batches(pool: &Pool, queue: &Queue) {
    loop {
        let (batch, closed) = queue.next_batch();
        if !batch.is_empty() {
            write(pool, batch);
        }
        if closed {
            let rest = std::mem::take(&mut queue.lock().writes);
            if !rest.is_empty() {
                write(pool, rest);
            }
            return;
        }
    }
}
fn write(pool: &Pool, batch: Vec<Deferred>) {
    let count = batch.len();
    let written = pool.get().map_err(|e| e.to_string()).and_then(|mut conn| write_all(&mut conn, batch));
    if let Err(error) = written {
        tracing::warn!(%error, writes = count, "deferred writes (usage events, session last-seen times) failed and were dropped");
    }
}

fn write_all(conn: &mut DbConnection, batch: Vec<Deferred>) -> Result<(), String> {
    let mut usage = Vec::with_capacity(batch.len());
    for write in batch {
        match write {
            Deferred::Usage(event) => usage.push(event),
            Deferred::SessionSeen(touch) => touch.apply(conn).map_err(|e| e.to_string())?,
        }
    }
    events::record_many(conn, &usage).map_err(|e| e.to_string())
}

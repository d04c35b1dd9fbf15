//! Usage analytics without a database write on the request path: handlers queue page-view
//! events, and one background thread writes them in batches. A full queue drops events (counted
//! in `/metrics`) rather than slow a card down; a stopping server writes what is queued.

use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, TrySendError, sync_channel};
use std::time::{Duration, Instant};

use crate::storage::events::{self, UsageEvent};
use crate::storage::ids::TenantId;
use crate::storage::{Pool, unix_now};

const QUEUE: usize = 65_536;
const BATCH: usize = 1_000;
const FLUSH_EVERY: Duration = Duration::from_secs(1);

/// Queues usage events for the background writer. Cheap to clone.
#[derive(Clone)]
pub struct UsageRecorder {
    queue: SyncSender<UsageEvent>,
}

impl UsageRecorder {
    /// Starts the writer thread; it ends once every recorder is dropped and the queue is written.
    pub fn start(pool: Pool) -> std::io::Result<Self> {
        let (queue, receiver) = sync_channel(QUEUE);
        std::thread::Builder::new()
            .name("usage-writer".into())
            .spawn(move || write_batches(&pool, &receiver))?;
        Ok(Self { queue })
    }

    pub fn record(&self, tenant: TenantId, kind: &'static str, route: &'static str) {
        let event = UsageEvent { tenant: Some(tenant), kind, route, at: unix_now() };
        if let Err(TrySendError::Full(_)) = self.queue.try_send(event) {
            metrics::counter!("crmlens_usage_events_dropped_total").increment(1);
        }
    }
}

fn write_batches(pool: &Pool, receiver: &Receiver<UsageEvent>) {
    let mut batch = Vec::with_capacity(BATCH);
    loop {
        let deadline = Instant::now() + FLUSH_EVERY;
        let disconnected = loop {
            match receiver.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(event) => {
                    batch.push(event);
                    if batch.len() >= BATCH {
                        break false;
                    }
                }
                Err(RecvTimeoutError::Timeout) => break false,
                Err(RecvTimeoutError::Disconnected) => break true,
            }
        };
        if !batch.is_empty() {
            write(pool, &batch);
            batch.clear();
        }
        if disconnected {
            return;
        }
    }
}

fn write(pool: &Pool, batch: &[UsageEvent]) {
    let written = pool
        .get()
        .map_err(|e| e.to_string())
        .and_then(|mut conn| events::record_many(&mut conn, batch).map_err(|e| e.to_string()));
    if let Err(error) = written {
        tracing::warn!(%error, events = batch.len(), "usage events could not be written and were dropped");
    }
}

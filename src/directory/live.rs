//! The live directory index: readers take a cheap snapshot (`Arc`) and keep using it while a
//! rebuilt index is swapped in, so an import never stops the server from answering.

use std::sync::{Arc, RwLock};

/// A value that is replaced whole; readers never wait for a rebuild.
pub struct Live<T> {
    current: RwLock<Option<Arc<T>>>,
}

impl<T> Default for Live<T> {
    fn default() -> Self {
        Self { current: RwLock::new(None) }
    }
}

impl<T> Live<T> {
    /// The current value, or `None` before the first load.
    pub fn snapshot(&self) -> Option<Arc<T>> {
        match self.current.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Replaces the value; snapshots already taken stay valid.
    pub fn replace(&self, value: T) {
        let value = Some(Arc::new(value));
        match self.current.write() {
            Ok(mut guard) => *guard = value,
            Err(poisoned) => *poisoned.into_inner() = value,
        }
    }

    pub fn is_loaded(&self) -> bool {
        self.snapshot().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_snapshots_survive_a_replace() {
        let live = Live::default();
        assert!(!live.is_loaded());
        live.replace(1);
        let old = live.snapshot().unwrap();
        live.replace(2);
        assert_eq!((*old, *live.snapshot().unwrap()), (1, 2));
    }
}

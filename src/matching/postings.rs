//! A compact read-only multimap from 64-bit keys to entity numbers (sorted keys, offsets, values),
//! the retrieval structure behind every index key.

use rayon::slice::ParallelSliceMut;

/// Collects (key, entity) pairs, then freezes them.
#[derive(Default)]
pub struct PostingsBuilder {
    pairs: Vec<(u64, u32)>,
}

impl PostingsBuilder {
    pub fn add(&mut self, key: u64, entity: u32) {
        self.pairs.push((key, entity));
    }

    pub fn build(mut self) -> Postings {
        self.pairs.par_sort_unstable();
        self.pairs.dedup();
        let mut keys = Vec::new();
        let mut offsets = Vec::new();
        let mut values = Vec::with_capacity(self.pairs.len());
        for (key, entity) in self.pairs {
            if keys.last() != Some(&key) {
                keys.push(key);
                offsets.push(u32::try_from(values.len()).unwrap_or(u32::MAX));
            }
            values.push(entity);
        }
        offsets.push(u32::try_from(values.len()).unwrap_or(u32::MAX));
        keys.shrink_to_fit();
        Postings { keys, offsets, values }
    }
}

/// Sorted keys; the entities of `keys[i]` are `values[offsets[i]..offsets[i + 1]]`, ascending.
#[derive(Debug, Default)]
pub struct Postings {
    keys: Vec<u64>,
    offsets: Vec<u32>,
    values: Vec<u32>,
}

impl Postings {
    pub fn get(&self, key: u64) -> &[u32] {
        match self.keys.binary_search(&key) {
            Ok(i) => &self.values[self.offsets[i] as usize..self.offsets[i + 1] as usize],
            Err(_) => &[],
        }
    }

    pub fn heap_bytes(&self) -> usize {
        self.keys.capacity() * 8 + self.offsets.capacity() * 4 + self.values.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_values_by_key() {
        let mut builder = PostingsBuilder::default();
        for (key, value) in [(5, 2), (1, 9), (5, 1), (5, 2)] {
            builder.add(key, value);
        }
        let postings = builder.build();
        assert_eq!(postings.get(5), &[1, 2]);
        assert_eq!(postings.get(1), &[9]);
        assert!(postings.get(7).is_empty());
    }
}

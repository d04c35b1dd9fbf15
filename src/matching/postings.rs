//! A compact read-only multimap from 64-bit keys to entity numbers (sorted keys, offsets, values),
//! the retrieval structure behind every index key.

use rayon::slice::ParallelSliceMut;

/// Collects (key, entity) pairs, then freezes them.
#[derive(Default)]
pub struct PostingsBuilder {
    pairs: Vec<Pair>,
}

/// A (key, entity) pair in 12 bytes instead of a tuple's 16: a 1,000,000-member index holds tens
/// of millions of them at once while it is built, which sets the peak memory of loading.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(C, packed(4))]
struct Pair {
    key: u64,
    entity: u32,
}

impl PostingsBuilder {
    pub fn reserve(&mut self, additional: usize) {
        self.pairs.reserve_exact(additional);
    }

    pub fn add(&mut self, key: u64, entity: u32) {
        self.pairs.push(Pair { key, entity });
    }

    pub fn build(mut self) -> Postings {
        self.pairs.par_sort_unstable();
        self.pairs.dedup();
        // Sized exactly (one pass over sorted keys) rather than doubled, copied and left behind.
        let distinct = 1 + self.pairs.windows(2).filter(|w| { w[0].key } != { w[1].key }).count();
        let mut keys = Vec::with_capacity(distinct);
        let mut offsets = Vec::with_capacity(distinct + 1);
        let mut values = Vec::with_capacity(self.pairs.len());
        for Pair { key, entity } in self.pairs {
            if keys.last() != Some(&key) {
                keys.push(key);
                offsets.push(u32::try_from(values.len()).unwrap_or(u32::MAX));
            }
            values.push(entity);
        }
        offsets.push(u32::try_from(values.len()).unwrap_or(u32::MAX));
        let bits = bucket_bits(keys.len());
        let mut buckets = Vec::with_capacity((1 << bits) + 1);
        let mut i = 0;
        for b in 0..1u64 << bits {
            while keys.get(i).is_some_and(|&k| bucket(k, bits) < b) {
                i += 1;
            }
            buckets.push(u32::try_from(i).unwrap_or(u32::MAX));
        }
        buckets.push(u32::try_from(keys.len()).unwrap_or(u32::MAX));
        Postings { keys, offsets, values, bits, buckets }
    }
}

/// Bucket-table size for `keys` keys: about eight keys per bucket, at most 2^24 buckets.
fn bucket_bits(keys: usize) -> u32 {
    (usize::BITS - keys.leading_zeros()).saturating_sub(3).min(24)
}

/// The bucket of a key: its top `bits` bits (keys are hashes, so buckets fill evenly).
fn bucket(key: u64, bits: u32) -> u64 {
    key.checked_shr(64 - bits).unwrap_or(0)
}

/// Sorted keys; the entities of `keys[i]` are `values[offsets[i]..offsets[i + 1]]`, ascending.
/// `buckets[b]..buckets[b + 1]` are the keys whose top `bits` bits are `b`: a lookup searches a
/// handful of neighbouring keys instead of the whole array (tens of cache misses at 1M members).
#[derive(Debug, Default)]
pub struct Postings {
    keys: Vec<u64>,
    offsets: Vec<u32>,
    values: Vec<u32>,
    bits: u32,
    buckets: Vec<u32>,
}

impl Postings {
    pub fn get(&self, key: u64) -> &[u32] {
        let b = bucket(key, self.bits) as usize;
        let (Some(&lo), Some(&hi)) = (self.buckets.get(b), self.buckets.get(b + 1)) else { return &[] };
        let (lo, hi) = (lo as usize, hi as usize);
        match self.keys[lo..hi].binary_search(&key) {
            Ok(i) => &self.values[self.offsets[lo + i] as usize..self.offsets[lo + i + 1] as usize],
            Err(_) => &[],
        }
    }

    pub fn heap_bytes(&self) -> usize {
        self.keys.capacity() * 8
            + self.offsets.capacity() * 4
            + self.values.capacity() * 4
            + self.buckets.capacity() * 4
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

    #[test]
    fn finds_every_key_among_many_spread_over_buckets() {
        let mut builder = PostingsBuilder::default();
        let key = |i: u64| i.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        for i in 1..5_000u64 {
            builder.add(key(i), u32::try_from(i).unwrap_or(0));
        }
        builder.add(u64::MAX, 1);
        builder.add(0, 2);
        let postings = builder.build();
        for i in 1..5_000u64 {
            assert_eq!(postings.get(key(i)), &[u32::try_from(i).unwrap_or(0)], "key {i}");
        }
        assert_eq!(postings.get(u64::MAX), &[1]);
        assert_eq!(postings.get(0), &[2]);
        assert!(postings.get(key(5_000)).is_empty());
        assert!(Postings::default().get(3).is_empty());
    }
}

//! String interning: every distinct word is stored once and referred to by a `u32`.

use std::collections::HashMap;

use super::names::FastHash;

/// A symbol: the number of an interned string.
pub type Sym = u32;

/// Interned strings, stored end to end in one buffer: resolving a symbol reads two offsets and
/// a slice of one allocation, so comparing the words of thousands of retrieved names per query
/// stays in cache instead of chasing one heap allocation per word.
#[derive(Debug)]
pub struct Interner {
    ids: HashMap<Box<str>, Sym, FastHash>,
    text: String,
    /// `ends[i]` is where string `i` ends in `text`; it starts where string `i - 1` ends.
    ends: Vec<u32>,
}

impl Default for Interner {
    fn default() -> Self {
        Self { ids: HashMap::default(), text: String::new(), ends: vec![0] }
    }
}

impl Interner {
    pub fn intern(&mut self, text: &str) -> Sym {
        if let Some(&sym) = self.ids.get(text) {
            return sym;
        }
        let sym = Sym::try_from(self.len()).unwrap_or(Sym::MAX);
        self.text.push_str(text);
        self.ends.push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
        self.ids.insert(text.into(), sym);
        sym
    }

    pub fn get(&self, text: &str) -> Option<Sym> {
        self.ids.get(text).copied()
    }

    pub fn resolve(&self, sym: Sym) -> &str {
        let i = sym as usize;
        match (self.ends.get(i), self.ends.get(i + 1)) {
            (Some(&start), Some(&end)) => self.text.get(start as usize..end as usize).unwrap_or(""),
            _ => "",
        }
    }

    pub fn len(&self) -> usize {
        self.ends.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn heap_bytes(&self) -> usize {
        let keys: usize = self.ids.keys().map(|k| k.len()).sum();
        self.text.capacity() + keys + self.ends.capacity() * 4 + self.ids.capacity() * 28
    }
}

/// Many short lists of symbols stored end to end.
#[derive(Debug, Default)]
pub struct Lists<T> {
    starts: Vec<u32>,
    items: Vec<T>,
}

impl<T: Copy> Lists<T> {
    /// The number of every empty list.
    pub const EMPTY: u32 = u32::MAX;

    pub fn new() -> Self {
        Self { starts: vec![0], items: Vec::new() }
    }

    /// Appends a list; returns its number. Every empty list gets [`Self::EMPTY`], which is not
    /// stored: reading it touches no memory (many members have no work e-mail domain or no
    /// title, and scoring reads those lists for every candidate).
    pub fn push(&mut self, list: impl IntoIterator<Item = T>) -> u32 {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        let before = self.items.len();
        self.items.extend(list);
        if self.items.len() == before {
            return Self::EMPTY;
        }
        self.starts.push(u32::try_from(self.items.len()).unwrap_or(u32::MAX));
        u32::try_from(self.starts.len() - 2).unwrap_or(u32::MAX)
    }

    pub fn get(&self, list: u32) -> &[T] {
        if list == Self::EMPTY {
            return &[];
        }
        let i = list as usize;
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&start), Some(&end)) => &self.items[start as usize..end as usize],
            _ => &[],
        }
    }

    pub fn heap_bytes(&self) -> usize {
        self.starts.capacity() * 4 + self.items.capacity() * std::mem::size_of::<T>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_come_back_as_pushed_and_empty_ones_take_no_room() {
        let mut lists: Lists<u32> = Lists::new();
        let a = lists.push([3, 1]);
        let empty = lists.push([]);
        let b = lists.push([7]);
        assert_eq!((lists.get(a), lists.get(b)), (&[3, 1][..], &[7][..]));
        assert_eq!(empty, Lists::<u32>::EMPTY);
        assert!(lists.get(empty).is_empty());
        assert_eq!(lists.starts.len(), 3, "two stored lists, no entry for the empty one");
    }
}

//! String interning: every distinct word is stored once and referred to by a `u32`.

use std::collections::HashMap;

use super::names::FastHash;

/// A symbol: the number of an interned string.
pub type Sym = u32;

#[derive(Debug, Default)]
pub struct Interner {
    ids: HashMap<Box<str>, Sym, FastHash>,
    strings: Vec<Box<str>>,
}

impl Interner {
    pub fn intern(&mut self, text: &str) -> Sym {
        if let Some(&sym) = self.ids.get(text) {
            return sym;
        }
        let sym = Sym::try_from(self.strings.len()).unwrap_or(Sym::MAX);
        self.strings.push(text.into());
        self.ids.insert(text.into(), sym);
        sym
    }

    pub fn get(&self, text: &str) -> Option<Sym> {
        self.ids.get(text).copied()
    }

    pub fn resolve(&self, sym: Sym) -> &str {
        self.strings.get(sym as usize).map_or("", |s| s)
    }

    pub fn len(&self) -> usize {
        self.strings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
    }

    pub fn heap_bytes(&self) -> usize {
        let text: usize = self.strings.iter().map(|s| s.len()).sum();
        text * 2 + self.strings.capacity() * 16 + self.ids.capacity() * 28
    }
}

/// Many short lists of symbols stored end to end.
#[derive(Debug, Default)]
pub struct Lists<T> {
    starts: Vec<u32>,
    items: Vec<T>,
}

impl<T: Copy> Lists<T> {
    pub fn new() -> Self {
        Self { starts: vec![0], items: Vec::new() }
    }

    /// Appends a list; returns its number.
    pub fn push(&mut self, list: impl IntoIterator<Item = T>) -> u32 {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        self.items.extend(list);
        self.starts.push(u32::try_from(self.items.len()).unwrap_or(u32::MAX));
        u32::try_from(self.starts.len() - 2).unwrap_or(u32::MAX)
    }

    pub fn get(&self, list: u32) -> &[T] {
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

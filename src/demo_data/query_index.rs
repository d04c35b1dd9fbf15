//! What query generation must know about the whole directory to label truth honestly: how many
//! members share a name (alone, and at each employer), and which company names and domains exist.

use std::collections::{HashMap, HashSet};

use super::companies::{Company, slug_words};
use super::members::mail_part;

/// A 64-bit key of normalized text (lowercase ASCII letters and digits).
fn key(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in mail_part(part).bytes().chain(std::iter::once(b'|')) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    super::rng::mix(hash)
}

/// Keys of one member: its name, and its name at each of its employers (current and past).
pub fn member_keys(first: &str, last: &str, employers: impl Iterator<Item = u32>, out: &mut Vec<u64>) {
    let name = key(&[first, last]);
    out.push(name);
    for company in employers {
        out.push(name ^ super::rng::mix(u64::from(company) + 1));
    }
}

/// The key of an e-mail address as the directory lists it.
pub fn email_key(address: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in address.to_lowercase().bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    super::rng::mix(hash)
}

/// Counts of member names, overall and per employer, and the listed e-mail addresses.
#[derive(Debug, Default)]
pub struct NameIndex {
    counts: HashMap<u64, u32>,
    emails: HashMap<u64, u32>,
}

impl NameIndex {
    pub fn add(&mut self, keys: &[u64]) {
        for &k in keys {
            *self.counts.entry(k).or_insert(0) += 1;
        }
    }

    pub fn add_emails(&mut self, keys: &[u64]) {
        for &k in keys {
            *self.emails.entry(k).or_insert(0) += 1;
        }
    }

    /// How many directory members list this address (two colleagues may share `anna@`).
    pub fn email_owners(&self, address: &str) -> u32 {
        self.emails.get(&email_key(address)).copied().unwrap_or(0)
    }

    /// Members with this name anywhere.
    pub fn with_name(&self, first: &str, last: &str) -> u32 {
        self.counts.get(&key(&[first, last])).copied().unwrap_or(0)
    }

    /// Members with this name who work or worked at `company`.
    pub fn with_name_at(&self, first: &str, last: &str, company: u32) -> u32 {
        let k = key(&[first, last]) ^ super::rng::mix(u64::from(company) + 1);
        self.counts.get(&k).copied().unwrap_or(0)
    }
}

/// The company names (without legal form) and web domains of the directory.
#[derive(Debug)]
pub struct CompanyIndex {
    by_core: HashMap<String, Vec<u32>>,
    domains: HashSet<String>,
}

/// A company name reduced for comparison (`müller-logistik` → `muller logistik`).
pub fn core_key(core: &str) -> String {
    slug_words(core).join(" ")
}

impl CompanyIndex {
    pub fn new(companies: &[Company]) -> Self {
        let mut by_core: HashMap<String, Vec<u32>> = HashMap::new();
        for (k, company) in companies.iter().enumerate() {
            by_core.entry(core_key(&company.core)).or_default().push(k as u32);
        }
        let domains = companies.iter().map(|c| c.domain.clone()).collect();
        Self { by_core, domains }
    }

    /// Directory companies whose name (without legal form) reads like `core`.
    pub fn named(&self, core: &str) -> &[u32] {
        self.by_core.get(&core_key(core)).map_or(&[], Vec::as_slice)
    }

    pub fn has_domain(&self, domain: &str) -> bool {
        self.domains.contains(domain)
    }
}

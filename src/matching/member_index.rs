//! The member index: members with interned name words, employers as company positions, e-mail
//! hashes, and retrieval keys (name words × given-name keys, phonetic keys, typo variants,
//! employer × given-name keys, e-mail hashes). Scoring is in `member_score`.

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};

use rayon::prelude::*;

use super::company_name::CompanyName;
use super::email::{EmailHash, EmailKey, email_domain, is_webmail, normalize_email};
use super::interner::{Interner, Lists, Sym};
use super::model::CompanyLevel;
use super::names::{FastHash, Nicknames, PersonName, is_family_core};
use super::postings::{Postings, PostingsBuilder};
use super::text::{deletions, phonetic, stable_hash};
use super::title::Title;

/// A former employer as the index takes it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PastEntry {
    pub company_id: Option<String>,
}

/// A member as the index takes it: e-mail addresses only as keyed hashes plus their domains.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MemberEntry {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub title: String,
    pub company_id: Option<String>,
    pub company_name: String,
    pub email_hashes: Vec<EmailHash>,
    pub email_domains: Vec<String>,
    pub past_companies: Vec<PastEntry>,
}

/// A CRM lead or contact to match, normalized once.
#[derive(Debug, Clone, Default)]
pub struct PersonProbe {
    pub name: PersonName,
    pub company: CompanyName,
    pub title: Title,
    pub email_hash: Option<EmailHash>,
    /// The address's registrable domain when it is not a webmail provider.
    pub work_domain: Option<String>,
    /// The address's local part, letters only between separators (`lyudmila.harchenko`).
    pub email_local: String,
}

impl PersonProbe {
    pub fn new(
        first: Option<&str>,
        last: Option<&str>,
        company: Option<&str>,
        title: Option<&str>,
        email: Option<&str>,
        key: &EmailKey,
    ) -> Self {
        let normalized = email.and_then(normalize_email);
        let work_domain = normalized
            .as_deref()
            .map(email_domain)
            .filter(|d| !is_webmail(d))
            .and_then(super::domain::registrable_domain);
        let email_local = normalized
            .as_deref()
            .and_then(|n| n.rsplit_once('@'))
            .map(|(local, _)| local.chars().map(|c| if c.is_ascii_alphabetic() { c } else { '.' }).collect())
            .unwrap_or_default();
        Self {
            name: PersonName::parse(first, last),
            company: CompanyName::parse(company.unwrap_or("")),
            title: Title::parse(title.unwrap_or("")),
            email_hash: normalized.map(|n| key.hash_normalized(&n)),
            work_domain,
            email_local,
        }
    }
}

/// Companies a query's employer fields may mean, with their agreement level.
pub(super) type Employers = HashMap<u32, CompanyLevel, FastHash>;

pub(super) const NONE: u32 = u32::MAX;
/// Employer sentinel of members who work for no company ("Self-employed", "Freelance").
pub(super) const FREELANCE: u32 = u32::MAX - 1;
const MAX_POSTING: usize = 2000;
const MAX_CANDIDATES: usize = 4000;
/// Members normalized per parallel batch when a list of entries is indexed, at most.
const PREPARE_CHUNK: usize = 16_384;
/// Batches a small list of entries is cut into at least, so that normalizing one overlaps adding
/// the one before for most of the build.
const PIPELINE_CHUNKS: usize = 8;
/// Members read per (surname, initial) key.
const INITIAL_POSTING: usize = 400;
/// Members read per typo variant of a surname.
const SIMILAR_POSTING: usize = 100;
const STAR: &str = "*";

#[derive(Debug, Clone, Copy)]
pub(super) struct MemberRow {
    pub(super) given: u32,
    pub(super) family: u32,
    pub(super) title: u32,
    pub(super) company: u32,
    /// How many e-mail addresses the member has; their hashes are keys of the postings.
    pub(super) emails: u32,
    pub(super) domains: u32,
}

#[derive(Clone, Copy)]
enum Key {
    Name,
    Phonetic,
    Employer,
    Email,
    Deletion,
    PastEmployer,
}

fn key(kind: Key, a: &str, b: &str) -> u64 {
    stable_hash(&[&[kind as u8], a.as_bytes(), b.as_bytes()])
}

fn employer_key(company: u32, given: &str) -> u64 {
    stable_hash(&[&[Key::Employer as u8], &company.to_le_bytes(), given.as_bytes()])
}

pub(super) fn email_key(hash: &EmailHash) -> u64 {
    stable_hash(&[&[Key::Email as u8], &hash.0])
}

/// The key of the members who once worked for a company (by position): scoring looks past
/// employers up by company instead of reading every candidate's own list.
pub(super) fn past_employer_key(company: u32) -> u64 {
    stable_hash(&[&[Key::PastEmployer as u8], &company.to_le_bytes()])
}

/// Company positions by id: members' employers are resolved with them before the company index
/// is built.
pub(super) type Positions<'a> = HashMap<&'a str, u32, FastHash>;

/// Members per chunk when a whole list of entries is indexed: at most [`PREPARE_CHUNK`], and
/// [`PIPELINE_CHUNKS`] chunks at least.
pub(super) fn chunk_len(members: usize) -> usize {
    PREPARE_CHUNK.min(members.div_ceil(PIPELINE_CHUNKS)).max(1)
}

/// A member index built a chunk of members at a time, in order: [`MemberIndexBuilder::prepare`]
/// on all cores, then [`MemberIndexBuilder::add`]; [`MemberIndexBuilder::finish`] freezes it.
pub(super) struct MemberIndexBuilder {
    index: MemberIndex,
    adding: Adding,
    /// How many members are expected in all (an estimate: it only sizes buffers).
    expected: usize,
}

impl MemberIndexBuilder {
    pub(super) fn new(expected: usize) -> Self {
        let index = MemberIndex {
            ids: String::new(),
            id_ends: Vec::with_capacity(expected),
            words: Interner::default(),
            lists: Lists::new(),
            rows: Vec::with_capacity(expected),
            postings: Postings::default(),
            freelancers: 0,
        };
        Self { index, adding: Adding::default(), expected }
    }

    /// Normalizes members (the costly part, independent per member) on all cores.
    pub(super) fn prepare(
        chunk: &[MemberEntry],
        positions: &Positions,
        titles: &TitleCache,
    ) -> Vec<Prepared> {
        chunk.par_iter().map(|entry| Prepared::new(entry, positions, titles)).collect()
    }

    /// Adds members after those added before, from their normalized forms.
    pub(super) fn add(&mut self, chunk: &[MemberEntry], prepared: Vec<Prepared>) {
        if self.index.rows.is_empty() && !chunk.is_empty() {
            // The key pairs are the largest buffer of a build: sized once, from the first
            // chunk, instead of doubling (each doubling copies every pair collected so far).
            let chunk_keys: usize = prepared.iter().map(|p| p.keys.len()).sum();
            let expected = self.expected.max(chunk.len());
            self.adding.keys.reserve(chunk_keys * expected / chunk.len() * 11 / 10);
        }
        self.index.ids.reserve(chunk.iter().map(|e| e.id.len()).sum());
        self.index.add_prepared(chunk, prepared, &mut self.adding);
    }

    pub(super) fn len(&self) -> usize {
        self.index.rows.len()
    }

    /// The index of the members added.
    pub(super) fn finish(self) -> MemberIndex {
        let Self { mut index, adding, .. } = self;
        // Interned in a fixed order: symbols decide which typo neighbours survive a cap, and a
        // hash map's order differs from run to run.
        let Adding { mut keys, family, .. } = adding;
        let mut family_words: Vec<(&str, Sym)> = (0..family.len())
            .filter(|&sym| family[sym])
            .filter_map(|sym| Sym::try_from(sym).ok())
            .map(|sym| (index.words.resolve(sym), sym))
            .filter(|(word, _)| word.len() >= 4)
            .collect();
        family_words.sort_unstable();
        for (word, sym) in family_words {
            keys.add(key(Key::Deletion, word, ""), sym);
            for variant in deletions(word) {
                keys.add(key(Key::Deletion, &variant, ""), sym);
            }
        }
        index.postings = keys.build();
        index
    }
}

/// All members of a directory, ready to match.
#[derive(Debug)]
pub struct MemberIndex {
    ids: String,
    id_ends: Vec<u32>,
    pub(super) words: Interner,
    pub(super) lists: Lists<Sym>,
    pub(super) rows: Vec<MemberRow>,
    pub(super) postings: Postings,
    pub(super) freelancers: u32,
}

impl MemberIndex {
    /// Adds a chunk of members, in order, from their normalized forms.
    fn add_prepared(&mut self, chunk: &[MemberEntry], prepared: Vec<Prepared>, adding: &mut Adding) {
        for (entry, member) in chunk.iter().zip(prepared) {
            let pos = u32::try_from(self.rows.len()).unwrap_or(NONE);
            self.ids.push_str(&entry.id);
            self.id_ends.push(u32::try_from(self.ids.len()).unwrap_or(NONE));
            for k in &member.keys {
                adding.keys.add(*k, pos);
            }
            let given = self.intern_list(&member.name.given, adding);
            let family = self.intern_list(&member.name.family, adding);
            // `syms` holds the family words' symbols now.
            let Adding { syms, family: family_marks, .. } = &mut *adding;
            for (word, &sym) in member.name.family.iter().zip(syms.iter()) {
                if is_family_core(word) {
                    mark(family_marks, sym);
                }
            }
            let (title, domains) =
                (self.intern_list(&member.title, adding), self.intern_list(&member.domains, adding));
            let row = MemberRow {
                given,
                family,
                title,
                company: member.company,
                emails: u32::try_from(entry.email_hashes.len()).unwrap_or(u32::MAX),
                domains,
            };
            self.freelancers += u32::from(member.company == FREELANCE);
            self.rows.push(row);
        }
    }

    /// Interns a word list, stored once however many members share it: equal lists have equal
    /// numbers, which lets scoring remember a comparison per distinct name. Leaves the words'
    /// symbols in `adding.syms`.
    fn intern_list(&mut self, words: &[String], adding: &mut Adding) -> u32 {
        let Adding { distinct_lists, syms, .. } = adding;
        syms.clear();
        syms.extend(words.iter().map(|w| self.words.intern(w)));
        if let Some(&list) = distinct_lists.get(syms.as_slice()) {
            return list;
        }
        let list = self.lists.push(syms.iter().copied());
        distinct_lists.insert(syms.clone(), list);
        list
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn id(&self, pos: u32) -> &str {
        let i = pos as usize;
        let start = if i == 0 { 0 } else { self.id_ends.get(i - 1).copied().unwrap_or(0) as usize };
        let end = self.id_ends.get(i).copied().unwrap_or(0) as usize;
        self.ids.get(start..end).unwrap_or("")
    }

    /// Employer of a member (position in the company index), if known.
    pub fn employer(&self, pos: u32) -> Option<u32> {
        self.rows.get(pos as usize).map(|r| r.company).filter(|c| *c < FREELANCE)
    }

    pub(super) fn words_of(&self, list: u32) -> Vec<&str> {
        self.lists.get(list).iter().map(|s| self.words.resolve(*s)).collect()
    }

    /// Members that may be meant by the probe, never a scan (see [`Pass`]).
    pub(super) fn retrieve(&self, probe: &PersonProbe, employers: &Employers, pass: Pass) -> Vec<u32> {
        let broad = pass == Pass::Broad;
        let mut out: Vec<u32> = Vec::new();
        let mut add = |posting: &[u32]| out.extend_from_slice(&posting[..posting.len().min(MAX_POSTING)]);
        let name = &probe.name;
        let first_keys = pass_keys(given_keys(name.given.first().map(String::as_str)), broad);
        let family: Vec<String> = family_words(name);
        for word in &family {
            for g in &first_keys {
                // Everyone with a common surname and one initial is rarely worth scoring in full.
                let posting = self.postings.get(key(Key::Name, word, g));
                add(if g.len() == 1 { &posting[..posting.len().min(INITIAL_POSTING)] } else { posting });
            }
            if pass == Pass::Narrow {
                continue;
            }
            let sound = phonetic(word);
            for g in &first_keys {
                let by_sound = self.postings.get(key(Key::Phonetic, &sound, g));
                add(&by_sound[..by_sound.len().min(SIMILAR_POSTING)]);
            }
            // Typo variants only for words that are nobody's surname as typed.
            let known_surname = !self.postings.get(key(Key::Name, word, STAR)).is_empty();
            let similar = if known_surname { Vec::new() } else { self.similar_family_words(word) };
            for similar in similar {
                for g in &first_keys {
                    let posting = self.postings.get(key(Key::Name, self.words.resolve(similar), g));
                    add(&posting[..posting.len().min(SIMILAR_POSTING)]);
                }
            }
        }
        let swapped_keys = pass_keys(given_keys(name.family.first().map(String::as_str)), broad);
        for word in name.given.iter().filter(|w| w.len() > 1) {
            for g in &swapped_keys {
                add(self.postings.get(key(Key::Name, word, g)));
            }
        }
        let local_words: Vec<&str> = probe.email_local.split('.').filter(|w| w.len() >= 3).collect();
        for word in &local_words {
            for g in &first_keys {
                add(self.postings.get(key(Key::Name, word, g)));
            }
        }
        for &company in employers.keys() {
            for g in first_keys.iter().filter(|g| g.as_str() != STAR) {
                add(self.postings.get(employer_key(company, g)));
            }
        }
        if let Some(hash) = &probe.email_hash {
            add(self.postings.get(email_key(hash)));
        }
        out.sort_unstable();
        out.dedup();
        out.truncate(MAX_CANDIDATES);
        out
    }

    fn similar_family_words(&self, word: &str) -> Vec<Sym> {
        if word.len() < 4 {
            return Vec::new();
        }
        let mut out: Vec<Sym> = self.postings.get(key(Key::Deletion, word, "")).to_vec();
        for variant in deletions(word) {
            out.extend_from_slice(self.postings.get(key(Key::Deletion, &variant, "")));
        }
        out.sort_unstable();
        out.dedup();
        out.truncate(8);
        out
    }

    pub fn heap_bytes(&self) -> usize {
        self.ids.capacity()
            + self.id_ends.capacity() * 4
            + self.words.heap_bytes()
            + self.lists.heap_bytes()
            + self.rows.capacity() * std::mem::size_of::<MemberRow>()
            + self.postings.heap_bytes()
    }
}

/// The family words a query or member is found under.
fn family_words(name: &PersonName) -> Vec<String> {
    let mut out: Vec<String> = name.family_core().map(str::to_owned).collect();
    let joined = name.family_joined();
    if !joined.is_empty() && !out.contains(&joined) {
        out.push(joined);
    }
    out
}

/// Given-name keys: the initial first, then nickname groups; the star when there is no given name.
fn given_keys(given: Option<&str>) -> Vec<String> {
    let Some(given) = given.filter(|g| !g.is_empty()) else { return vec![STAR.to_owned()] };
    let groups = Nicknames::bundled().groups(given);
    let mut keys = Vec::with_capacity(2 + groups.len());
    keys.push(given[..1].to_owned());
    keys.push(prefixed('f', given));
    keys.extend(groups.iter().map(|g| prefixed('g', &g.to_string())));
    keys
}

/// `text` behind a one-letter key kind (without the formatting machinery: this runs for every
/// member indexed and every query).
fn prefixed(kind: char, text: &str) -> String {
    let mut key = String::with_capacity(1 + text.len());
    key.push(kind);
    key.push_str(text);
    key
}

/// The given-name keys a retrieval pass reads: all of them when broad; else the full name and
/// nickname groups (the initial comes first in `keys` and is left out).
fn pass_keys(keys: Vec<String>, broad: bool) -> Vec<String> {
    if broad || keys.len() == 1 { keys } else { keys[1..].to_vec() }
}

/// Retrieval passes, cheapest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pass {
    /// Exact surname words with the full given name or its nickname groups.
    Narrow,
    /// Adds phonetic keys and surname typo variants, still with the full given name.
    Medium,
    /// Adds given-name initials (and everything else).
    Broad,
}

/// What adding members in order keeps from one chunk to the next.
#[derive(Default)]
struct Adding {
    keys: PostingsBuilder,
    distinct_lists: HashMap<Vec<Sym>, u32, FastHash>,
    /// The symbols of the word list interned last.
    syms: Vec<Sym>,
    /// Whether a word (by symbol) identifies some member's family name: those get typo variants.
    family: Vec<bool>,
}

fn mark(marks: &mut Vec<bool>, sym: Sym) {
    let i = sym as usize;
    if i >= marks.len() {
        marks.resize(i + 1, false);
    }
    marks[i] = true;
}

/// Titles parsed so far, shared by all the normalizing tasks of a build: a directory has far
/// fewer distinct titles than members.
#[derive(Default)]
pub(super) struct TitleCache(RwLock<HashMap<Box<str>, Arc<[String]>, FastHash>>);

impl TitleCache {
    fn parse(&self, raw: &str) -> Arc<[String]> {
        let known = self.0.read().unwrap_or_else(PoisonError::into_inner).get(raw).cloned();
        known.unwrap_or_else(|| {
            let title: Arc<[String]> = Title::parse(raw).0.into();
            self.0.write().unwrap_or_else(PoisonError::into_inner).insert(raw.into(), Arc::clone(&title));
            title
        })
    }
}

/// A member normalized for indexing (built in parallel, then interned in order).
pub(super) struct Prepared {
    name: PersonName,
    title: Arc<[String]>,
    /// The employer's position, [`NONE`] for an unknown company id, [`FREELANCE`] or [`NONE`]
    /// without one.
    pub(super) company: u32,
    domains: Vec<String>,
    keys: Vec<u64>,
}

impl Prepared {
    fn new(entry: &MemberEntry, positions: &Positions, titles: &TitleCache) -> Self {
        let name = PersonName::from_directory(&entry.first_name, &entry.last_name);
        let company = match entry.company_id.as_deref() {
            Some(id) => positions.get(id).copied().unwrap_or(NONE),
            None if CompanyName::parse(&entry.company_name).freelance => FREELANCE,
            None => NONE,
        };
        let past = entry
            .past_companies
            .iter()
            .filter_map(|p| p.company_id.as_deref().and_then(|id| positions.get(id).copied()));
        let mut keys = member_keys(&name, company, &entry.email_hashes);
        keys.extend(past.map(past_employer_key));
        Self {
            title: titles.parse(&entry.title),
            domains: entry.email_domains.iter().filter(|d| !is_webmail(d)).cloned().collect(),
            name,
            company,
            keys,
        }
    }
}

fn member_keys(name: &PersonName, company: u32, emails: &[EmailHash]) -> Vec<u64> {
    let mut keys = Vec::new();
    let given = given_keys(name.first());
    for word in family_words(name) {
        for g in given.iter().chain(std::iter::once(&STAR.to_owned())) {
            keys.push(key(Key::Name, &word, g));
        }
        let sound = phonetic(&word);
        for g in &given {
            keys.push(key(Key::Phonetic, &sound, g));
        }
    }
    if company < FREELANCE {
        for g in given.iter().filter(|g| g.as_str() != STAR) {
            keys.push(employer_key(company, g));
        }
    }
    for hash in emails {
        keys.push(email_key(hash));
    }
    keys
}

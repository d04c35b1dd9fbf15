//! The member index: members with interned name words, employers as company positions, e-mail
//! hashes; retrieval keys (name words × given-name keys, phonetic keys, typo variants, employer ×
//! given-name keys, e-mail hashes) and the member scorer.

use std::collections::HashMap;

use rayon::prelude::*;

use super::company_index::{CompanyIndex, company_agreement, missing, rank};
use super::company_name::CompanyName;
use super::email::{EmailHash, EmailKey, email_domain, is_webmail, normalize_email};
use super::interner::{Interner, Lists, Sym};
use super::model::{CompanyLevel, FirstLevel, LastLevel, ModelParams, posteriors, weight};
use super::names::{Nicknames, PersonName};
use super::person_compare::{KnownPerson, email_levels, first_level, last_level};
use super::postings::{Postings, PostingsBuilder};
use super::text::{deletions, phonetic, stable_hash};
use super::title::Title;
use super::types::{Agreement, Candidate, Evidence, Field, MatchResult, Thresholds};

/// A former employer as the index takes it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PastEntry {
    pub company_id: Option<String>,
    pub company_name: String,
    pub title: String,
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
    pub location: String,
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

const NONE: u32 = u32::MAX;
/// Employer sentinel of members who work for no company ("Self-employed", "Freelance").
const FREELANCE: u32 = u32::MAX - 1;
const MAX_POSTING: usize = 2000;
const MAX_CANDIDATES: usize = 4000;
/// Members normalized per parallel batch at index build.
const PREPARE_CHUNK: usize = 16_384;
/// Members read per (surname, initial) key.
const INITIAL_POSTING: usize = 400;
/// Members read per typo variant of a surname.
const SIMILAR_POSTING: usize = 100;
const STAR: &str = "*";

#[derive(Debug, Clone, Copy)]
struct MemberRow {
    given: u32,
    family: u32,
    title: u32,
    company: u32,
    past: u32,
    emails: u32,
    domains: u32,
}

#[derive(Clone, Copy)]
enum Key {
    Name,
    Phonetic,
    Employer,
    Email,
    Deletion,
}

fn key(kind: Key, a: &str, b: &str) -> u64 {
    stable_hash(&[&[kind as u8], a.as_bytes(), b.as_bytes()])
}

fn employer_key(company: u32, given: &str) -> u64 {
    stable_hash(&[&[Key::Employer as u8], &company.to_le_bytes(), given.as_bytes()])
}

fn email_key(hash: &EmailHash) -> u64 {
    stable_hash(&[&[Key::Email as u8], &hash.0])
}

/// All members of a directory, ready to match.
#[derive(Debug)]
pub struct MemberIndex {
    ids: String,
    id_ends: Vec<u32>,
    words: Interner,
    lists: Lists<Sym>,
    emails: Lists<EmailHash>,
    rows: Vec<MemberRow>,
    postings: Postings,
    freelancers: u32,
}

impl MemberIndex {
    /// Indexes members; employers are resolved to positions in `companies`.
    pub fn build(entries: &[MemberEntry], companies: &CompanyIndex) -> Self {
        let mut index = Self {
            ids: String::new(),
            id_ends: Vec::with_capacity(entries.len()),
            words: Interner::default(),
            lists: Lists::new(),
            emails: Lists::new(),
            rows: Vec::with_capacity(entries.len()),
            postings: Postings::default(),
            freelancers: 0,
        };
        let mut keys = PostingsBuilder::default();
        let mut family_words: HashMap<String, ()> = HashMap::new();
        // Normalization is the costly part and independent per member: done on all cores.
        // Chunks keep the transient normalized forms small next to the index.
        let prepared = entries.chunks(PREPARE_CHUNK).flat_map(|chunk| {
            chunk.par_iter().map(|entry| Prepared::new(entry, companies)).collect::<Vec<_>>()
        });
        for (i, (entry, member)) in entries.iter().zip(prepared).enumerate() {
            let pos = u32::try_from(i).unwrap_or(NONE);
            index.ids.push_str(&entry.id);
            index.id_ends.push(u32::try_from(index.ids.len()).unwrap_or(NONE));
            for k in &member.keys {
                keys.add(*k, pos);
            }
            for word in member.name.family_core() {
                if !family_words.contains_key(word) {
                    family_words.insert(word.to_owned(), ());
                }
            }
            let row = MemberRow {
                given: index.intern_list(&member.name.given),
                family: index.intern_list(&member.name.family),
                title: index.intern_list(&member.title),
                company: member.company,
                past: index.lists.push(member.past),
                emails: index.emails.push(entry.email_hashes.iter().copied()),
                domains: index.intern_list(&member.domains),
            };
            index.freelancers += u32::from(member.company == FREELANCE);
            index.rows.push(row);
        }
        for word in family_words.keys().filter(|w| w.len() >= 4) {
            let sym = index.words.intern(word);
            keys.add(key(Key::Deletion, word, ""), sym);
            for variant in deletions(word) {
                keys.add(key(Key::Deletion, &variant, ""), sym);
            }
        }
        index.postings = keys.build();
        index
    }

    fn intern_list(&mut self, words: &[String]) -> u32 {
        let syms: Vec<Sym> = words.iter().map(|w| self.words.intern(w)).collect();
        self.lists.push(syms)
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

    fn words_of(&self, list: u32) -> Vec<&str> {
        self.lists.get(list).iter().map(|s| self.words.resolve(*s)).collect()
    }

    /// Members that may be meant by the probe, never a scan (see [`Pass`]).
    fn retrieve(&self, probe: &PersonProbe, employers: &HashMap<u32, CompanyLevel>, pass: Pass) -> Vec<u32> {
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

    /// Matches a lead or contact. `companies` resolves the probe's employer.
    pub fn match_person(
        &self,
        probe: &PersonProbe,
        companies: &CompanyIndex,
        params: &ModelParams,
        thresholds: &Thresholds,
        k: usize,
    ) -> MatchResult {
        let employers = resolve_employers(probe, companies);
        // Cheapest keys first; wider ones only while nobody's name explains the query.
        let mut found = Vec::new();
        let mut names: Vec<NameAgreement> = Vec::new();
        for pass in [Pass::Narrow, Pass::Medium, Pass::Broad] {
            found = self.retrieve(probe, &employers, pass);
            names = found.iter().map(|&m| self.name_agreement(m, probe, params)).collect();
            if names.iter().any(NameAgreement::explains_query) {
                break;
            }
        }
        let n = self.rows.len().max(1) as f64;
        let context = EmployerContext {
            shares: std::array::from_fn(|level| employer_share(&employers, level, companies)),
            domain: probe.work_domain.as_deref().and_then(|d| self.words.get(d)),
        };
        let query_title: Vec<Option<Sym>> = probe.title.0.iter().map(|w| self.words.get(w)).collect();
        let mut sorted_log_m: Vec<f64> = names.iter().map(|a| a.log_m).collect();
        sorted_log_m.sort_by(f64::total_cmp);
        let mut scored: Vec<(f64, u32, Vec<Evidence>)> = found
            .iter()
            .zip(&names)
            .map(|(&m, name)| {
                let below = sorted_log_m.partition_point(|x| *x < name.log_m - 1e-9);
                let at_least = (sorted_log_m.len() - below) as f64;
                let mut evidence = name.evidence(params, at_least / n);
                evidence.push(self.employer_evidence(m, probe, &employers, &context, params));
                evidence.push(self.email_evidence(m, probe, params));
                evidence.push(self.title_evidence(m, &query_title, params));
                let total =
                    evidence.iter().map(|e| e.weight).sum::<f64>() + params.prior_log_odds(self.rows.len());
                (total, m, evidence)
            })
            .collect();
        rank(&mut scored);
        let posterior = posteriors(&scored.iter().map(|s| s.0).collect::<Vec<_>>());
        let candidates: Vec<Candidate> = scored
            .into_iter()
            .zip(posterior)
            .take(k)
            .map(|((_, m, evidence), score)| Candidate {
                entity: m,
                entity_id: self.id(m).to_owned(),
                score,
                evidence,
            })
            .collect();
        MatchResult { decision: thresholds.decide(&candidates), candidates }
    }

    fn name_agreement(&self, m: u32, probe: &PersonProbe, params: &ModelParams) -> NameAgreement {
        let row = &self.rows[m as usize];
        let given = self.words_of(row.given);
        let family = self.words_of(row.family);
        let q = &probe.name;
        let direct = (first_level(&q.given, &given), last_level(&q.family, &family));
        let mut best = NameAgreement::new(direct, 0.0, false, params);
        if direct == (FirstLevel::Exact, LastLevel::Exact) {
            return best;
        }
        // A swapped reading can only win if a query word equals or resembles a directory word.
        let swappable = q
            .family
            .first()
            .zip(given.first())
            .is_some_and(|(f, g)| f.as_bytes().first() == g.as_bytes().first());
        if swappable {
            let swapped = (first_level(&q.family, &given), last_level(&q.given, &family));
            let swap = NameAgreement::new(swapped, params.swap.ln(), false, params);
            if swap.log_m > best.log_m {
                best = swap;
            }
        }
        if !probe.email_local.is_empty() {
            let known = KnownPerson { given: &given, family: &family };
            if let Some((first, last)) = email_levels(&probe.email_local, &known) {
                // An address that does not show the given name says nothing about the typed one.
                let first = if first == FirstLevel::Missing { direct.0 } else { first };
                let from_email = NameAgreement::new((first, last), 0.0, true, params);
                if from_email.log_m > best.log_m {
                    best = from_email;
                }
            }
        }
        best
    }

    fn employer_evidence(
        &self,
        m: u32,
        probe: &PersonProbe,
        employers: &HashMap<u32, CompanyLevel>,
        context: &EmployerContext,
        params: &ModelParams,
    ) -> Evidence {
        let row = &self.rows[m as usize];
        let field = Field::Company;
        if probe.company.freelance && probe.work_domain.is_none() {
            return self.freelance_evidence(row.company, params);
        }
        let has_query_employer = !probe.company.is_empty() || probe.work_domain.is_some();
        if !has_query_employer {
            return missing(field);
        }
        let own_domain = context.domain.is_some_and(|d| self.lists.get(row.domains).contains(&d));
        let current = employers.get(&row.company).copied().unwrap_or(CompanyLevel::Disagreed);
        let level = if own_domain { current.min(CompanyLevel::Domain) } else { current };
        if level < CompanyLevel::Missing {
            let share = context.shares[level as usize];
            return Evidence {
                field,
                agreement: company_agreement(level),
                weight: weight(params.company_rates(level), share.max(params.company_rates(level).u)),
            };
        }
        let past = self
            .lists
            .get(row.past)
            .iter()
            .any(|c| employers.get(c).is_some_and(|l| *l <= CompanyLevel::Partial));
        if past {
            return Evidence {
                field,
                agreement: Agreement::PastEmployer,
                weight: weight(params.past_employer, params.past_employer.u),
            };
        }
        if row.company == NONE || row.company == FREELANCE {
            return missing(field);
        }
        Evidence {
            field,
            agreement: Agreement::Disagreed,
            weight: weight(params.company_rates(CompanyLevel::Disagreed), 1.0),
        }
    }

    /// A query saying "self-employed" against a member's employer.
    fn freelance_evidence(&self, company: u32, params: &ModelParams) -> Evidence {
        let field = Field::Company;
        match company {
            FREELANCE => {
                let share = f64::from(self.freelancers.max(1)) / self.rows.len().max(1) as f64;
                Evidence {
                    field,
                    agreement: Agreement::Exact,
                    weight: weight(params.company_rates(CompanyLevel::Exact), share),
                }
            }
            NONE => missing(field),
            _ => Evidence {
                field,
                agreement: Agreement::Disagreed,
                weight: weight(params.company_rates(CompanyLevel::Disagreed), 1.0),
            },
        }
    }

    fn email_evidence(&self, m: u32, probe: &PersonProbe, params: &ModelParams) -> Evidence {
        let field = Field::Email;
        let known = self.emails.get(self.rows[m as usize].emails);
        let Some(hash) = &probe.email_hash else { return missing(field) };
        if known.is_empty() {
            return missing(field);
        }
        if known.contains(hash) {
            let holders = self.postings.get(email_key(hash)).len().max(1) as f64;
            let u = holders / self.rows.len().max(1) as f64;
            Evidence {
                field,
                agreement: Agreement::Email,
                weight: weight(params.email_exact, u.max(params.email_exact.u)),
            }
        } else {
            Evidence {
                field,
                agreement: Agreement::Disagreed,
                weight: weight(params.email_disagreed, params.email_disagreed.u),
            }
        }
    }

    /// Title agreement; `query` holds the query's title words as directory symbols (`None` for
    /// words the directory never uses), so that no strings are built per candidate.
    fn title_evidence(&self, m: u32, query: &[Option<Sym>], params: &ModelParams) -> Evidence {
        let field = Field::Title;
        let known = self.lists.get(self.rows[m as usize].title);
        if query.is_empty() || known.is_empty() {
            return missing(field);
        }
        let shared = query.iter().filter(|w| w.is_some_and(|s| known.contains(&s))).count();
        let overlap = shared as f64 / query.len().min(known.len()) as f64;
        let (agreement, rates) = if shared == query.len() && shared == known.len() {
            (Agreement::Exact, params.title_exact)
        } else if overlap >= 0.5 {
            (Agreement::Fuzzy, params.title_similar)
        } else {
            (Agreement::Disagreed, params.title_disagreed)
        };
        Evidence { field, agreement, weight: weight(rates, rates.u) }
    }

    pub fn heap_bytes(&self) -> usize {
        self.ids.capacity()
            + self.id_ends.capacity() * 4
            + self.words.heap_bytes()
            + self.lists.heap_bytes()
            + self.emails.heap_bytes()
            + self.rows.capacity() * std::mem::size_of::<MemberRow>()
            + self.postings.heap_bytes()
    }
}

/// The name levels that best explain a candidate, with their joint log m-probability.
#[derive(Debug, Clone, Copy)]
struct NameAgreement {
    first: FirstLevel,
    last: LastLevel,
    log_m: f64,
    generic_u: f64,
    from_email: bool,
}

impl NameAgreement {
    /// Given name the same or a nickname, family name the same up to a part, a spelling or a typo.
    fn explains_query(&self) -> bool {
        matches!(self.first, FirstLevel::Exact | FirstLevel::Nickname)
            && matches!(
                self.last,
                LastLevel::Exact | LastLevel::Partial | LastLevel::Transliteration | LastLevel::Fuzzy
            )
    }

    fn new(
        (first, last): (FirstLevel, LastLevel),
        penalty: f64,
        from_email: bool,
        params: &ModelParams,
    ) -> Self {
        let (f, l) = (params.first_rates(first), params.last_rates(last));
        Self { first, last, log_m: f.m.ln() + l.m.ln() + penalty, generic_u: f.u * l.u, from_email }
    }

    /// Evidence of both name fields; `share` is the share of directory members whose name agrees
    /// with the query at least this well (the term-frequency adjustment).
    fn evidence(&self, params: &ModelParams, share: f64) -> Vec<Evidence> {
        let u = share.max(self.generic_u);
        let (f, l) = (params.first_rates(self.first), params.last_rates(self.last));
        let total = self.log_m - u.ln();
        let first_part = if self.first == FirstLevel::Missing { 0.0 } else { f.m.ln() - f.u.ln() };
        let first_weight = first_part.min(total);
        let _ = l;
        vec![
            Evidence { field: Field::FirstName, agreement: self.first_agreement(), weight: first_weight },
            Evidence {
                field: Field::LastName,
                agreement: self.last_agreement(),
                weight: total - first_weight,
            },
        ]
    }

    fn first_agreement(&self) -> Agreement {
        if self.from_email && self.first != FirstLevel::Missing {
            return Agreement::Email;
        }
        match self.first {
            FirstLevel::Exact => Agreement::Exact,
            FirstLevel::Nickname => Agreement::Nickname,
            FirstLevel::Transliteration => Agreement::Transliteration,
            FirstLevel::Fuzzy => Agreement::Fuzzy,
            FirstLevel::Initial => Agreement::Initial,
            FirstLevel::Missing => Agreement::Missing,
            FirstLevel::Disagreed => Agreement::Disagreed,
        }
    }

    fn last_agreement(&self) -> Agreement {
        if self.from_email {
            return Agreement::Email;
        }
        match self.last {
            LastLevel::Exact => Agreement::Exact,
            LastLevel::Partial => Agreement::Partial,
            LastLevel::Transliteration => Agreement::Transliteration,
            LastLevel::Fuzzy => Agreement::Fuzzy,
            LastLevel::Missing => Agreement::Missing,
            LastLevel::Disagreed => Agreement::Disagreed,
        }
    }
}

/// Companies the probe's employer fields may mean, with their agreement level.
fn resolve_employers(probe: &PersonProbe, companies: &CompanyIndex) -> HashMap<u32, CompanyLevel> {
    let domains: Vec<&str> =
        probe.work_domain.iter().chain(probe.company.domain.iter()).map(String::as_str).collect();
    if probe.company.is_empty() && domains.is_empty() {
        return HashMap::new();
    }
    let exact = companies.retrieve_exact(&probe.company, &domains);
    let retrieved = if exact.is_empty() { companies.retrieve(&probe.company, &domains) } else { exact };
    let levels: Vec<(u32, CompanyLevel)> =
        retrieved.into_iter().map(|c| (c, companies.name_level(c, &probe.company, &domains))).collect();
    // A company that fits the typed name better is the one meant: near-duplicates of it
    // ("Qulum Resources" when "Qulam Resources" was typed and exists) are other companies.
    let best = levels
        .iter()
        .map(|(_, l)| *l)
        .filter(|l| *l != CompanyLevel::Domain)
        .min()
        .unwrap_or(CompanyLevel::Missing);
    levels
        .into_iter()
        .filter(|(_, level)| {
            *level <= CompanyLevel::Partial && (*level <= best || *level == CompanyLevel::Domain)
        })
        .collect()
}

/// Per-query facts about the employer fields, computed once for all candidates.
struct EmployerContext {
    /// Share of members at companies agreeing at least as well as each level.
    shares: [f64; 8],
    /// The query's work domain as a symbol, if the directory knows it.
    domain: Option<Sym>,
}

/// Share of all members employed by a company that agrees with the query at least this well.
fn employer_share(employers: &HashMap<u32, CompanyLevel>, level: usize, companies: &CompanyIndex) -> f64 {
    let members: u32 =
        employers.iter().filter(|(_, l)| (**l as usize) <= level).map(|(c, _)| companies.members(*c)).sum();
    f64::from(members.max(1)) / f64::from(companies.total_members().max(1))
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
    let mut keys = vec![given[..1].to_owned(), format!("f{given}")];
    keys.extend(Nicknames::bundled().groups(given).iter().map(|g| format!("g{g}")));
    keys
}

/// The given-name keys a retrieval pass reads: all of them when broad; else the full name and
/// nickname groups (the initial comes first in `keys` and is left out).
fn pass_keys(keys: Vec<String>, broad: bool) -> Vec<String> {
    if broad || keys.len() == 1 { keys } else { keys[1..].to_vec() }
}

/// Retrieval passes, cheapest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Exact surname words with the full given name or its nickname groups.
    Narrow,
    /// Adds phonetic keys and surname typo variants, still with the full given name.
    Medium,
    /// Adds given-name initials (and everything else).
    Broad,
}

/// A member normalized for indexing (built in parallel, then interned in order).
struct Prepared {
    name: PersonName,
    title: Vec<String>,
    company: u32,
    past: Vec<u32>,
    domains: Vec<String>,
    keys: Vec<u64>,
}

impl Prepared {
    fn new(entry: &MemberEntry, companies: &CompanyIndex) -> Self {
        let name = PersonName::from_directory(&entry.first_name, &entry.last_name);
        let company = match entry.company_id.as_deref() {
            Some(id) => companies.position(id).unwrap_or(NONE),
            None if CompanyName::parse(&entry.company_name).freelance => FREELANCE,
            None => NONE,
        };
        let keys = member_keys(&name, company, &entry.email_hashes);
        Self {
            title: Title::parse(&entry.title).0,
            past: entry
                .past_companies
                .iter()
                .filter_map(|p| p.company_id.as_deref().and_then(|id| companies.position(id)))
                .collect(),
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

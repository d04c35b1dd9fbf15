//! The company index: companies with interned, normalized names, retrieval keys (name words,
//! typo variants, acronyms, website domains and labels, name prefixes) and the company scorer.

use std::collections::HashMap;

use rayon::prelude::*;

use super::company_compare::{KnownName, compare_domain, compare_names};
use super::company_name::{CompanyName, family_countries};
use super::domain::{domain_country, domain_label, registrable_domain};
use super::industry::{Sectors, sectors};
use super::interner::{Interner, Lists, Sym};
use super::location::Location;
use super::model::{CompanyLevel, ModelParams, posteriors, weight};
use super::postings::{Postings, PostingsBuilder};
use super::text::{deletions, stable_hash};
use super::types::{Agreement, Candidate, Evidence, Field, MatchResult, Thresholds};

/// A company as the index takes it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CompanyEntry {
    pub id: String,
    pub name: String,
    pub industry: String,
    pub location: String,
    pub website: String,
    pub size: Option<i64>,
}

/// A CRM account or opportunity to match.
#[derive(Debug, Clone, Default)]
pub struct CompanyProbe {
    pub name: CompanyName,
    pub website: Option<String>,
    /// The readings of the location field (two for a lone "DE": Delaware or Germany).
    pub locations: Vec<Location>,
    /// Countries whose law the legal form belongs to ("Sp. z o.o." → Poland).
    pub legal_countries: &'static [&'static str],
    /// The country the website's (or a name typed as a domain's) country code names (`.de`).
    pub site_country: Option<&'static str>,
    pub sectors: Sectors,
}

impl CompanyProbe {
    pub fn new(
        name: Option<&str>,
        industry: Option<&str>,
        location: Option<&str>,
        website: Option<&str>,
    ) -> Self {
        let name = CompanyName::parse(name.unwrap_or(""));
        let website = website.and_then(registrable_domain);
        let legal_countries = name.legal.map_or(&[][..], family_countries);
        let site_country = website.iter().chain(&name.domain).find_map(|d| domain_country(d));
        Self {
            name,
            website,
            locations: Location::readings(location.unwrap_or("")),
            legal_countries,
            site_country,
            sectors: industry.map(sectors).unwrap_or_default(),
        }
    }
}

const NONE: Sym = Sym::MAX;
const MAX_POSTING: usize = 1500;
/// Postings read in full even for a secondary key (typo variants, prefixes).
const SMALL_POSTING: usize = 100;

/// Every company's names, their words end to end in one buffer with their lengths beside them:
/// `name_level` runs for hundreds of retrieved companies per member query, and reading one
/// stretch of memory per company (no word lists or interned words to chase, no separators to
/// search for) is what keeps it fast.
#[derive(Debug)]
struct NameTexts {
    text: String,
    word_lens: Vec<u16>,
    /// (core words, base words) of each name.
    shapes: Vec<(u8, u8)>,
    /// Where each company's names start; one more entry than companies.
    starts: Vec<NameStart>,
}

#[derive(Debug, Clone, Copy, Default)]
struct NameStart {
    shape: u32,
    word: u32,
    byte: u32,
}

impl NameTexts {
    fn new() -> Self {
        Self {
            text: String::new(),
            word_lens: Vec::new(),
            shapes: Vec::new(),
            starts: vec![NameStart::default()],
        }
    }

    /// Appends the names of the next company. Names keep at most 255 core and 255 base words,
    /// words their first 65,535 bytes: far beyond any real company name.
    fn push(&mut self, names: &[CompanyName]) {
        for name in names {
            let core = self.push_words(&name.core);
            let base = self.push_words(&name.base);
            self.shapes.push((core, base));
        }
        let offset = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.starts.push(NameStart {
            shape: offset(self.shapes.len()),
            word: offset(self.word_lens.len()),
            byte: offset(self.text.len()),
        });
    }

    fn push_words(&mut self, words: &[String]) -> u8 {
        let mut kept = 0u8;
        for word in words.iter().filter(|w| !w.is_empty()).take(usize::from(u8::MAX)) {
            kept += 1;
            let mut cut = word.len().min(usize::from(u16::MAX));
            while !word.is_char_boundary(cut) {
                cut -= 1;
            }
            self.text.push_str(&word[..cut]);
            self.word_lens.push(u16::try_from(cut).unwrap_or(u16::MAX));
        }
        kept
    }

    /// (core, base) words of each name of company `pos`.
    fn names(&self, pos: u32) -> impl Iterator<Item = (WordRun<'_>, WordRun<'_>)> {
        let i = pos as usize;
        let (start, end) = match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(start), Some(end)) => (*start, *end),
            _ => (NameStart::default(), NameStart::default()),
        };
        let shapes = self.shapes.get(start.shape as usize..end.shape as usize).unwrap_or(&[]);
        let (mut word, mut byte) = (start.word as usize, start.byte as usize);
        shapes.iter().map(move |&(core, base)| {
            let core = self.run(&mut word, &mut byte, core);
            let base = self.run(&mut word, &mut byte, base);
            (core, base)
        })
    }

    fn run(&self, word: &mut usize, byte: &mut usize, count: u8) -> WordRun<'_> {
        let lens = self.word_lens.get(*word..*word + usize::from(count)).unwrap_or(&[]);
        let bytes: usize = lens.iter().map(|l| usize::from(*l)).sum();
        let text = self.text.get(*byte..*byte + bytes).unwrap_or("");
        *word += usize::from(count);
        *byte += bytes;
        WordRun { text, lens: lens.iter() }
    }

    fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.word_lens.capacity() * 2
            + self.shapes.capacity() * 2
            + self.starts.capacity() * 12
    }
}

/// The words of one name part, cut from the text by their lengths.
struct WordRun<'a> {
    text: &'a str,
    lens: std::slice::Iter<'a, u16>,
}

impl<'a> Iterator for WordRun<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let len = usize::from(*self.lens.next()?);
        let (word, rest) = self.text.split_at_checked(len)?;
        self.text = rest;
        Some(word)
    }
}

/// Word buffers reused across the companies compared with one query.
#[derive(Default)]
struct NameScratch<'a> {
    core: Vec<&'a str>,
    base: Vec<&'a str>,
}

#[derive(Debug)]
struct CompanyRow {
    website: Sym,
    location: u32,
    sectors: Sectors,
    legal: Option<&'static str>,
    members: u32,
}

/// A company normalized for indexing (built in parallel, then added in order).
struct PreparedCompany {
    /// The directory name first, then up to five aliases with other cores.
    names: Vec<CompanyName>,
    website: Option<String>,
    location: Location,
    sectors: Sectors,
}

impl PreparedCompany {
    fn new(entry: &CompanyEntry, aliases: &[&str]) -> Self {
        let mut names = vec![CompanyName::parse(&entry.name)];
        for alias in aliases {
            if names.len() >= 6 {
                break;
            }
            let parsed = CompanyName::parse(alias);
            if !parsed.is_empty() && !names.iter().any(|n| n.core == parsed.core) {
                names.push(parsed);
            }
        }
        Self {
            names,
            website: registrable_domain(&entry.website),
            location: Location::parse(&entry.location),
            sectors: sectors(&entry.industry),
        }
    }
}

/// Key families, hashed with the key text.
#[derive(Clone, Copy)]
enum Key {
    Word,
    Acronym,
    Domain,
    Label,
    Prefix,
    Deletion,
    Core,
}

fn key(kind: Key, text: &str) -> u64 {
    stable_hash(&[&[kind as u8], text.as_bytes()])
}

/// All companies of a directory, ready to match.
#[derive(Debug)]
pub struct CompanyIndex {
    ids: Vec<Box<str>>,
    position: HashMap<Box<str>, u32>,
    words: Interner,
    lists: Lists<Sym>,
    names: NameTexts,
    rows: Vec<CompanyRow>,
    postings: Postings,
    /// Companies per set of sectors, for the frequency of an industry agreement.
    sector_counts: HashMap<Sectors, u32>,
    /// Share of companies (with a legal form) per legal-form family.
    legal_share: HashMap<&'static str, f64>,
    /// Companies per place name (city, region or country), for the frequency of a location agreement.
    place_counts: HashMap<Sym, u32>,
    total_members: u32,
}

impl CompanyIndex {
    /// Indexes companies; `aliases` are other names seen for a company (the employer names members
    /// show), and `member_counts` the number of members per company position.
    pub fn build(entries: &[CompanyEntry], aliases: &[(u32, &str)]) -> Self {
        let mut index = Self {
            ids: Vec::with_capacity(entries.len()),
            position: HashMap::with_capacity(entries.len()),
            words: Interner::default(),
            lists: Lists::new(),
            names: NameTexts::new(),
            rows: Vec::with_capacity(entries.len()),
            postings: Postings::default(),
            sector_counts: HashMap::new(),
            legal_share: HashMap::new(),
            place_counts: HashMap::new(),
            total_members: 0,
        };
        let mut alias_of: HashMap<u32, Vec<&str>> = HashMap::new();
        for (company, alias) in aliases {
            alias_of.entry(*company).or_default().push(alias);
        }
        let mut keys = PostingsBuilder::default();
        let mut vocabulary: HashMap<String, ()> = HashMap::new();
        // Normalization is the costly part and independent per company: done on all cores, then
        // added in order.
        let prepared: Vec<PreparedCompany> = entries
            .par_iter()
            .enumerate()
            .map(|(i, entry)| {
                let pos = u32::try_from(i).unwrap_or(u32::MAX);
                PreparedCompany::new(entry, alias_of.get(&pos).map_or(&[][..], Vec::as_slice))
            })
            .collect();
        for (i, (entry, company)) in entries.iter().zip(prepared).enumerate() {
            let pos = u32::try_from(i).unwrap_or(u32::MAX);
            index.position.insert(entry.id.as_str().into(), pos);
            index.ids.push(entry.id.as_str().into());
            let PreparedCompany { names, website, location, sectors } = company;
            for name in &names {
                index.add_name_keys(name, pos, &mut keys, &mut vocabulary);
            }
            index.names.push(&names);
            if let Some(site) = &website {
                keys.add(key(Key::Domain, site), pos);
                keys.add(key(Key::Label, domain_label(site)), pos);
            }
            let location = index.intern_list(&location.0);
            for &place in index.lists.get(location) {
                *index.place_counts.entry(place).or_default() += 1;
            }
            let row = CompanyRow {
                website: website.as_deref().map_or(NONE, |w| index.words.intern(w)),
                location,
                sectors,
                legal: names[0].legal,
                members: 0,
            };
            index.rows.push(row);
        }
        // Interned in a fixed order: symbols decide which typo neighbours survive a cap, and a
        // hash map's order differs from run to run.
        let mut vocabulary: Vec<&String> = vocabulary.keys().collect();
        vocabulary.sort_unstable();
        for word in vocabulary {
            if word.len() >= 4 {
                for variant in deletions(word) {
                    keys.add(key(Key::Deletion, &variant), index.words.intern(word));
                }
                keys.add(key(Key::Deletion, word), index.words.intern(word));
            }
        }
        index.postings = keys.build();
        for row in index.rows.iter().filter(|r| !r.sectors.is_empty()) {
            *index.sector_counts.entry(row.sectors).or_default() += 1;
        }
        index.legal_share = shares(index.rows.iter().filter_map(|r| r.legal));
        index
    }

    fn add_name_keys(
        &self,
        name: &CompanyName,
        pos: u32,
        keys: &mut PostingsBuilder,
        vocabulary: &mut HashMap<String, ()>,
    ) {
        for word in &name.core {
            keys.add(key(Key::Word, word), pos);
            vocabulary.insert(word.clone(), ());
        }
        if let Some(acronym) = name.acronym() {
            keys.add(key(Key::Acronym, &acronym), pos);
        }
        if let Some(word) = name.as_acronym() {
            keys.add(key(Key::Acronym, word), pos);
        }
        let joined = name.joined();
        keys.add(key(Key::Prefix, prefix(&joined)), pos);
        keys.add(key(Key::Core, &joined), pos);
        keys.add(key(Key::Core, &name.base.concat()), pos);
    }

    fn intern_list(&mut self, words: &[String]) -> u32 {
        let syms: Vec<Sym> = words.iter().map(|w| self.words.intern(w)).collect();
        self.lists.push(syms)
    }

    /// Records how many directory members each company employs (the frequency behind the
    /// weight of an employer agreement).
    pub fn set_member_counts(&mut self, counts: &[u32], total_members: u32) {
        for (row, count) in self.rows.iter_mut().zip(counts) {
            row.members = *count;
        }
        self.total_members = total_members.max(1);
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The position of a company id.
    pub fn position(&self, id: &str) -> Option<u32> {
        self.position.get(id).copied()
    }

    pub fn id(&self, pos: u32) -> &str {
        self.ids.get(pos as usize).map_or("", |s| s)
    }

    pub fn members(&self, pos: u32) -> u32 {
        self.rows.get(pos as usize).map_or(0, |r| r.members)
    }

    pub fn total_members(&self) -> u32 {
        self.total_members
    }

    /// Companies whose name (or name without division words) is exactly the typed one, plus the
    /// companies whose website is one of `domains`: enough when an exact name exists, since
    /// near-duplicates of it are then other companies.
    pub fn retrieve_exact(&self, name: &CompanyName, domains: &[&str]) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        if !name.is_empty() {
            out.extend_from_slice(capped(self.postings.get(key(Key::Core, &name.joined()))));
            out.extend_from_slice(capped(self.postings.get(key(Key::Core, &name.base.concat()))));
        }
        if out.is_empty() {
            return out;
        }
        for domain in domains {
            out.extend_from_slice(self.postings.get(key(Key::Domain, domain)));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Companies that may be meant by a name and/or a web domain, never a scan.
    pub fn retrieve(&self, name: &CompanyName, domains: &[&str]) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for domain in domains {
            out.extend_from_slice(self.postings.get(key(Key::Domain, domain)));
            out.extend_from_slice(capped(self.postings.get(key(Key::Label, domain_label(domain)))));
            let by_prefix = self.postings.get(key(Key::Prefix, prefix(domain_label(domain))));
            out.extend_from_slice(&by_prefix[..by_prefix.len().min(SMALL_POSTING)]);
        }
        if let Some(acronym) = name.as_acronym() {
            out.extend_from_slice(capped(self.postings.get(key(Key::Acronym, acronym))));
        }
        let mut words: Vec<&[u32]> = name
            .core
            .iter()
            .map(|w| self.postings.get(key(Key::Word, w)))
            .filter(|p| !p.is_empty())
            .collect();
        words.sort_by_key(|p| p.len());
        // A common word beside words nobody's name has ("Eastern Logstik") would retrieve
        // thousands of unrelated companies: it is read in full only beside the typo variants of
        // the unknown words ("Eastern Logistik"), below.
        let lone_common = match words.as_slice() {
            [common] if name.core.len() > 1 && common.len() > SMALL_POSTING => Some(*common),
            _ => None,
        };
        match (words.as_slice(), lone_common) {
            (_, Some(common)) => out.extend_from_slice(&common[..SMALL_POSTING]),
            ([rarest, next, ..], None) if rarest.len() > SMALL_POSTING => {
                out.extend(intersect(rarest, next).take(MAX_POSTING))
            }
            ([rarest, ..], None) => out.extend_from_slice(capped(rarest)),
            ([], None) => {}
        }
        for word in name.core.iter().filter(|w| w.len() >= 4) {
            // Only an unknown word's variants are read beside the lone common word.
            let beside = lone_common.filter(|_| self.postings.get(key(Key::Word, word)).is_empty());
            for similar in self.similar_words(word) {
                let posting = self.postings.get(key(Key::Word, self.words.resolve(similar)));
                out.extend_from_slice(&posting[..posting.len().min(SMALL_POSTING)]);
                if let Some(common) = beside {
                    out.extend(intersect(posting, common).take(MAX_POSTING));
                }
            }
        }
        let by_prefix = self.postings.get(key(Key::Prefix, prefix(&name.joined())));
        out.extend_from_slice(&by_prefix[..by_prefix.len().min(SMALL_POSTING)]);
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Vocabulary words within one edit of `word`.
    fn similar_words(&self, word: &str) -> Vec<Sym> {
        let mut out: Vec<Sym> = self.postings.get(key(Key::Deletion, word)).to_vec();
        for variant in deletions(word) {
            out.extend_from_slice(self.postings.get(key(Key::Deletion, &variant)));
        }
        out.sort_unstable();
        out.dedup();
        out.truncate(8);
        out
    }

    /// The best agreement of a query name (and the query's web domains) with a company's names.
    pub fn name_level(&self, pos: u32, name: &CompanyName, domains: &[&str]) -> CompanyLevel {
        self.name_level_with(pos, name, domains, &mut NameScratch::default())
    }

    /// [`Self::name_level`] of each company, reusing one scratch buffer for all of them.
    pub fn name_levels(&self, companies: &[u32], name: &CompanyName, domains: &[&str]) -> Vec<CompanyLevel> {
        let mut scratch = NameScratch::default();
        companies.iter().map(|&c| self.name_level_with(c, name, domains, &mut scratch)).collect()
    }

    fn name_level_with<'a>(
        &'a self,
        pos: u32,
        name: &CompanyName,
        domains: &[&str],
        scratch: &mut NameScratch<'a>,
    ) -> CompanyLevel {
        if pos as usize >= self.rows.len() {
            return CompanyLevel::Disagreed;
        }
        // The website only matters to domains; reading the row costs a cache miss otherwise.
        let website = if name.domain.is_some() || !domains.is_empty() {
            self.rows.get(pos as usize).filter(|r| r.website != NONE).map(|r| self.words.resolve(r.website))
        } else {
            None
        };
        let mut best = if name.is_empty() { CompanyLevel::Missing } else { CompanyLevel::Disagreed };
        let NameScratch { core, base } = scratch;
        for (core_run, base_run) in self.names.names(pos) {
            core.clear();
            core.extend(core_run);
            base.clear();
            base.extend(base_run);
            let known = KnownName { core, base, website };
            best = best.min(compare_names(name, &known));
            for domain in domains {
                if compare_domain(domain, &known) <= CompanyLevel::Domain {
                    best = best.min(CompanyLevel::Domain);
                }
            }
        }
        best
    }

    /// Matches an account or opportunity.
    pub fn match_company(
        &self,
        probe: &CompanyProbe,
        params: &ModelParams,
        thresholds: &Thresholds,
        k: usize,
    ) -> MatchResult {
        let domains: Vec<&str> =
            probe.name.domain.iter().chain(probe.website.iter()).map(String::as_str).collect();
        let found = self.retrieve(&probe.name, &domains);
        let levels = self.name_levels(&found, &probe.name, &[]);
        let n = self.rows.len().max(1) as f64;
        let industry_share = self.sector_share(probe.sectors);
        let scored: Vec<(f64, u32, Vec<Evidence>)> = found
            .iter()
            .zip(&levels)
            .map(|(&c, &level)| {
                let at_least = levels.iter().filter(|l| **l <= level).count() as f64;
                let rates = params.company_rates(level.weighed_as());
                let name_u = (at_least / n).max(rates.u);
                let mut evidence = vec![Evidence {
                    field: Field::Name,
                    agreement: company_agreement(level),
                    weight: if level == CompanyLevel::Missing { 0.0 } else { weight(rates, name_u) },
                }];
                evidence.push(self.website_evidence(c, probe, params));
                evidence.push(self.location_evidence(c, probe, params));
                evidence.push(self.industry_evidence(c, probe.sectors, industry_share, params));
                evidence.push(self.legal_form_evidence(c, probe, params));
                let total: f64 =
                    evidence.iter().map(|e| e.weight).sum::<f64>() + params.prior_log_odds(self.rows.len());
                (total, c, evidence)
            })
            .collect();
        ranked_result(scored, k, thresholds, |c| self.id(c).to_owned())
    }

    fn website_evidence(&self, c: u32, probe: &CompanyProbe, params: &ModelParams) -> Evidence {
        let row = &self.rows[c as usize];
        let field = Field::Website;
        let Some(site) = &probe.website else { return missing(field) };
        if row.website == NONE {
            return missing(field);
        }
        let known = self.words.resolve(row.website);
        let elsewhere = |country: &str| self.known_location(c).country().is_some_and(|k| k != country);
        let same_domain = self.postings.get(key(Key::Domain, site)).len().max(1) as f64;
        let same_label = self.postings.get(key(Key::Label, domain_label(site))).len().max(1) as f64;
        let n = self.rows.len().max(1) as f64;
        let (agreement, w) = if known == site {
            // A registrable domain names one organisation worldwide: an absent company shows it
            // about never, whatever the directory's size; companies sharing it share the mass.
            (Agreement::Exact, weight(params.website_exact, same_domain * params.website_exact.u))
        } else if domain_label(known).replace('-', "") == domain_label(site).replace('-', "")
            // The same name under the domain of a country the company is not in is a namesake's site.
            && !probe.site_country.is_some_and(elsewhere)
        {
            (Agreement::Domain, weight(params.website_label, (same_label / n).max(params.website_label.u)))
        } else {
            (Agreement::Disagreed, weight(params.website_disagreed, params.website_disagreed.u))
        };
        Evidence { field, agreement, weight: w }
    }

    fn known_location(&self, c: u32) -> Location {
        Location(
            self.lists
                .get(self.rows[c as usize].location)
                .iter()
                .map(|s| self.words.resolve(*s).to_owned())
                .collect(),
        )
    }

    fn location_evidence(&self, c: u32, probe: &CompanyProbe, params: &ModelParams) -> Evidence {
        let known = self.known_location(c);
        if known.is_empty() {
            return missing(Field::Location);
        }
        if probe.locations.is_empty() {
            // When the company's own website is known, the query's is compared with it
            // (`website_evidence`): its country is not counted a second time here.
            let site = probe.site_country.filter(|_| self.rows[c as usize].website == NONE);
            let hints: Vec<&str> = probe.legal_countries.iter().copied().chain(site).collect();
            return self.country_hint_evidence(&known, &hints, params);
        }
        probe
            .locations
            .iter()
            .map(|reading| self.reading_evidence(reading, &known, params))
            .max_by(|a, b| a.weight.total_cmp(&b.weight))
            .unwrap_or_else(|| missing(Field::Location))
    }

    /// Share of the directory's companies located in a place (city, region or country).
    fn place_share(&self, place: &str) -> f64 {
        let n = self.rows.len().max(1) as f64;
        self.words.get(place).and_then(|s| self.place_counts.get(&s)).map_or(1.0, |c| f64::from(*c)) / n
    }

    fn reading_evidence(&self, query: &Location, known: &Location, params: &ModelParams) -> Evidence {
        let field = Field::Location;
        if query.same_city(known) {
            let u = self.place_share(&known.0[0]).max(params.location_city.u);
            return Evidence { field, agreement: Agreement::Exact, weight: weight(params.location_city, u) };
        }
        let shared =
            query.0.iter().filter(|p| known.0.contains(p)).map(|p| self.place_share(p)).fold(1.0, f64::min);
        if shared < 1.0 || query.shares_place(known) {
            let u = shared.max(params.location_area.u);
            return Evidence {
                field,
                agreement: Agreement::Partial,
                weight: weight(params.location_area, u),
            };
        }
        // A different country is much stronger evidence than a different city (branch offices).
        let rates = if query.other_country(known) {
            params.location_other_country
        } else {
            params.location_disagreed
        };
        Evidence { field, agreement: Agreement::Disagreed, weight: weight(rates, rates.u) }
    }

    /// Without a location, the countries a legal form ("Sp. z o.o.") or a country domain (`.de`)
    /// points to, against the company's country: u is the share of companies in those countries.
    fn country_hint_evidence(&self, known: &Location, hints: &[&str], params: &ModelParams) -> Evidence {
        let field = Field::Location;
        let Some(country) = known.country().filter(|_| !hints.is_empty()) else { return missing(field) };
        let n = self.rows.len().max(1) as f64;
        let in_hinted: u32 =
            hints.iter().filter_map(|h| self.words.get(h).and_then(|s| self.place_counts.get(&s))).sum();
        let share = (f64::from(in_hinted) / n).clamp(1e-3, 0.99);
        if hints.contains(&country) {
            Evidence {
                field,
                agreement: Agreement::Partial,
                weight: weight(params.country_hint_agreed, share),
            }
        } else {
            Evidence {
                field,
                agreement: Agreement::Disagreed,
                weight: weight(params.country_hint_disagreed, 1.0 - share),
            }
        }
    }

    /// Legal forms of one country agree ("GmbH" ~ "AG"); of two countries, they are two companies.
    fn legal_form_evidence(&self, c: u32, probe: &CompanyProbe, params: &ModelParams) -> Evidence {
        let field = Field::LegalForm;
        let (Some(query), Some(known)) = (probe.name.legal, self.rows[c as usize].legal) else {
            return missing(field);
        };
        let share = self.legal_share.get(query).copied().unwrap_or(0.1).clamp(0.01, 0.99);
        if query == known {
            // Not frequency-adjusted: a rare family mostly says "same country", which the name and
            // location already say, so its agreement is kept weak.
            let rates = params.legal_form_agreed;
            Evidence { field, agreement: Agreement::Exact, weight: weight(rates, rates.u) }
        } else {
            Evidence {
                field,
                agreement: Agreement::Disagreed,
                weight: weight(params.legal_form_disagreed, 1.0 - share),
            }
        }
    }

    /// Share of the companies with a known industry whose sectors overlap `query`.
    fn sector_share(&self, query: Sectors) -> f64 {
        let known: u32 = self.sector_counts.values().sum();
        let overlapping: u32 =
            self.sector_counts.iter().filter(|(s, _)| s.overlaps(query)).map(|(_, count)| count).sum();
        f64::from(overlapping) / f64::from(known.max(1))
    }

    fn industry_evidence(&self, c: u32, query: Sectors, share: f64, params: &ModelParams) -> Evidence {
        let field = Field::Industry;
        let known = self.rows[c as usize].sectors;
        if query.is_empty() || known.is_empty() {
            return missing(field);
        }
        let share = share.clamp(0.01, 0.99);
        if query.overlaps(known) {
            Evidence { field, agreement: Agreement::Exact, weight: weight(params.industry_agreed, share) }
        } else {
            Evidence {
                field,
                agreement: Agreement::Disagreed,
                weight: weight(params.industry_disagreed, 1.0 - share),
            }
        }
    }

    pub fn heap_bytes(&self) -> usize {
        self.words.heap_bytes()
            + self.lists.heap_bytes()
            + self.names.heap_bytes()
            + self.postings.heap_bytes()
            + self.rows.capacity() * std::mem::size_of::<CompanyRow>()
            + self.ids.iter().map(|s| s.len() * 2 + 32).sum::<usize>()
    }
}

/// Share of each value among the known values.
fn shares(values: impl Iterator<Item = &'static str>) -> HashMap<&'static str, f64> {
    let mut counts: HashMap<&'static str, f64> = HashMap::new();
    for value in values {
        *counts.entry(value).or_default() += 1.0;
    }
    let total: f64 = counts.values().sum::<f64>().max(1.0);
    counts.values_mut().for_each(|v| *v /= total);
    counts
}

fn prefix(text: &str) -> &str {
    let end = text.char_indices().nth(5).map_or(text.len(), |(i, _)| i);
    &text[..end]
}

/// Entities in both ascending lists.
/// The entities of two sorted postings that are in both, in order: the shorter one is walked,
/// the longer one searched.
fn intersect<'a>(a: &'a [u32], b: &'a [u32]) -> impl Iterator<Item = u32> + 'a {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.iter().copied().filter(move |x| long.binary_search(x).is_ok())
}

fn capped(posting: &[u32]) -> &[u32] {
    &posting[..posting.len().min(MAX_POSTING)]
}

pub(super) fn missing(field: Field) -> Evidence {
    Evidence { field, agreement: Agreement::Missing, weight: 0.0 }
}

pub(super) fn company_agreement(level: CompanyLevel) -> Agreement {
    match level {
        CompanyLevel::Exact => Agreement::Exact,
        CompanyLevel::Domain => Agreement::Domain,
        CompanyLevel::Division | CompanyLevel::Partial => Agreement::Partial,
        CompanyLevel::Fuzzy => Agreement::Fuzzy,
        CompanyLevel::Acronym => Agreement::Acronym,
        CompanyLevel::Missing => Agreement::Missing,
        CompanyLevel::Disagreed => Agreement::Disagreed,
    }
}

/// Best first; ties broken by position so that output is deterministic.
pub(super) fn rank<T>(scored: &mut [(f64, u32, T)]) {
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
}

/// Ranks scored entities `(log-odds, position, evidence)`, turns the log-odds into posterior
/// probabilities, keeps the best `k` and takes the decision.
pub(super) fn ranked_result<E: Into<Vec<Evidence>>>(
    mut scored: Vec<(f64, u32, E)>,
    k: usize,
    thresholds: &Thresholds,
    id_of: impl Fn(u32) -> String,
) -> MatchResult {
    rank(&mut scored);
    let posterior = posteriors(&scored.iter().map(|s| s.0).collect::<Vec<_>>());
    let candidates: Vec<Candidate> = scored
        .into_iter()
        .zip(posterior)
        .take(k)
        .map(|((_, entity, evidence), score)| Candidate {
            entity,
            entity_id: id_of(entity),
            score,
            evidence: evidence.into(),
        })
        .collect();
    MatchResult { decision: thresholds.decide(&candidates), candidates }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn company(id: &str, name: &str, location: &str, website: &str) -> CompanyEntry {
        CompanyEntry {
            id: id.into(),
            name: name.into(),
            location: location.into(),
            website: website.into(),
            ..CompanyEntry::default()
        }
    }

    /// A directory where most companies are American, with a Polish, a German and a
    /// Delaware one.
    fn index() -> CompanyIndex {
        let mut entries = vec![
            company("pl", "Signal Motors", "Łódź, Łódzkie, Poland", "signalmotors.pl"),
            company("de", "Core Cloud GmbH", "Düsseldorf, Nordrhein-Westfalen, Germany", ""),
            company("dl", "Harbor Trust", "Wilmington, Delaware, United States", ""),
            company(
                "us",
                "KBBN Institute, Inc.",
                "San Francisco, California, United States",
                "kbbninstitute.com",
            ),
            company("nw", "Nova Works", "Austin, Texas, United States", ""),
        ];
        for i in 0..20 {
            let location = format!("City{i}, Texas, United States");
            entries.push(company(&format!("f{i}"), &format!("Filler{i} Foods"), &location, ""));
        }
        CompanyIndex::build(&entries, &[])
    }

    fn evidence(probe: &CompanyProbe, id: &str, field: Field) -> Evidence {
        let index = index();
        let result = index.match_company(probe, &ModelParams::default(), &Thresholds::default(), 5);
        let candidate = result.candidates.iter().find(|c| c.entity_id == id).expect("candidate retrieved");
        *candidate.evidence.iter().find(|e| e.field == field).expect("field compared")
    }

    fn probe(name: &str, location: Option<&str>, website: Option<&str>) -> CompanyProbe {
        CompanyProbe::new(Some(name), None, location, website)
    }

    #[test]
    fn a_common_word_beside_unknown_words_does_not_retrieve_all_its_companies() {
        let mut entries: Vec<CompanyEntry> = (0..3 * SMALL_POSTING)
            .map(|i| company(&format!("p{i}"), &format!("Firm{i} Partners"), "", ""))
            .collect();
        entries.push(company("b", "Bergterhof Partners", "", ""));
        let index = CompanyIndex::build(&entries, &[]);
        let typo = CompanyName::parse("Bergterhoff Partners");
        let found = index.retrieve(&typo, &[]);
        assert!(found.len() <= 2 * SMALL_POSTING, "read {} companies", found.len());
        let meant = index.position("b").expect("indexed");
        assert!(found.contains(&meant), "the typo variant still finds the company meant");
        let alone = index.retrieve(&CompanyName::parse("Partners"), &[]);
        assert!(alone.len() > 2 * SMALL_POSTING, "a name of that one word still reads its posting");
    }

    #[test]
    fn without_a_location_the_legal_form_tells_the_country() {
        let polish = evidence(&probe("Signal Motors Sp.z o.o.", None, None), "pl", Field::Location);
        assert_eq!(polish.agreement, Agreement::Partial);
        assert!(polish.weight > 2.0, "a rare country agreeing is strong evidence: {polish:?}");
        let american = evidence(&probe("Nova Works GmbH", None, None), "nw", Field::Location);
        assert_eq!(american.agreement, Agreement::Disagreed);
        assert!(american.weight < -1.0);
        let typed = evidence(&probe("Signal Motors Sp. z o.o.", Some("Texas"), None), "pl", Field::Location);
        assert_eq!(typed.agreement, Agreement::Disagreed, "a typed location wins over the legal form");
    }

    #[test]
    fn a_lone_code_agrees_with_either_of_its_readings() {
        let german = evidence(&probe("Core Cloud GmbH", Some("DE"), None), "de", Field::Location);
        assert_eq!(german.agreement, Agreement::Partial);
        let delaware = evidence(&probe("Harbor Trust", Some("DE"), None), "dl", Field::Location);
        assert_eq!(delaware.agreement, Agreement::Partial);
    }

    #[test]
    fn the_same_name_under_a_foreign_country_domain_is_a_namesakes_site() {
        let german = probe("KBBN Institute", None, Some("www.kbbn-institute.de"));
        assert_eq!(evidence(&german, "us", Field::Website).agreement, Agreement::Disagreed);
        // Compared as a website, the domain's country is not counted again as a location.
        assert_eq!(evidence(&german, "us", Field::Location).agreement, Agreement::Missing);
        let generic = probe("KBBN Institute", None, Some("kbbninstitute.io"));
        assert_eq!(evidence(&generic, "us", Field::Website).agreement, Agreement::Domain);
        let unknown_site = evidence(&probe("Core Cloud", None, Some("corecloud.de")), "de", Field::Location);
        assert_eq!(
            unknown_site.agreement,
            Agreement::Partial,
            "no website known: the domain tells the country"
        );
    }
}

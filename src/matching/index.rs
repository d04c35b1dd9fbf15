//! One immutable index of a directory (companies and members) that the server holds in an `Arc`
//! and swaps after an import.

use std::borrow::Borrow;
use std::convert::Infallible;

use super::company_index::{CompanyEntry, CompanyIndex, CompanyProbe};
use super::member_index::{
    MemberEntry, MemberIndex, MemberIndexBuilder, NONE, PersonProbe, Positions, Prepared, TitleCache,
    chunk_len,
};
use super::model::ModelParams;
use super::types::{MatchResult, Thresholds};

/// A directory index built from its companies and then its members, a chunk at a time in order,
/// so that a loader never needs every member entry at once.
pub struct DirectoryBuilder<'c> {
    companies: &'c [CompanyEntry],
    positions: Positions<'c>,
    titles: TitleCache,
    added: AddedMembers,
}

/// What the members added so far leave for the company index, and their own index.
struct AddedMembers {
    /// Members per company position.
    counts: Vec<u32>,
    /// (company position, employer name) where a member shows another name than its company's.
    aliases: Vec<(u32, String)>,
    /// How many aliases were distinct when they were last deduplicated.
    distinct_aliases: usize,
    members: MemberIndexBuilder,
}

impl<'c> DirectoryBuilder<'c> {
    /// `expected_members` (an estimate) sizes the member buffers.
    pub fn new(companies: &'c [CompanyEntry], expected_members: usize) -> Self {
        let positions = companies
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        let added = AddedMembers {
            counts: vec![0; companies.len()],
            aliases: Vec::new(),
            distinct_aliases: 0,
            members: MemberIndexBuilder::new(expected_members),
        };
        Self { companies, positions, titles: TitleCache::default(), added }
    }

    /// Adds members after those added before. Normalizing a chunk (on all cores) overlaps adding
    /// the chunk before; the first error of `chunks` stops adding and is returned.
    pub fn add_members<C, E>(
        &mut self,
        mut chunks: impl Iterator<Item = Result<C, E>> + Send,
    ) -> Result<(), E>
    where
        C: Borrow<[MemberEntry]> + Send,
        E: Send,
    {
        let Self { companies, positions, titles, added } = self;
        let mut pending: Option<(C, Vec<Prepared>)> = None;
        loop {
            let (next, ()) = rayon::join(
                || {
                    let chunk = chunks.next()?;
                    Some(chunk.map(|chunk| {
                        let prepared = MemberIndexBuilder::prepare(chunk.borrow(), positions, titles);
                        (chunk, prepared)
                    }))
                },
                || {
                    if let Some((chunk, prepared)) = pending.take() {
                        added.add(chunk.borrow(), prepared, companies);
                    }
                },
            );
            match next {
                Some(next) => pending = Some(next?),
                None => return Ok(()),
            }
        }
    }

    /// The index of the companies and of the members added.
    pub fn finish(self, params: ModelParams) -> DirectoryIndex {
        let AddedMembers { counts, mut aliases, members, .. } = self.added;
        aliases.sort_unstable();
        aliases.dedup();
        let aliases: Vec<(u32, &str)> = aliases.iter().map(|(pos, name)| (*pos, name.as_str())).collect();
        let total_members = u32::try_from(members.len()).unwrap_or(u32::MAX);
        let (companies, members) = rayon::join(
            || {
                let mut index = CompanyIndex::build(self.companies, &aliases);
                index.set_member_counts(&counts, total_members);
                index
            },
            || members.finish(),
        );
        DirectoryIndex { companies, members, params }
    }
}

impl AddedMembers {
    fn add(&mut self, chunk: &[MemberEntry], prepared: Vec<Prepared>, companies: &[CompanyEntry]) {
        for (entry, member) in chunk.iter().zip(&prepared) {
            // An employer given by id and found (the only way `company` is a position).
            if entry.company_id.is_none() || member.company == NONE {
                continue;
            }
            let pos = member.company;
            self.counts[pos as usize] += 1;
            let name = &entry.company_name;
            if *name != companies[pos as usize].name && !name.is_empty() {
                self.aliases.push((pos, name.clone()));
            }
        }
        self.members.add(chunk, prepared);
        // Most members show one of a few names per company: kept distinct as they come.
        if self.aliases.len() > 2 * self.distinct_aliases + 1024 {
            self.aliases.sort_unstable();
            self.aliases.dedup();
            self.distinct_aliases = self.aliases.len();
        }
    }
}

/// Everything needed to match CRM records against one directory.
#[derive(Debug)]
pub struct DirectoryIndex {
    companies: CompanyIndex,
    members: MemberIndex,
    params: ModelParams,
}

impl DirectoryIndex {
    /// Builds the index. Employer names shown by members become aliases of their company.
    pub fn build(members: &[MemberEntry], companies: &[CompanyEntry], params: ModelParams) -> Self {
        let mut builder = DirectoryBuilder::new(companies, members.len());
        let Ok(()) = builder.add_members(members.chunks(chunk_len(members.len())).map(Ok::<_, Infallible>));
        builder.finish(params)
    }

    pub fn match_member(&self, probe: &PersonProbe, thresholds: &Thresholds, k: usize) -> MatchResult {
        self.members.match_person(probe, &self.companies, &self.params, thresholds, k)
    }

    pub fn match_company(&self, probe: &CompanyProbe, thresholds: &Thresholds, k: usize) -> MatchResult {
        self.companies.match_company(probe, &self.params, thresholds, k)
    }

    pub fn members(&self) -> &MemberIndex {
        &self.members
    }

    pub fn companies(&self) -> &CompanyIndex {
        &self.companies
    }

    /// Approximate heap size of the index in bytes.
    pub fn heap_bytes(&self) -> usize {
        self.members.heap_bytes() + self.companies.heap_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::email::EmailKey;
    use crate::matching::{Agreement, CompanyProbe, Decision, Field, PastEntry};
    use proptest::prelude::*;

    fn company(id: &str, name: &str, website: &str) -> CompanyEntry {
        CompanyEntry { id: id.into(), name: name.into(), website: website.into(), ..CompanyEntry::default() }
    }

    fn member(id: &str, first: &str, last: &str, company: &str, title: &str) -> MemberEntry {
        MemberEntry {
            id: id.into(),
            first_name: first.into(),
            last_name: last.into(),
            title: title.into(),
            company_id: Some(company.into()),
            company_name: String::new(),
            ..MemberEntry::default()
        }
    }

    fn directory(extra: Vec<MemberEntry>) -> DirectoryIndex {
        let companies = vec![
            company("c1", "Acme Rocket GmbH", "https://www.acmerocket.de"),
            company("c2", "Birch Labs Inc.", "birchlabs.com"),
        ];
        let mut members = vec![
            member("m1", "Robert", "Okonkwo-Steiner", "c1", "VP Sales"),
            member("m2", "Grace", "Richards", "c2", "Engineer"),
            member("m3", "Grace", "Richards", "c2", "Accountant"),
        ];
        for i in 0..40 {
            members.push(member(&format!("f{i}"), "Anna", &format!("Filler{i}"), "c2", "Analyst"));
        }
        members.extend(extra);
        DirectoryIndex::build(&members, &companies, ModelParams::default())
    }

    fn ask(index: &DirectoryIndex, first: &str, last: &str, company: &str) -> MatchResult {
        let probe =
            PersonProbe::new(Some(first), Some(last), Some(company), None, None, &EmailKey::derive(b"t"));
        index.match_member(&probe, &Thresholds::default(), 5)
    }

    #[test]
    fn index_can_be_shared_across_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<DirectoryIndex>();
        shareable::<std::sync::Arc<DirectoryIndex>>();
    }

    #[test]
    fn a_past_employer_is_weaker_evidence_not_a_contradiction() {
        let mut moved = member("m4", "Ingrid", "Vasquez-Lund", "c2", "Analyst");
        moved.past_companies = vec![PastEntry { company_id: Some("c1".into()) }];
        let stranger = member("m5", "Ingrid", "Vasquez-Lund", "c2", "Analyst");
        let index = directory(vec![moved]);
        let company_of = |result: &MatchResult, id: &str| {
            let candidate = result.candidates.iter().find(|c| c.entity_id == id).expect("candidate");
            *candidate.evidence.iter().find(|e| e.field == Field::Company).expect("company compared")
        };
        let stale = ask(&index, "Ingrid", "Vasquez-Lund", "Acme Rocket");
        let past = company_of(&stale, "m4");
        assert_eq!(past.agreement, Agreement::PastEmployer);
        assert!(past.weight > 0.0, "a former employer still speaks for the person: {past:?}");
        let other = ask(&directory(vec![stranger]), "Ingrid", "Vasquez-Lund", "Acme Rocket");
        let disagreed = company_of(&other, "m5");
        assert_eq!(disagreed.agreement, Agreement::Disagreed, "who never worked there disagrees");
        assert!(past.weight > disagreed.weight);
    }

    #[test]
    fn nickname_and_employer_variant_match() {
        let result = ask(&directory(Vec::new()), "Bob", "Okonkwo Steiner", "ACME ROCKET");
        assert_eq!(result.decision, Decision::Match);
        assert_eq!(result.candidates[0].entity_id, "m1");
    }

    #[test]
    fn twins_at_one_employer_are_ambiguous() {
        let result = ask(&directory(Vec::new()), "Grace", "Richards", "Birch Labs");
        assert_eq!(result.decision, Decision::Ambiguous);
        assert_eq!(result.candidates.len(), 2);
    }

    #[test]
    fn company_website_and_name_match() {
        let index = directory(Vec::new());
        let probe =
            CompanyProbe::new(Some("Acme Rocket - Renewal 2025"), None, None, Some("acmerocket.de/about"));
        let result = index.match_company(&probe, &Thresholds::default(), 5);
        assert_eq!(result.matched().map(|c| c.entity_id.as_str()), Some("c1"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn an_unrelated_entry_never_flips_a_decision(first in "[A-Z][a-z]{3,8}", last in "[A-Z][a-z]{4,9}") {
            let before = ask(&directory(Vec::new()), "Bob", "Okonkwo-Steiner", "Acme Rocket");
            let unrelated = member("x1", &first, &format!("Zq{last}"), "c2", "Clerk");
            let after = ask(&directory(vec![unrelated]), "Bob", "Okonkwo-Steiner", "Acme Rocket");
            prop_assert_eq!(before.decision, after.decision);
            prop_assert!(after.candidates.iter().all(|c| (0.0..=1.0).contains(&c.score)));
            prop_assert!(after.candidates.windows(2).all(|w| w[0].score >= w[1].score));
        }
    }
}

//! One immutable index of a directory (companies and members) that the server holds in an `Arc`
//! and swaps after an import.

use std::collections::HashMap;

use super::company_index::{CompanyEntry, CompanyIndex, CompanyProbe};
use super::member_index::{MemberEntry, MemberIndex, PersonProbe};
use super::model::ModelParams;
use super::types::{MatchResult, Thresholds};

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
        let positions: HashMap<&str, u32> = companies
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        let mut counts = vec![0u32; companies.len()];
        let mut aliases: Vec<(u32, &str)> = Vec::new();
        for member in members {
            let Some(&pos) = member.company_id.as_deref().and_then(|id| positions.get(id)) else { continue };
            counts[pos as usize] += 1;
            if member.company_name != companies[pos as usize].name && !member.company_name.is_empty() {
                aliases.push((pos, member.company_name.as_str()));
            }
        }
        aliases.sort_unstable();
        aliases.dedup();
        let mut company_index = CompanyIndex::build(companies, &aliases);
        company_index.set_member_counts(&counts, u32::try_from(members.len()).unwrap_or(u32::MAX));
        let member_index = MemberIndex::build(members, &company_index);
        Self { companies: company_index, members: member_index, params }
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
    use crate::matching::{CompanyProbe, Decision};
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

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
        let mut aliases: Vec<(u32, String)> = Vec::new();
        for member in members {
            let Some(&pos) = member.company_id.as_deref().and_then(|id| positions.get(id)) else { continue };
            counts[pos as usize] += 1;
            if member.company_name != companies[pos as usize].name && !member.company_name.is_empty() {
                aliases.push((pos, member.company_name.clone()));
            }
        }
        aliases.sort();
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

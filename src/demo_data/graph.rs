//! Who works where, and who knows whom.
//!
//! The skeleton fixes each member's current and past employers first (a few bytes per member), so
//! that member text and connections can then be generated chunk by chunk in parallel. Each edge is
//! generated once, from its lower member, towards higher members only: rows come out sorted with no
//! global sort. Most edges join people who share an employer (present or past), the rest are random.

use rayon::prelude::*;

use super::companies::Company;
use super::rng::{Rng, Stream};

/// No directory employer: freelancer or an employer outside the directory.
pub const NO_COMPANY: u32 = u32::MAX;

/// Target average degree of the social graph.
pub const AVERAGE_DEGREE: f64 = 50.0;

/// Edge share from shared employers the graph aims for (the rest are random acquaintances).
const AFFILIATION_DEGREE: f64 = 35.0;

/// Why a member has no directory employer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Employment {
    Directory(u32),
    Freelance,
    Outside,
}

/// Employers of every member, and the members of every company.
#[derive(Debug)]
pub struct Skeleton {
    current: Vec<u32>,
    freelance: Vec<bool>,
    twin: Vec<bool>,
    past_offsets: Vec<u32>,
    past: Vec<u32>,
    company_offsets: Vec<u64>,
    company_members: Vec<u32>,
}

/// Samples companies with probability growing with their size.
struct CompanySampler {
    cumulative: Vec<f64>,
}

impl CompanySampler {
    fn new(companies: &[Company]) -> Self {
        let mut total = 0.0;
        let cumulative = companies
            .iter()
            .map(|c| {
                total += f64::from(c.size).powf(0.8);
                total
            })
            .collect();
        Self { cumulative }
    }

    fn sample(&self, rng: &mut Rng) -> u32 {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let target = rng.unit() * total;
        (self.cumulative.partition_point(|&c| c <= target) as u32).min(self.cumulative.len() as u32 - 1)
    }
}

struct Draft {
    employment: Employment,
    past: Vec<u32>,
}

fn raw_twin(seed: u64, index: u64) -> bool {
    Rng::for_entity(seed, Stream::Skeleton, index).unit() < 0.004
}

fn draft(seed: u64, index: u64, sampler: &CompanySampler, companies: usize) -> Draft {
    let mut rng = Rng::for_entity(seed, Stream::Skeleton, index);
    let _twin_draw = rng.unit();
    let roll = rng.unit();
    let employment = if companies == 0 || roll < 0.06 {
        Employment::Freelance
    } else if roll < 0.10 {
        Employment::Outside
    } else {
        Employment::Directory(sampler.sample(&mut rng))
    };
    let mut past = Vec::new();
    let wanted = [0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 4][rng.below(11)];
    for _ in 0..wanted * 2 {
        if past.len() == wanted || companies < 2 {
            break;
        }
        let company = sampler.sample(&mut rng);
        if employment != Employment::Directory(company) && !past.contains(&company) {
            past.push(company);
        }
    }
    Draft { employment, past }
}

impl Skeleton {
    pub fn build(seed: u64, members: u64, companies: &[Company]) -> Self {
        let sampler = CompanySampler::new(companies);
        let count = companies.len();
        let drafts: Vec<(Draft, bool)> = (0..members)
            .into_par_iter()
            .map(|i| {
                let mut own = draft(seed, i, &sampler, count);
                let twin = i > 0 && raw_twin(seed, i) && !raw_twin(seed, i - 1);
                let twin = twin && {
                    match draft(seed, i - 1, &sampler, count).employment {
                        Employment::Directory(c) => {
                            own.employment = Employment::Directory(c);
                            own.past.retain(|&p| p != c);
                            true
                        }
                        _ => false,
                    }
                };
                (own, twin)
            })
            .collect();
        let mut skeleton = Self {
            current: Vec::with_capacity(drafts.len()),
            freelance: Vec::with_capacity(drafts.len()),
            twin: Vec::with_capacity(drafts.len()),
            past_offsets: Vec::with_capacity(drafts.len() + 1),
            past: Vec::new(),
            company_offsets: Vec::new(),
            company_members: Vec::new(),
        };
        skeleton.past_offsets.push(0);
        for (draft, twin) in drafts {
            let (current, freelance) = match draft.employment {
                Employment::Directory(c) => (c, false),
                Employment::Freelance => (NO_COMPANY, true),
                Employment::Outside => (NO_COMPANY, false),
            };
            skeleton.current.push(current);
            skeleton.freelance.push(freelance);
            skeleton.twin.push(twin);
            skeleton.past.extend(draft.past);
            skeleton.past_offsets.push(skeleton.past.len() as u32);
        }
        skeleton.index_companies(count);
        skeleton
    }

    /// Lists, for every company, the members with a current or past position there, in index order.
    fn index_companies(&mut self, companies: usize) {
        let mut counts = vec![0u64; companies + 1];
        for i in 0..self.current.len() {
            for c in self.affiliations(i as u64) {
                counts[c as usize + 1] += 1;
            }
        }
        for k in 1..counts.len() {
            counts[k] += counts[k - 1];
        }
        let mut fill = counts.clone();
        let mut company_members = vec![0; counts[companies] as usize];
        for i in 0..self.current.len() {
            for c in self.affiliations(i as u64) {
                company_members[fill[c as usize] as usize] = i as u32;
                fill[c as usize] += 1;
            }
        }
        self.company_members = company_members;
        self.company_offsets = counts;
    }

    pub fn members(&self) -> u64 {
        self.current.len() as u64
    }

    pub fn employment(&self, member: u64) -> Employment {
        let i = member as usize;
        match self.current[i] {
            NO_COMPANY if self.freelance[i] => Employment::Freelance,
            NO_COMPANY => Employment::Outside,
            c => Employment::Directory(c),
        }
    }

    /// Whether this member shares name and employer with the member just before.
    pub fn is_twin(&self, member: u64) -> bool {
        self.twin[member as usize]
    }

    pub fn past(&self, member: u64) -> &[u32] {
        let i = member as usize;
        &self.past[self.past_offsets[i] as usize..self.past_offsets[i + 1] as usize]
    }

    /// Current employer (if in the directory) followed by past employers.
    pub fn affiliations(&self, member: u64) -> impl Iterator<Item = u32> + '_ {
        let current = self.current[member as usize];
        (current != NO_COMPANY).then_some(current).into_iter().chain(self.past(member).iter().copied())
    }

    /// Members with a current or past position at `company`, in index order.
    pub fn company_members(&self, company: u32) -> &[u32] {
        let c = company as usize;
        &self.company_members[self.company_offsets[c] as usize..self.company_offsets[c + 1] as usize]
    }

    /// How densely colleagues connect: each member gets about `min(colleagues, k)` colleague edges
    /// per shared employer, and random acquaintances make up the rest of [`AVERAGE_DEGREE`].
    pub fn degree_plan(&self) -> DegreePlan {
        let members = self.members().max(1) as f64;
        let expected = |k: f64| -> f64 {
            (0..self.company_offsets.len().saturating_sub(1))
                .map(|c| {
                    let len = (self.company_offsets[c + 1] - self.company_offsets[c]) as f64;
                    len * (len - 1.0).max(0.0).min(k)
                })
                .sum::<f64>()
                / members
        };
        let (mut low, mut high) = (0.0, 60.0);
        for _ in 0..30 {
            let mid = (low + high) / 2.0;
            if expected(mid) < AFFILIATION_DEGREE { low = mid } else { high = mid }
        }
        let colleague_k = low;
        let random_degree = (AVERAGE_DEGREE - expected(colleague_k)).max(0.0);
        DegreePlan { colleague_k, random_degree }
    }
}

/// Parameters of edge generation, fixed for the whole graph.
#[derive(Debug, Clone, Copy)]
pub struct DegreePlan {
    pub colleague_k: f64,
    pub random_degree: f64,
}

/// The neighbours above `member`, sorted and unique, into `out` (cleared first).
pub fn edges_from(seed: u64, skeleton: &Skeleton, plan: DegreePlan, member: u64, out: &mut Vec<u32>) {
    out.clear();
    let mut rng = Rng::for_entity(seed, Stream::Edges, member);
    let me = member as u32;
    for company in skeleton.affiliations(member) {
        let list = skeleton.company_members(company);
        if list.len() < 2 {
            continue;
        }
        let p = (plan.colleague_k / (list.len() - 1) as f64).min(1.0);
        if p <= 0.0 {
            continue;
        }
        let mut j = list.partition_point(|&m| m <= me) as u64 + rng.geometric(p);
        while (j as usize) < list.len() {
            out.push(list[j as usize]);
            j += 1 + rng.geometric(p);
        }
    }
    let members = skeleton.members();
    let above = members - member - 1;
    if above > 0 && members > 1 {
        let mean = plan.random_degree * above as f64 / (members - 1) as f64;
        let count = mean.floor() as u64 + u64::from(rng.chance(mean.fract()));
        for _ in 0..count {
            out.push(me + 1 + rng.below(above as usize) as u32);
        }
    }
    out.sort_unstable();
    out.dedup();
}

#[cfg(test)]
mod tests {
    use super::super::companies::generate_all;
    use super::super::ids::IdScheme;
    use super::*;

    fn small(members: u64, companies: u64) -> (Vec<Company>, Skeleton) {
        let companies = generate_all(11, companies, &IdScheme::new('c', companies, 11));
        let skeleton = Skeleton::build(11, members, &companies);
        (companies, skeleton)
    }

    #[test]
    fn edges_are_upward_sorted_unique_and_average_about_fifty() {
        let (_, skeleton) = small(20_000, 2_000);
        let plan = skeleton.degree_plan();
        let mut total = 0u64;
        let mut row = Vec::new();
        for i in 0..skeleton.members() {
            edges_from(11, &skeleton, plan, i, &mut row);
            assert!(row.windows(2).all(|w| w[0] < w[1]));
            assert!(row.iter().all(|&j| u64::from(j) > i && u64::from(j) < skeleton.members()));
            total += row.len() as u64;
        }
        let degree = 2.0 * total as f64 / skeleton.members() as f64;
        assert!((45.0..55.0).contains(&degree), "average degree {degree}");
    }

    #[test]
    fn most_edges_join_colleagues() {
        let (_, skeleton) = small(20_000, 2_000);
        let plan = skeleton.degree_plan();
        let (mut shared, mut total) = (0u64, 0u64);
        let mut row = Vec::new();
        for i in 0..skeleton.members() {
            edges_from(11, &skeleton, plan, i, &mut row);
            let mine: Vec<u32> = skeleton.affiliations(i).collect();
            for &j in &row {
                total += 1;
                shared += u64::from(skeleton.affiliations(u64::from(j)).any(|c| mine.contains(&c)));
            }
        }
        assert!(shared * 2 > total, "{shared} of {total} edges join colleagues");
    }

    #[test]
    fn company_member_lists_are_sorted_and_complete() {
        let (companies, skeleton) = small(5_000, 500);
        let listed: usize = (0..companies.len() as u32).map(|c| skeleton.company_members(c).len()).sum();
        let affiliations: usize = (0..5_000).map(|i| skeleton.affiliations(i).count()).sum();
        assert_eq!(listed, affiliations);
        assert!((0..500).all(|c| skeleton.company_members(c).windows(2).all(|w| w[0] < w[1])));
    }

    #[test]
    fn twins_share_the_previous_members_employer() {
        let (_, skeleton) = small(20_000, 1_000);
        let twins: Vec<u64> = (0..20_000).filter(|&i| skeleton.is_twin(i)).collect();
        assert!(!twins.is_empty());
        for i in twins {
            assert_eq!(skeleton.employment(i), skeleton.employment(i - 1));
        }
    }
}

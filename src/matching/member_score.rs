//! Scoring members against a lead or contact: name, employer, e-mail and title evidence, the
//! term-frequency adjustment of the name weight, and the posterior over candidates.

use std::collections::HashMap;

use super::company_index::{CompanyIndex, company_agreement, missing, ranked_result};
use super::interner::Sym;
use super::member_index::{
    Employers, FREELANCE, MemberIndex, NONE, Pass, PersonProbe, email_key, past_employer_key,
};
use super::model::{CompanyLevel, FirstLevel, LastLevel, ModelParams, weight};
use super::names::FastHash;
use super::person_compare::{KnownPerson, email_levels, first_level, last_level};
use super::types::{Agreement, Evidence, Field, MatchResult, Thresholds};

impl MemberIndex {
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
        // Candidates share few distinct names (one surname, a few hundred given names): each
        // distinct name is compared once per query, across passes.
        let mut known_names: NameCache = HashMap::with_hasher(FastHash);
        // Cheapest keys first; wider ones only while nobody's name explains the query.
        let mut found = Vec::new();
        let mut names: Vec<(NameKey, NameAgreement)> = Vec::new();
        for pass in [Pass::Narrow, Pass::Medium, Pass::Broad] {
            found = self.retrieve(probe, &employers, pass);
            names = found
                .iter()
                .map(|&m| self.cached_name_agreement(m, probe, params, &mut known_names))
                .collect();
            if names.iter().any(|(_, name)| name.explains_query()) {
                break;
            }
        }
        let n = self.rows.len().max(1) as f64;
        let context = EmployerContext {
            shares: std::array::from_fn(|level| employer_share(&employers, level, companies)),
            domain: probe.work_domain.as_deref().and_then(|d| self.words.get(d)),
        };
        let query_title: Vec<Option<Sym>> = probe.title.0.iter().map(|w| self.words.get(w)).collect();
        let mut sorted_log_m: Vec<f64> = names.iter().map(|(_, a)| a.log_m).collect();
        sorted_log_m.sort_by(f64::total_cmp);
        let prior = params.prior_log_odds(self.rows.len());
        let once_employed = self.once_employed(&found, &employers);
        let email_holders = probe.email_hash.as_ref().map(|hash| self.postings.get(email_key(hash)));
        let mut name_evidence: HashMap<NameKey, [Evidence; 2], FastHash> = HashMap::with_hasher(FastHash);
        let scored: Vec<(f64, u32, [Evidence; 5])> = found
            .iter()
            .zip(&names)
            .zip(once_employed)
            .map(|((&m, (name_key, name)), once_employed)| {
                // The same for every candidate of that name: worked out once per name.
                let [first, last] = *name_evidence.entry(*name_key).or_insert_with(|| {
                    let below = sorted_log_m.partition_point(|x| *x < name.log_m - 1e-9);
                    let at_least = (sorted_log_m.len() - below) as f64;
                    name.evidence(params, at_least / n)
                });
                let evidence = [
                    first,
                    last,
                    self.employer_evidence(m, probe, (&employers, once_employed), &context, params),
                    self.email_evidence(m, email_holders, params),
                    self.title_evidence(m, &query_title, params),
                ];
                let total = evidence.iter().map(|e| e.weight).sum::<f64>() + prior;
                (total, m, evidence)
            })
            .collect();
        ranked_result(scored, k, thresholds, |m| self.id(m).to_owned())
    }

    fn cached_name_agreement(
        &self,
        m: u32,
        probe: &PersonProbe,
        params: &ModelParams,
        cache: &mut NameCache,
    ) -> (NameKey, NameAgreement) {
        let row = &self.rows[m as usize];
        // Equal word lists share their number (see `MemberIndex::intern_list`).
        let name = (u64::from(row.given) << 32) | u64::from(row.family);
        (name, *cache.entry(name).or_insert_with(|| self.name_agreement(m, probe, params)))
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

    /// For each of `found` (sorted), whether a company the query's employer fields may mean
    /// (at least partly) once employed them: looked up by company, since reading each
    /// candidate's own list of past employers costs a cache miss or two per candidate.
    fn once_employed(&self, found: &[u32], employers: &Employers) -> Vec<bool> {
        let mut marks = vec![false; found.len()];
        for (&company, _) in employers.iter().filter(|(_, level)| **level <= CompanyLevel::Partial) {
            // Both lists are sorted: the shorter one is walked, the longer one searched.
            let alumni = self.postings.get(past_employer_key(company));
            if alumni.len() < found.len() {
                for a in alumni {
                    if let Ok(i) = found.binary_search(a) {
                        marks[i] = true;
                    }
                }
            } else {
                for (mark, m) in marks.iter_mut().zip(found) {
                    *mark = *mark || alumni.binary_search(m).is_ok();
                }
            }
        }
        marks
    }

    /// `employers`: the companies the query may mean, and whether one of them once employed `m`.
    fn employer_evidence(
        &self,
        m: u32,
        probe: &PersonProbe,
        (employers, once_employed): (&Employers, bool),
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
        if once_employed {
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

    /// `holders`: the members holding the query's address (`None` without one), from the
    /// postings, so that no candidate's own addresses are read.
    fn email_evidence(&self, m: u32, holders: Option<&[u32]>, params: &ModelParams) -> Evidence {
        let field = Field::Email;
        let Some(holders) = holders else { return missing(field) };
        if self.rows[m as usize].emails == 0 {
            return missing(field);
        }
        if holders.binary_search(&m).is_ok() {
            let u = holders.len().max(1) as f64 / self.rows.len().max(1) as f64;
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
        if query.is_empty() {
            return missing(field);
        }
        let known = self.lists.get(self.rows[m as usize].title);
        if known.is_empty() {
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
}

/// A directory name: its given and family word lists' numbers.
type NameKey = u64;

/// Name agreements of one query, by directory name.
type NameCache = HashMap<NameKey, NameAgreement, FastHash>;

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
    fn evidence(&self, params: &ModelParams, share: f64) -> [Evidence; 2] {
        let u = share.max(self.generic_u);
        let (f, l) = (params.first_rates(self.first), params.last_rates(self.last));
        let total = self.log_m - u.ln();
        let first_part = if self.first == FirstLevel::Missing { 0.0 } else { f.m.ln() - f.u.ln() };
        let first_weight = first_part.min(total);
        let _ = l;
        [
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
fn resolve_employers(probe: &PersonProbe, companies: &CompanyIndex) -> Employers {
    let domains: Vec<&str> =
        probe.work_domain.iter().chain(probe.company.domain.iter()).map(String::as_str).collect();
    if probe.company.is_empty() && domains.is_empty() {
        return Employers::default();
    }
    let exact = companies.retrieve_exact(&probe.company, &domains);
    let retrieved = if exact.is_empty() { companies.retrieve(&probe.company, &domains) } else { exact };
    let levels: Vec<(u32, CompanyLevel)> =
        retrieved.iter().copied().zip(companies.name_levels(&retrieved, &probe.company, &domains)).collect();
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
fn employer_share(employers: &Employers, level: usize, companies: &CompanyIndex) -> f64 {
    let members: u32 =
        employers.iter().filter(|(_, l)| (**l as usize) <= level).map(|(c, _)| companies.members(*c)).sum();
    f64::from(members.max(1)) / f64::from(companies.total_members().max(1))
}

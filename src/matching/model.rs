//! The Fellegi–Sunter model: agreement levels per field with their m-probabilities (how often a
//! true match shows that level), generic u-probabilities (how often a random pair does), the prior
//! share of queries whose entity is absent, and the posterior that turns weights into probabilities.

/// Agreement levels of a given name, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FirstLevel {
    Exact,
    Nickname,
    Transliteration,
    Fuzzy,
    Initial,
    Missing,
    Disagreed,
}

/// Agreement levels of a family name, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LastLevel {
    Exact,
    Partial,
    Transliteration,
    Fuzzy,
    Missing,
    Disagreed,
}

/// Agreement levels of a company name, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CompanyLevel {
    Exact,
    Domain,
    Division,
    Fuzzy,
    Acronym,
    Partial,
    Missing,
    Disagreed,
}

impl CompanyLevel {
    /// The level whose rates weigh this one in company matching. A division or region suffix
    /// ("Acme – EMEA") is a way of writing a company's own name, as likely for an absent company
    /// as for a directory one, so it is no evidence against the match: it weighs as the name.
    pub fn weighed_as(self) -> Self {
        match self {
            Self::Division => Self::Exact,
            level => level,
        }
    }
}

/// (m, u) of one level; u is the generic rate for a random pair, used as a floor under the
/// query-specific frequency.
#[derive(Debug, Clone, Copy)]
pub struct Rates {
    pub m: f64,
    pub u: f64,
}

const fn r(m: f64, u: f64) -> Rates {
    Rates { m, u }
}

/// Every parameter of the model. The defaults are the rates of CRM data-entry errors (m) and of
/// chance agreement (u) described in MATCHING.md; frequency-dependent u's come from the directory.
#[derive(Debug, Clone)]
pub struct ModelParams {
    /// Share of queries whose entity is not in the directory.
    pub prior_absent: f64,
    /// Prior probability that first and last name are swapped.
    pub swap: f64,
    pub first: [Rates; 7],
    pub last: [Rates; 6],
    pub company: [Rates; 8],
    /// Member's past employer agreeing (when the current one does not).
    pub past_employer: Rates,
    pub email_exact: Rates,
    pub email_disagreed: Rates,
    /// Work e-mail domain of the query equal to the candidate's employer domain.
    pub email_domain: Rates,
    pub title_exact: Rates,
    pub title_similar: Rates,
    pub title_disagreed: Rates,
    pub website_exact: Rates,
    pub website_label: Rates,
    pub website_disagreed: Rates,
    pub location_city: Rates,
    pub location_area: Rates,
    pub location_disagreed: Rates,
    pub location_other_country: Rates,
    /// The company's country among those the query's legal form or country domain points to
    /// (no location given); u is the share of companies in those countries.
    pub country_hint_agreed: Rates,
    pub country_hint_disagreed: Rates,
    pub legal_form_agreed: Rates,
    pub legal_form_disagreed: Rates,
    pub industry_agreed: Rates,
    pub industry_disagreed: Rates,
}

impl Default for ModelParams {
    fn default() -> Self {
        Self {
            prior_absent: 0.1,
            swap: 0.02,
            // Exact, Nickname, Transliteration, Fuzzy, Initial, Missing, Disagreed
            first: [
                r(0.80, 0.01),
                r(0.06, 0.004),
                r(0.02, 0.002),
                r(0.05, 0.003),
                r(0.03, 0.06),
                r(1.0, 1.0),
                r(0.04, 1.0),
            ],
            // Exact, Partial, Transliteration, Fuzzy, Missing, Disagreed
            last: [
                r(0.83, 0.001),
                r(0.05, 0.001),
                r(0.03, 0.0005),
                r(0.06, 0.001),
                r(1.0, 1.0),
                r(0.03, 1.0),
            ],
            // Exact, Domain, Division, Fuzzy, Acronym, Partial, Missing, Disagreed
            company: [
                r(0.70, 1e-6),
                r(0.05, 1e-6),
                r(0.05, 1e-6),
                r(0.08, 1e-6),
                r(0.03, 1e-6),
                r(0.02, 1e-3),
                r(1.0, 1.0),
                r(0.20, 1.0),
            ],
            past_employer: r(0.10, 0.003),
            email_exact: r(0.45, 1e-6),
            email_disagreed: r(0.55, 1.0),
            email_domain: r(0.5, 0.001),
            title_exact: r(0.45, 0.01),
            title_similar: r(0.25, 0.08),
            title_disagreed: r(0.30, 0.91),
            // u: chance that a company absent from the directory shows this registrable domain.
            website_exact: r(0.75, 1e-6),
            // Same name under another country domain: same-name companies share labels, so
            // this is weak evidence once the names agree.
            website_label: r(0.06, 0.03),
            website_disagreed: r(0.04, 1.0),
            location_city: r(0.55, 0.001),
            location_area: r(0.6, 0.01),
            // Another city: a branch office recorded in the CRM (2.4 % of DEV's true matches
            // with a location).
            location_disagreed: r(0.04, 0.78),
            location_other_country: r(0.01, 0.6),
            // A legal form is written in the company's own country; a country domain may be a
            // foreign subsidiary's site. The u's here are placeholders: the share of directory
            // companies in the hinted countries is used.
            country_hint_agreed: r(0.9, 0.5),
            country_hint_disagreed: r(0.1, 0.5),
            // Both written: the same country's forms in 98 % of true matches.
            legal_form_agreed: r(0.98, 0.5),
            legal_form_disagreed: r(0.02, 0.7),
            industry_agreed: r(0.85, 0.15),
            industry_disagreed: r(0.15, 0.85),
        }
    }
}

impl ModelParams {
    pub fn first_rates(&self, level: FirstLevel) -> Rates {
        self.first[level as usize]
    }

    pub fn last_rates(&self, level: LastLevel) -> Rates {
        self.last[level as usize]
    }

    pub fn company_rates(&self, level: CompanyLevel) -> Rates {
        self.company[level as usize]
    }

    /// Prior odds that a query is about one given entity of `population` rather than about none.
    pub fn prior_log_odds(&self, population: usize) -> f64 {
        let n = population.max(1) as f64;
        ((1.0 - self.prior_absent) / self.prior_absent / n).ln()
    }
}

/// ln(m / u): the log-likelihood ratio of one observed level.
pub fn weight(rates: Rates, u: f64) -> f64 {
    (rates.m / u.max(1e-12)).ln()
}

/// Posterior probabilities of the candidates from their total log odds against "absent": each
/// is the candidate's odds over one plus the sum of all odds, so that two equally good candidates
/// share the probability mass and neither can be auto-matched.
pub fn posteriors(log_odds: &[f64]) -> Vec<f64> {
    let max = log_odds.iter().copied().fold(0.0_f64, f64::max);
    let scaled: Vec<f64> = log_odds.iter().map(|l| (l - max).exp()).collect();
    let none = (-max).exp();
    let total: f64 = none + scaled.iter().sum::<f64>();
    scaled.iter().map(|s| (s / total).clamp(0.0, 1.0)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn twins_share_the_mass() {
        let p = posteriors(&[8.0, 8.0]);
        assert!(p[0] < 0.5 && (p[0] - p[1]).abs() < 1e-12);
        assert!(posteriors(&[8.0])[0] > 0.999);
    }

    proptest! {
        #[test]
        fn posteriors_are_probabilities_in_order(mut odds in proptest::collection::vec(-50.0f64..50.0, 0..8)) {
            odds.sort_by(|a, b| b.total_cmp(a));
            let p = posteriors(&odds);
            prop_assert!(p.iter().all(|x| (0.0..=1.0).contains(x)));
            prop_assert!(p.windows(2).all(|w| w[0] >= w[1]));
            prop_assert!(p.iter().sum::<f64>() <= 1.0 + 1e-9);
        }
    }
}

//! Members: a name from their locale, a title and headline, their employer as they show it, a
//! location at LinkedIn-like granularity, e-mail addresses for some, and past positions.

use super::companies::Company;
use super::graph::{Employment, Skeleton};
use super::ids::IdScheme;
use super::locales::{LOCALES, Locale};
use super::names::{self, PersonName, strip_accents};
use super::rng::{Rng, Stream};
use super::titles::{self, FUNCTIONS};
use super::variants;
use crate::formats::{MemberRecord, PastPosition};

/// What member generation reads: everything fixed before members are written.
pub struct World<'a> {
    pub seed: u64,
    pub member_ids: &'a IdScheme,
    pub companies: &'a [Company],
    pub skeleton: &'a Skeleton,
}

/// A member with what queries need to corrupt it realistically.
#[derive(Debug, Clone)]
pub struct Member {
    pub record: MemberRecord,
    pub name: PersonName,
    pub locale: &'static Locale,
    /// The English equivalent when the member's title is in a local language.
    pub title_english: Option<&'static str>,
}

impl World<'_> {
    fn company(&self, index: u32) -> &Company {
        &self.companies[index as usize]
    }

    /// The locale and name of a member: the first draws of its stream, so twins can copy them.
    fn identity(&self, rng: &mut Rng, member: u64) -> (&'static Locale, PersonName) {
        let locale_index = match self.skeleton.employment(member) {
            Employment::Directory(c) if rng.chance(0.85) => usize::from(self.company(c).locale),
            _ => rng.weighted(&super::locales::weights()),
        };
        let locale = &LOCALES[locale_index];
        (locale, names::person(rng, locale))
    }

    pub fn member(&self, index: u64) -> Member {
        let mut rng = Rng::for_entity(self.seed, Stream::Member, index);
        let (mut locale, mut name) = self.identity(&mut rng, index);
        if self.skeleton.is_twin(index) {
            let mut previous = Rng::for_entity(self.seed, Stream::Member, index - 1);
            (locale, name) = self.identity(&mut previous, index - 1);
        }
        let employment = self.skeleton.employment(index);
        let employer = match employment {
            Employment::Directory(c) => Some(self.company(c)),
            _ => None,
        };
        let function = &FUNCTIONS[rng.below(FUNCTIONS.len())];
        let level = titles::level(&mut rng);
        let (title, title_english) = match employer {
            Some(company) if !company.locale().local_titles.is_empty() && rng.chance(0.15) => {
                let (local, english) = *rng.pick(company.locale().local_titles);
                (local.to_owned(), Some(english))
            }
            _ => (titles::title(&mut rng, function, level), None),
        };
        let company_name = match employment {
            Employment::Directory(c) => {
                let company = self.company(c);
                variants::member_company_name(&mut rng, &company.core, company.legal, company.locale())
            }
            Employment::Freelance => {
                (*rng.pick(&["Freelance", "Self-employed", "Independent Consultant", ""])).to_owned()
            }
            Employment::Outside => super::companies::invent_name(&mut rng, locale),
        };
        let headline = titles::headline(&mut rng, function, &title, &company_name);
        let home = employer.map_or(locale, Company::locale);
        let location = location(&mut rng, home, employer.map(|c| usize::from(c.city)));
        let past_companies = self.past_positions(&mut rng, index, function, level);
        let mut work_email = employer.map(|c| work_address(&mut rng, &name, &c.domain, c.size));
        if self.skeleton.is_twin(index) {
            // The namesake colleague already has the plain address.
            work_email = work_email.map(|address| address.replacen('@', "2@", 1));
        }
        let emails = self.emails(&mut rng, index, &name, locale, work_email.as_deref());
        let record = MemberRecord {
            id: self.member_ids.id(index),
            first_name: name.first.clone(),
            last_name: name.last.clone(),
            headline,
            title,
            company_id: employer.map(|c| c.id.clone()),
            company_name,
            location,
            emails,
            past_companies,
        };
        Member { record, name, locale, title_english }
    }

    fn past_positions(
        &self,
        rng: &mut Rng,
        index: u64,
        function: &titles::Function,
        level: u8,
    ) -> Vec<PastPosition> {
        let mut level = level;
        self.skeleton
            .past(index)
            .iter()
            .map(|&c| {
                level = level.saturating_sub(rng.below(2) as u8);
                let company = self.company(c);
                let function =
                    if rng.chance(0.8) { function } else { &FUNCTIONS[rng.below(FUNCTIONS.len())] };
                PastPosition {
                    company_id: Some(company.id.clone()),
                    company_name: variants::member_company_name(
                        rng,
                        &company.core,
                        company.legal,
                        company.locale(),
                    ),
                    title: titles::title(rng, function, level.min(6)),
                }
            })
            .collect()
    }

    fn emails(
        &self,
        rng: &mut Rng,
        index: u64,
        name: &PersonName,
        locale: &Locale,
        work: Option<&str>,
    ) -> Vec<String> {
        let mut emails = Vec::new();
        if !rng.chance(0.38) {
            return emails;
        }
        if let Some(work) = work.filter(|_| rng.chance(0.7)) {
            emails.push(work.to_owned());
        }
        if emails.is_empty() || rng.chance(0.3) {
            emails.push(personal_address(rng, name, locale));
        }
        if let Some(&old) = self.skeleton.past(index).first().filter(|_| rng.chance(0.12)) {
            let old = self.company(old);
            emails.push(work_address(rng, name, &old.domain, old.size));
        }
        emails.dedup();
        emails
    }
}

/// `City, Region, Country`, a metro area, a region or country only, or nothing.
pub fn location(rng: &mut Rng, locale: &Locale, city: Option<usize>) -> String {
    let city = match city {
        Some(c) if rng.chance(0.6) => &locale.cities[c],
        _ => rng.pick(locale.cities),
    };
    match rng.below(40) {
        0..=24 => format!("{}, {}, {}", city.name, city.region, locale.country),
        25..=26 => format!("Greater {} Area", city.name),
        27 => format!("{} Metropolitan Area", city.name),
        28..=30 => format!("{}, {}", city.region, locale.country),
        31..=34 => locale.country.to_owned(),
        35..=37 => format!("{}, {}", city.name, locale.country),
        _ => String::new(),
    }
}

/// The lowercase ASCII form of a name part as it appears in addresses (`vanderberg`).
pub fn mail_part(text: &str) -> String {
    strip_accents(text).to_lowercase().chars().filter(char::is_ascii_alphanumeric).collect()
}

fn initial(text: &str) -> String {
    mail_part(text).chars().take(1).collect()
}

/// An address on the employer's domain in one of the common corporate patterns. Big employers
/// avoid the patterns that collide (`first@`), as their mail administrators must.
pub fn work_address(rng: &mut Rng, name: &PersonName, domain: &str, employees: u32) -> String {
    let first = mail_part(&name.first);
    let last = mail_part(&name.last);
    let patterns = match employees {
        0..30 => 10,
        30..300 => 6,
        _ => 4,
    };
    let local = match rng.below(patterns) {
        0..=2 => format!("{first}.{last}"),
        3 => format!("{first}_{last}"),
        4 => format!("{}{last}", initial(&name.first)),
        5 => format!("{}.{last}", initial(&name.first)),
        6..=7 => first.clone(),
        _ => format!("{first}{}", initial(&name.last)),
    };
    format!("{local}@{domain}")
}

/// A personal webmail address, often with a number.
pub fn personal_address(rng: &mut Rng, name: &PersonName, locale: &Locale) -> String {
    let first = mail_part(&name.first);
    let last = mail_part(&name.last);
    let number = match rng.below(3) {
        0 => String::new(),
        1 => format!("{}", rng.between(60, 99)),
        _ => format!("{}", rng.between(1, 999)),
    };
    let local = match rng.below(5) {
        0 => format!("{first}.{last}{number}"),
        1 => format!("{first}{last}{number}"),
        2 => format!("{first}_{last}{number}"),
        3 => format!("{}{last}{number}", initial(&name.first)),
        _ => format!("{last}.{first}{number}"),
    };
    let provider = if rng.chance(0.7) { rng.pick(locale.webmail) } else { &"gmail.com" };
    format!("{local}@{provider}")
}

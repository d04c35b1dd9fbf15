//! Companies: names in each country's style with its legal forms, a unique web domain, websites in
//! the forms directories store them, a heavy-tailed size and a short description.

use std::collections::HashSet;

use super::industries::{INDUSTRIES, Industry};
use super::locales::{LOCALES, Locale};
use super::names::{self, strip_accents};
use super::rng::{Rng, Stream};
use crate::formats::CompanyRecord;

/// A directory company, kept in memory while members refer to it.
#[derive(Debug, Clone)]
pub struct Company {
    pub id: String,
    /// The name without its legal form (`Müller Logistik`).
    pub core: String,
    /// The legal form as written after the core (`GmbH`, `, Inc.`), or `""`.
    pub legal: &'static str,
    pub domain: String,
    pub website: String,
    pub locale: u8,
    pub city: u8,
    pub industry: u8,
    pub size: u32,
    pub description: String,
}

impl Company {
    /// The display name: core plus legal form.
    pub fn name(&self) -> String {
        join_legal(&self.core, self.legal)
    }

    pub fn locale(&self) -> &'static Locale {
        &LOCALES[usize::from(self.locale)]
    }

    pub fn industry(&self) -> &'static Industry {
        &INDUSTRIES[usize::from(self.industry)]
    }

    /// `City, Region, Country`.
    pub fn location(&self) -> String {
        let locale = self.locale();
        let city = &locale.cities[usize::from(self.city)];
        format!("{}, {}, {}", city.name, city.region, locale.country)
    }

    pub fn record(&self) -> CompanyRecord {
        CompanyRecord {
            id: self.id.clone(),
            name: self.name(),
            industry: self.industry().name.to_owned(),
            location: self.location(),
            website: self.website.clone(),
            size: Some(i64::from(self.size)),
            description: self.description.clone(),
        }
    }
}

/// `Acme` + `, Inc.` → `Acme, Inc.`; `Acme` + `GmbH` → `Acme GmbH`.
pub fn join_legal(core: &str, legal: &str) -> String {
    match legal {
        "" => core.to_owned(),
        l if l.starts_with(',') => format!("{core}{l}"),
        l => format!("{core} {l}"),
    }
}

/// Generates all companies; domains are made unique in index order, so the result is deterministic.
pub fn generate_all(seed: u64, count: u64, ids: &super::ids::IdScheme) -> Vec<Company> {
    use rayon::prelude::*;
    let mut companies: Vec<(Company, bool)> =
        (0..count).into_par_iter().map(|index| draft(seed, index, ids.id(index))).collect();
    let mut taken = HashSet::with_capacity(companies.len());
    for k in 0..companies.len() {
        if companies[k].1 && k > 0 {
            companies[k].0.core = companies[k - 1].0.core.clone();
        }
        let company = &mut companies[k].0;
        let mut rng = Rng::for_entity(seed, Stream::Company, k as u64 ^ (1 << 40));
        company.domain = unique_domain(&mut rng, &company.core, company.locale(), &mut taken);
        company.website = stored_website(&mut rng, &company.domain);
    }
    companies.into_iter().map(|(company, _)| company).collect()
}

/// One company before domains are deduplicated; the flag asks for the previous company's name.
fn draft(seed: u64, index: u64, id: String) -> (Company, bool) {
    let mut rng = Rng::for_entity(seed, Stream::Company, index);
    let locale_index = rng.weighted(&super::locales::weights());
    let locale = &LOCALES[locale_index];
    let industry_index = rng.weighted(&super::industries::weights());
    let industry = &INDUSTRIES[industry_index];
    let city = rng.below(locale.cities.len());
    let core = core_name(&mut rng, locale, industry, city);
    let legal = if rng.chance(0.72) { *rng.pick(locale.legal_forms) } else { "" };
    let size = heavy_tailed_size(&mut rng);
    let description = describe(&mut rng, industry, locale.cities[city].name);
    let same_name_as_previous = rng.chance(0.01);
    let company = Company {
        id,
        core,
        legal,
        domain: String::new(),
        website: String::new(),
        locale: locale_index as u8,
        city: city as u8,
        industry: industry_index as u8,
        size,
        description,
    };
    (company, same_name_as_previous)
}

/// Employee counts: most companies are small, a few are very large (Pareto tail).
fn heavy_tailed_size(rng: &mut Rng) -> u32 {
    let u = 1.0 - rng.unit();
    let size = 3.0 * u.powf(-0.95) + rng.below(4) as f64;
    size.min(450_000.0) as u32
}

const ADJECTIVES: &[&str] = &[
    "Blue",
    "Summit",
    "North",
    "Silver",
    "Bright",
    "Pioneer",
    "Apex",
    "Crystal",
    "Evergreen",
    "Golden",
    "Harbor",
    "Iron",
    "Lighthouse",
    "Maple",
    "Meridian",
    "Oak",
    "Polar",
    "Red",
    "Sapphire",
    "Solar",
    "Stone",
    "Sun",
    "Western",
    "Eastern",
    "Global",
    "United",
    "Metro",
    "Pacific",
    "Atlantic",
    "Alpine",
    "Cedar",
    "Falcon",
    "Horizon",
    "Keystone",
    "Liberty",
    "Nova",
    "Orion",
    "Pinnacle",
    "Prime",
    "River",
    "Starlight",
    "Titan",
    "Vertex",
    "Vista",
    "Zenith",
    "Copper",
    "Emerald",
    "Integrated",
    "Advanced",
    "First",
    "Central",
    "Delta",
];
const NOUNS: &[&str] = &[
    "Ridge", "Path", "Point", "Bridge", "Peak", "Bay", "Field", "Gate", "Wave", "Water", "Rock", "Line",
    "Star", "Crest", "Light", "Leaf", "View", "Way", "Guardian", "Arrow", "Forge", "Harbor",
];
const BRAND_START: &[&str] = &[
    "Ae", "Zy", "Vel", "Jun", "Syn", "Pa", "Nov", "Quan", "Lum", "Ver", "Tri", "Oct", "Zel", "Kor", "Nex",
    "Ax", "Cel", "Dyn", "Ev", "Hel", "Ion", "Mer", "Opt", "Sol", "Tel", "Vor", "Xen", "Bri", "Cor", "Fl",
    "Gr", "Sy",
];
const BRAND_MIDDLE: &[&str] = &["a", "i", "o", "e", "u", "", "va", "ri", "lo"];
const BRAND_END: &[&str] = &[
    "zon", "gen", "lis", "itz", "ari", "um", "ex", "ia", "ova", "ix", "on", "ant", "ics", "ara", "ly", "io",
    "tra",
];
const CN_SYLLABLES: &[&str] = &[
    "Hua", "Xin", "Tian", "Zhong", "Long", "Jin", "Hai", "Da", "Kang", "Rui", "Sheng", "Tai", "Heng", "Yuan",
    "Guo", "Bao", "Fu", "Hong", "Xing", "Wei",
];

fn brand(rng: &mut Rng) -> String {
    format!("{}{}{}", rng.pick(BRAND_START), rng.pick(BRAND_MIDDLE), rng.pick(BRAND_END))
}

fn surname(rng: &mut Rng, locale: &Locale) -> String {
    let name = names::person(rng, locale);
    // Companies keep one surname even where people carry two.
    name.full_last.split(' ').next_back().unwrap_or(&name.full_last).to_owned()
}

/// A business word: the industry's own (English) or, abroad, often the local language's.
fn business_word(rng: &mut Rng, locale: &Locale, industry: &Industry) -> String {
    if locale.business_words.is_empty() || rng.chance(0.55) {
        (*rng.pick(industry.name_words)).to_owned()
    } else {
        (*rng.pick(locale.business_words)).to_owned()
    }
}

fn core_name(rng: &mut Rng, locale: &Locale, industry: &Industry, city: usize) -> String {
    if locale.city_prefixed_companies && rng.chance(0.6) {
        let brand = format!("{}{}", rng.pick(CN_SYLLABLES), rng.pick(CN_SYLLABLES).to_lowercase());
        return format!("{} {brand} {}", locale.cities[city].name, business_word(rng, locale, industry));
    }
    let word = business_word(rng, locale, industry);
    match rng.below(20) {
        0..=3 => format!("{} {word}", surname(rng, locale)),
        4 => format!("{} & {}", surname(rng, locale), surname(rng, locale)),
        5 => {
            let (a, b, c) = (surname(rng, locale), surname(rng, locale), surname(rng, locale));
            format!("{a}, {b} {} {c}", locale.and_word)
        }
        6 => format!("{}-{} {word}", surname(rng, locale), surname(rng, locale)),
        7 => format!("{} & Partners", surname(rng, locale)),
        8..=10 => format!("{} {word}", brand(rng)),
        11 => brand(rng),
        12..=14 => format!("{} {} {word}", rng.pick(ADJECTIVES), rng.pick(NOUNS)),
        15 => format!("{}{} {word}", rng.pick(ADJECTIVES), rng.pick(NOUNS).to_lowercase()),
        16 => format!("{} {word}", rng.pick(ADJECTIVES)),
        17 => format!(
            "The {} {}",
            rng.pick(ADJECTIVES),
            rng.pick(&["Agency", "Company", "Collective", "Group"])
        ),
        18 => {
            let letters: String =
                (0..rng.between(2, 4)).map(|_| (b'A' + rng.below(26) as u8) as char).collect();
            format!("{letters} {word}")
        }
        _ => format!("{} {} {word}", rng.pick(ADJECTIVES), brand(rng)),
    }
}

/// The name of a company outside the directory (a member's unknown employer, a CRM prospect).
pub fn invent_name(rng: &mut Rng, locale: &Locale) -> String {
    let (core, legal) = invent(rng, locale);
    join_legal(&core, legal)
}

/// Core name and legal form (maybe `""`) of a company outside the directory.
pub fn invent(rng: &mut Rng, locale: &Locale) -> (String, &'static str) {
    let industry = &INDUSTRIES[rng.weighted(&super::industries::weights())];
    let city = rng.below(locale.cities.len());
    let core = core_name(rng, locale, industry, city);
    let legal = if rng.chance(0.6) { *rng.pick(locale.legal_forms) } else { "" };
    (core, legal)
}

const AUDIENCES: &[&str] = &[
    "small businesses",
    "enterprises",
    "healthcare providers",
    "retailers",
    "the public sector",
    "families",
    "manufacturers",
    "startups",
    "financial institutions",
    "local communities",
];
const QUALITIES: &[&str] = &[
    "Integrated",
    "Innovative",
    "Trusted",
    "Leading",
    "Independent",
    "Award-winning",
    "Customer-focused",
    "Sustainable",
    "Data-driven",
    "Family-owned",
];
const OFFERS: &[&str] =
    &["platform", "partner", "provider", "solutions", "services", "products", "expertise"];

fn describe(rng: &mut Rng, industry: &Industry, city: &str) -> String {
    let word = rng.pick(industry.name_words);
    match rng.below(7) {
        0 => String::new(),
        1 => format!("{} {} for {}.", rng.pick(QUALITIES), rng.pick(OFFERS), rng.pick(AUDIENCES)),
        2 => format!("{word} company headquartered in {city}."),
        3 => format!("Family-owned since {}. {word} for {}.", rng.between(1890, 2015), rng.pick(AUDIENCES)),
        _ => format!(
            "{} {} for {}. {word} company headquartered in {city}.",
            rng.pick(QUALITIES),
            rng.pick(OFFERS),
            rng.pick(AUDIENCES)
        ),
    }
}

/// Lowercase ASCII words of a name, for domains and acronyms.
pub fn slug_words(core: &str) -> Vec<String> {
    strip_accents(core)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && *w != "the")
        .map(str::to_owned)
        .collect()
}

fn unique_domain(rng: &mut Rng, core: &str, locale: &Locale, taken: &mut HashSet<String>) -> String {
    let words = slug_words(core);
    let joined: String = words.concat();
    let mut candidates = Vec::with_capacity(6);
    match rng.below(6) {
        0 if words.len() > 1 => candidates.push(words.join("-")),
        1 if words.len() > 1 && words[0].len() >= 4 => candidates.push(words[0].clone()),
        2 if words.len() > 1 => {
            let initials: String = words[..words.len() - 1].iter().filter_map(|w| w.chars().next()).collect();
            candidates.push(format!("{initials}{}", words[words.len() - 1]));
        }
        _ => {}
    }
    candidates.push(joined.clone());
    candidates.push(words.join("-"));
    for suffix in ["group", "global", "hq", "online", "team"] {
        candidates.push(format!("{joined}{suffix}"));
    }
    let tld = *rng.pick(locale.tlds);
    for candidate in &candidates {
        let domain = format!("{candidate}.{tld}");
        if taken.insert(domain.clone()) {
            return domain;
        }
    }
    (2u32..)
        .map(|n| format!("{joined}{n}.{tld}"))
        .find(|domain| taken.insert(domain.clone()))
        .unwrap_or_else(|| format!("{joined}.{tld}"))
}

/// The website as a directory stores it: with or without scheme and `www`, sometimes empty.
fn stored_website(rng: &mut Rng, domain: &str) -> String {
    match rng.below(20) {
        0 => String::new(),
        1..=7 => format!("https://www.{domain}"),
        8..=9 => format!("http://www.{domain}"),
        10..=12 => format!("www.{domain}"),
        13..=15 => domain.to_owned(),
        16..=17 => format!("https://{domain}"),
        _ => format!("https://www.{domain}/"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::ids::IdScheme;
    use super::*;

    #[test]
    fn domains_are_unique_and_ids_increase() {
        let ids = IdScheme::new('c', 2_000, 5);
        let companies = generate_all(5, 2_000, &ids);
        let domains: HashSet<&str> = companies.iter().map(|c| c.domain.as_str()).collect();
        assert_eq!(domains.len(), companies.len());
        assert!(companies.windows(2).all(|w| w[0].id < w[1].id));
    }

    #[test]
    fn sizes_are_heavy_tailed() {
        let ids = IdScheme::new('c', 5_000, 5);
        let mut sizes: Vec<u32> = generate_all(5, 5_000, &ids).iter().map(|c| c.size).collect();
        sizes.sort_unstable();
        assert!(sizes[2_500] < 20, "median {}", sizes[2_500]);
        assert!(sizes[4_999] > 5_000, "largest {}", sizes[4_999]);
    }

    #[test]
    fn legal_forms_follow_the_country() {
        let ids = IdScheme::new('c', 3_000, 9);
        let companies = generate_all(9, 3_000, &ids);
        let german =
            companies.iter().find(|c| c.locale().country == "Germany" && !c.legal.is_empty()).unwrap();
        assert!(german.locale().legal_forms.contains(&german.legal));
        assert!(companies.iter().any(|c| c.name().ends_with("GmbH")));
        assert!(companies.iter().any(|c| c.name().ends_with("Inc.")));
    }
}

//! CRM accounts and opportunities with ground truth: directory companies as CRM users record them
//! (legal forms, abbreviations, deal names, picklist industries, partial locations, web addresses
//! in any form), plus companies that are not in the directory (new, look-alike, same name abroad).

use std::collections::BTreeSet;

use super::companies::{self, Company, join_legal};
use super::crm::{Crm, CrmRecord};
use super::graph::Employment;
use super::industries::INDUSTRIES;
use super::locales::{LOCALES, Locale};
use super::member_queries::{QueryContext, lookalike};
use super::names::{strip_accents, translit_variant};
use super::rng::{Rng, Stream};
use super::variants;
use crate::formats::TruthRecord;

#[derive(Debug, Default)]
struct Draft {
    name: Option<String>,
    industry: Option<String>,
    location: Option<String>,
    website: Option<String>,
    tags: BTreeSet<&'static str>,
}

/// Query `index` and its truth line.
pub fn company_query(ctx: &QueryContext<'_>, index: u64) -> (CrmRecord, TruthRecord) {
    let mut rng = Rng::for_entity(ctx.world.seed, Stream::CompanyQuery, index);
    let crm = Crm::draw(&mut rng);
    let object = if rng.chance(0.7) { "account" } else { "opportunity" };
    let record_id = crm.record_id(&mut rng, object);
    let company_index = pick_company(ctx, &mut rng);
    let company = &ctx.world.companies[company_index as usize];
    let roll = rng.unit();
    let (mut draft, entity_id, ambiguous) = if roll < 0.06 {
        (new_company(ctx, &mut rng, crm), None, false)
    } else if roll < 0.12 {
        (near_duplicate(ctx, &mut rng, company, crm), None, false)
    } else if roll < 0.17 {
        (same_name_elsewhere(ctx, &mut rng, company, crm), None, false)
    } else {
        let draft = existing(&mut rng, company, crm);
        let ambiguous = is_ambiguous(ctx, company_index, &draft);
        (draft, Some(company.id.clone()), ambiguous)
    };
    if object == "opportunity" && rng.chance(0.75) {
        draft.name = draft.name.map(|name| format!("{name}{}", deal_suffix(&mut rng)));
        draft.tags.insert("opp_deal_suffix");
    }
    let mut query = CrmRecord::new(&record_id, crm, object);
    query.put(&mut rng, "name", draft.name);
    query.put(&mut rng, "industry", draft.industry);
    query.put(&mut rng, "location", draft.location);
    query.put(&mut rng, "website", draft.website);
    let tags = draft.tags.into_iter().map(str::to_owned).collect();
    (query, TruthRecord { record_id, entity_id, ambiguous, tags })
}

/// Half uniformly, half by head count (CRMs hold big customers more often).
fn pick_company(ctx: &QueryContext<'_>, rng: &mut Rng) -> u32 {
    let members = ctx.world.skeleton.members() as usize;
    if rng.chance(0.5)
        && let Employment::Directory(c) = ctx.world.skeleton.employment(rng.below(members) as u64)
    {
        return c;
    }
    rng.below(ctx.world.companies.len()) as u32
}

/// Another directory company with the same name fits unless website or country tells them apart.
fn is_ambiguous(ctx: &QueryContext<'_>, company: u32, draft: &Draft) -> bool {
    let own = &ctx.world.companies[company as usize];
    let others: Vec<&Company> = ctx
        .companies
        .named(&own.core)
        .iter()
        .filter(|&&k| k != company)
        .map(|&k| &ctx.world.companies[k as usize])
        .collect();
    if others.is_empty() || draft.website.is_some() || draft.name.is_none() {
        return false;
    }
    let country = own.locale().country;
    match &draft.location {
        Some(_) => others.iter().any(|o| o.locale().country == country),
        None => true,
    }
}

fn existing(rng: &mut Rng, company: &Company, crm: Crm) -> Draft {
    let mut draft = Draft::default();
    draft.name = Some(name_noise(rng, company, &mut draft.tags));
    draft.industry = industry_noise(rng, company, crm, &mut draft.tags);
    draft.location = location_noise(rng, company.locale(), usize::from(company.city), &mut draft.tags);
    draft.website = website_noise(rng, company, &mut draft.tags);
    draft
}

fn name_noise(rng: &mut Rng, company: &Company, tags: &mut BTreeSet<&'static str>) -> String {
    let locale = company.locale();
    let mut core = company.core.clone();
    let mut legal = company.legal.to_owned();
    if rng.chance(0.4) {
        core = variants::legal_change(rng, &core, &legal, locale);
        legal.clear();
        tags.insert("name_legal");
    }
    let roll = rng.unit();
    if roll < 0.05 {
        if let Some(short) = variants::abbreviation(rng, &core) {
            core = short;
            tags.insert("name_abbrev");
        }
    } else if roll < 0.08 {
        if let Some(acronym) = variants::acronym(rng, &company.core) {
            core = acronym;
            tags.insert("name_acronym");
        }
    } else if roll < 0.13 {
        core = variants::division(rng, &core);
        tags.insert("name_division");
    } else if roll < 0.17 {
        core = variants::the_swap(&core);
        tags.insert("name_the");
    } else if roll < 0.19 {
        tags.insert("name_domain");
        return company.domain.clone();
    }
    if let Some(swapped) = variants::and_swap(&core, locale).filter(|_| rng.chance(0.4)) {
        core = swapped;
        tags.insert("name_and");
    }
    if rng.chance(0.05) {
        core = variants::typo(rng, &core);
        tags.insert("name_typo");
    }
    if !core.is_ascii() && rng.chance(0.35) {
        core = if rng.chance(0.5) {
            let words: Vec<String> =
                core.split(' ').map(|w| translit_variant(rng, w).unwrap_or_else(|| w.to_owned())).collect();
            words.join(" ")
        } else {
            strip_accents(&core)
        };
        tags.insert("name_diacritics");
    }
    let mut name = join_legal(&core, &legal);
    if rng.chance(0.06) {
        name = variants::case_noise(rng, &name);
        tags.insert("name_case");
    }
    name
}

fn industry_noise(
    rng: &mut Rng,
    company: &Company,
    crm: Crm,
    tags: &mut BTreeSet<&'static str>,
) -> Option<String> {
    let industry = company.industry();
    let roll = rng.unit();
    if roll < 0.22 {
        tags.insert("ind_missing");
        None
    } else if roll < 0.47 {
        tags.insert("ind_picklist");
        Some(match crm {
            Crm::Salesforce => industry.salesforce.to_owned(),
            Crm::Dynamics => industry.dynamics.to_owned(),
        })
    } else if roll < 0.52 {
        tags.insert("ind_wrong");
        Some(INDUSTRIES[rng.below(INDUSTRIES.len())].name.to_owned())
    } else {
        Some(industry.name.to_owned())
    }
}

/// The location at whatever granularity the CRM user typed.
fn location_noise(
    rng: &mut Rng,
    locale: &Locale,
    city: usize,
    tags: &mut BTreeSet<&'static str>,
) -> Option<String> {
    let hq = &locale.cities[city];
    let roll = rng.below(100);
    let (tag, text) = match roll {
        0..=19 => ("loc_missing", None),
        20..=44 => ("loc_full", Some(format!("{}, {}, {}", hq.name, hq.region, locale.country))),
        45..=55 => ("loc_city", Some(hq.name.to_owned())),
        56..=64 => ("loc_city_region", Some(format!("{}, {}", hq.name, hq.region))),
        65..=72 if !hq.region_abbr.is_empty() => {
            if locale.country == "United States" && rng.chance(0.3) {
                (
                    "loc_city_abbr_zip",
                    Some(format!("{}, {} {:05}", hq.name, hq.region_abbr, rng.below(99_999))),
                )
            } else if rng.chance(0.2) {
                ("loc_nocomma", Some(format!("{} {}", hq.name, hq.region_abbr)))
            } else {
                ("loc_city_abbr", Some(format!("{}, {}", hq.name, hq.region_abbr)))
            }
        }
        65..=78 => ("loc_city_country", Some(format!("{}, {}", hq.name, locale.country))),
        79..=83 => ("loc_country", Some(locale.country.to_owned())),
        84..=85 => ("loc_country_local", Some(locale.country_local.to_owned())),
        86..=90 if !hq.exonym.is_empty() => {
            ("loc_exonym", Some(format!("{}, {}", hq.exonym, locale.country_local)))
        }
        86..=92 => ("loc_region", Some(format!("{}, {}", hq.region, locale.country))),
        _ => {
            let branch = rng.pick(locale.cities);
            ("loc_branch", Some(format!("{}, {}, {}", branch.name, branch.region, locale.country)))
        }
    };
    tags.insert(tag);
    text
}

/// The website: missing, as stored, another form of the same domain, a path, or another TLD.
fn website_noise(rng: &mut Rng, company: &Company, tags: &mut BTreeSet<&'static str>) -> Option<String> {
    let domain = &company.domain;
    if company.website.is_empty() {
        return rng.chance(0.5).then(|| {
            tags.insert("web_unlisted");
            format!("www.{domain}")
        });
    }
    let roll = rng.below(100);
    let (tag, website) = match roll {
        0..=29 => ("web_missing", None),
        30..=54 => ("web_same", Some(company.website.clone())),
        55..=74 => {
            let form = rng.pick(&["http://", "https://", "www.", "", "http://www.", "https://www."]);
            ("web_form", Some(format!("{form}{domain}")))
        }
        75..=84 => {
            let path = rng.pick(&["/about-us", "/en/", "/contact", "/de/", "/home", "/", "/index.html"]);
            ("web_path", Some(format!("https://www.{domain}{path}")))
        }
        85..=89 => ("web_case", Some(format!("WWW.{}", domain.to_uppercase()))),
        _ => {
            let label = domain.split('.').next().unwrap_or(domain);
            let tld = if domain.ends_with(".com") { "net" } else { "com" };
            ("web_other_tld", Some(format!("www.{label}.{tld}")))
        }
    };
    tags.insert(tag);
    website
}

fn deal_suffix(rng: &mut Rng) -> String {
    match rng.below(8) {
        0 => format!(" - Renewal {}", rng.between(2022, 2027)),
        1 => " - New Business".to_owned(),
        2 => " Multi-year Deal".to_owned(),
        3 => format!(" - Q{} Expansion", rng.between(1, 4)),
        4 => " | Platform upgrade".to_owned(),
        5 => format!(" - {} seats", rng.between(5, 500)),
        6 => " (Upsell)".to_owned(),
        _ => " Pilot".to_owned(),
    }
}

fn industry_field(rng: &mut Rng, crm: Crm) -> Option<String> {
    let industry = &INDUSTRIES[rng.below(INDUSTRIES.len())];
    match rng.below(4) {
        0 => None,
        1 => Some(match crm {
            Crm::Salesforce => industry.salesforce.to_owned(),
            Crm::Dynamics => industry.dynamics.to_owned(),
        }),
        _ => Some(industry.name.to_owned()),
    }
}

/// A company that is not in the directory.
fn new_company(ctx: &QueryContext<'_>, rng: &mut Rng, crm: Crm) -> Draft {
    let locale = &LOCALES[rng.weighted(&super::locales::weights())];
    let mut draft = Draft::default();
    draft.tags.insert("nomatch_new");
    let invented =
        (0..8).map(|_| companies::invent(rng, locale)).find(|(core, _)| ctx.companies.named(core).is_empty());
    if let Some((core, legal)) = invented {
        let domain = format!("{}.{}", variants::domain_label(&core), rng.pick(locale.tlds));
        draft.website =
            (!ctx.companies.has_domain(&domain) && rng.chance(0.6)).then_some(format!("www.{domain}"));
        draft.name = Some(join_legal(&core, legal));
    }
    draft.industry = industry_field(rng, crm);
    let city = rng.below(locale.cities.len());
    draft.location = location_noise(rng, locale, city, &mut BTreeSet::new());
    draft
}

/// A company whose name is one word away from a directory company's.
fn near_duplicate(ctx: &QueryContext<'_>, rng: &mut Rng, company: &Company, crm: Crm) -> Draft {
    let Some(core) = lookalike(rng, ctx.companies, &company.core) else {
        return new_company(ctx, rng, crm);
    };
    let locale = company.locale();
    let mut draft = Draft { name: Some(join_legal(&core, company.legal)), ..Draft::default() };
    draft.tags.insert("nomatch_neardup");
    let city = if rng.chance(0.5) { usize::from(company.city) } else { rng.below(locale.cities.len()) };
    draft.location = location_noise(rng, locale, city, &mut BTreeSet::new());
    let domain = format!("{}.{}", variants::domain_label(&core), rng.pick(locale.tlds));
    draft.website =
        (!ctx.companies.has_domain(&domain) && rng.chance(0.5)).then_some(format!("https://www.{domain}"));
    draft.industry = rng.chance(0.6).then(|| company.industry().name.to_owned());
    let _ = crm;
    draft
}

/// A different company with a directory company's name, in another country and on another domain.
fn same_name_elsewhere(ctx: &QueryContext<'_>, rng: &mut Rng, company: &Company, crm: Crm) -> Draft {
    let own_country = company.locale().country;
    let others: Vec<&Locale> = LOCALES
        .iter()
        .filter(|l| l.country != own_country)
        .filter(|l| {
            !ctx.companies
                .named(&company.core)
                .iter()
                .any(|&k| ctx.world.companies[k as usize].locale().country == l.country)
        })
        .collect();
    if others.is_empty() {
        return new_company(ctx, rng, crm);
    }
    let locale = *rng.pick(&others);
    let legal = if rng.chance(0.6) { *rng.pick(locale.legal_forms) } else { "" };
    let mut draft = Draft { name: Some(join_legal(&company.core, legal)), ..Draft::default() };
    draft.tags.insert("nomatch_samename");
    let city = rng.below(locale.cities.len());
    let location = &locale.cities[city];
    draft.location = Some(format!("{}, {}", location.name, locale.country));
    let domain = format!("{}.{}", variants::domain_label(&company.core), rng.pick(locale.tlds));
    draft.website = (domain != company.domain && !ctx.companies.has_domain(&domain) && rng.chance(0.6))
        .then_some(format!("www.{domain}"));
    draft.industry = industry_field(rng, crm);
    draft
}

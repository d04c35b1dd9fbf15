//! CRM leads and contacts with ground truth: directory members seen through CRM data entry
//! (nicknames, typos, stale employers, missing fields…), plus people who are not in the directory
//! (namesakes, newcomers at directory companies, strangers) and same-name colleagues.

use std::collections::BTreeSet;

use super::companies::{self, Company, join_legal};
use super::crm::{self, Crm, CrmRecord};
use super::graph::Employment;
use super::locales::{LOCALES, Locale};
use super::members::{Member, World, personal_address, work_address};
use super::names::{self, PersonName, strip_accents, translit_variant};
use super::query_index::{CompanyIndex, NameIndex};
use super::rng::{Rng, Stream};
use super::titles::{self, FUNCTIONS};
use super::variants;
use crate::formats::TruthRecord;

/// Everything query generation reads.
pub struct QueryContext<'a> {
    pub world: &'a World<'a>,
    pub names: &'a NameIndex,
    pub companies: &'a CompanyIndex,
}

impl QueryContext<'_> {
    /// Members with this name at `company` or at any company of the same name: a CRM user's
    /// company field cannot tell those apart.
    fn namesakes_at(&self, first: &str, last: &str, company: u32) -> u32 {
        let core = &self.world.companies[company as usize].core;
        let same_name = self.companies.named(core);
        let companies = if same_name.is_empty() { std::slice::from_ref(&company) } else { same_name };
        companies.iter().map(|&c| self.names.with_name_at(first, last, c)).sum()
    }
}

/// Titles so common at the top that they tell no one apart.
const GENERIC_TITLES: &[&str] = &["CEO", "Founder", "Owner", "President", "Managing Director", "Partner"];

/// The fields of one lead or contact as typed, and what was done to them.
#[derive(Debug, Default)]
struct Draft {
    first: Option<String>,
    last: Option<String>,
    company: Option<String>,
    title: Option<String>,
    email: Option<String>,
    tags: BTreeSet<&'static str>,
}

/// Which directory fact the query's company field points at, for the ambiguity check.
enum CompanyEvidence {
    Directory(u32),
    /// The employer outside the directory as the member shows it: it singles the member out.
    OwnWords,
    None,
}

/// Query `index` and its truth line.
pub fn member_query(ctx: &QueryContext<'_>, index: u64) -> (CrmRecord, TruthRecord) {
    let mut rng = Rng::for_entity(ctx.world.seed, Stream::MemberQuery, index);
    let crm = Crm::draw(&mut rng);
    let object = if rng.chance(0.55) { "lead" } else { "contact" };
    let record_id = crm.record_id(&mut rng, object);
    let roll = rng.unit();
    let (draft, entity_id, ambiguous) = if roll < 0.05 {
        (namesake(ctx, &mut rng), None, false)
    } else if roll < 0.075 {
        (namesake_at_lookalike(ctx, &mut rng), None, false)
    } else if roll < 0.125 {
        (newcomer_at_directory_company(ctx, &mut rng), None, false)
    } else if roll < 0.17 {
        (stranger(ctx, &mut rng), None, false)
    } else if roll < 0.195 {
        let member = find_twin(ctx, &mut rng);
        let (mut draft, id, ambiguous) = existing(ctx, &mut rng, member);
        draft.tags.insert("twin");
        (draft, Some(id), ambiguous)
    } else {
        let member = rng.below(ctx.world.skeleton.members() as usize) as u64;
        let (draft, id, ambiguous) = existing(ctx, &mut rng, member);
        (draft, Some(id), ambiguous)
    };
    let mut query = CrmRecord::new(&record_id, crm, object);
    query.put(&mut rng, "first_name", draft.first);
    query.put(&mut rng, "last_name", draft.last);
    query.put(&mut rng, "company", draft.company);
    query.put(&mut rng, "title", draft.title);
    query.put(&mut rng, "email", draft.email);
    let tags = draft.tags.into_iter().map(str::to_owned).collect();
    (query, TruthRecord { record_id, entity_id, ambiguous, tags })
}

/// A member whose employer also employs a same-name member (the one before it).
fn find_twin(ctx: &QueryContext<'_>, rng: &mut Rng) -> u64 {
    let members = ctx.world.skeleton.members();
    let start = rng.below(members as usize) as u64;
    (0..members.min(20_000))
        .map(|step| (start + step) % members)
        .find(|&i| ctx.world.skeleton.is_twin(i))
        .map_or(start, |twin| if rng.chance(0.5) { twin } else { twin - 1 })
}

/// A directory member as a CRM user entered them; returns the draft, the member id and whether
/// another member fits the query's evidence as well.
fn existing(ctx: &QueryContext<'_>, rng: &mut Rng, index: u64) -> (Draft, String, bool) {
    let member = ctx.world.member(index);
    let mut draft = Draft::default();
    name_noise(rng, &member, &mut draft);
    let evidence = company_noise(ctx, rng, &member, index, &mut draft);
    title_noise(ctx, rng, &member, index, &mut draft);
    let email_identifies = email_noise(ctx, rng, &member, index, &mut draft);
    let record = &member.record;
    let namesakes = match evidence {
        CompanyEvidence::Directory(c) => ctx.namesakes_at(&record.first_name, &record.last_name, c),
        CompanyEvidence::OwnWords => 1,
        CompanyEvidence::None => ctx.names.with_name(&record.first_name, &record.last_name),
    };
    // Titles are drawn independently, so a real title tells same-name people apart.
    let title_informs = draft.title.as_deref().is_some_and(|t| !GENERIC_TITLES.contains(&t))
        && !draft.tags.contains("title_junk");
    let ambiguous = namesakes > 1 && !email_identifies && !title_informs;
    (draft, record.id.clone(), ambiguous)
}

fn name_noise(rng: &mut Rng, member: &Member, draft: &mut Draft) {
    let name = &member.name;
    let mut first = member.record.first_name.clone();
    let mut last = member.record.last_name.clone();
    let tags = &mut draft.tags;
    let stripped_by_member = strip_accents(&name.full_last) == last && name.full_last != last;
    let nicks = names::nicknames_of(&name.formal_first);
    if name.uses_nickname() && rng.chance(0.45) {
        first = name.formal_first.clone();
        tags.insert("nick_formal");
    } else if !nicks.is_empty() && !name.uses_nickname() && rng.chance(0.1) {
        first = (*rng.pick(nicks)).to_owned();
        tags.insert("nickname");
    } else if rng.chance(0.3)
        && let Some(variant) = translit_either(rng, &mut first, &mut last)
    {
        tags.insert(variant);
    } else if !(first.is_ascii() && last.is_ascii()) && rng.chance(0.35) {
        first = strip_accents(&first);
        last = strip_accents(&last);
        tags.insert("diacritics_strip");
    } else if stripped_by_member && rng.chance(0.4) {
        first = name.formal_first.clone();
        last = name.full_last.clone();
        tags.insert("diacritics_added");
    }
    if (last.contains(' ') || last.contains('-')) && rng.chance(0.25) {
        last = partial_surname(rng, &last);
        tags.insert("compound_partial");
    }
    if first.contains('-') && rng.chance(0.3) {
        first = first.replace('-', if rng.chance(0.6) { " " } else { "" });
        tags.insert("hyphen_variant");
    }
    if rng.chance(0.03) {
        first = variants::typo(rng, &first);
        tags.insert("typo_first");
    }
    if rng.chance(0.04) {
        last = variants::typo(rng, &last);
        tags.insert("typo_last");
    }
    if rng.chance(0.04) {
        first = format!("{first} {}.", char::from(b'A' + rng.below(26) as u8));
        tags.insert("middle_initial");
    } else if rng.chance(0.02) {
        first = format!("{}.", first.chars().next().unwrap_or('X'));
        tags.insert("initial_first");
    }
    if rng.chance(0.02) {
        if rng.chance(0.5) {
            first = format!("{} {first}", rng.pick(&["Dr.", "Dr", "Prof.", "Mr.", "Ms."]));
        } else {
            last = format!("{last}{}", rng.pick(&[" Jr.", ", PhD", " MBA", " III", " Sr.", ", CPA"]));
        }
        tags.insert("prefix_suffix");
    }
    if name.female && rng.chance(0.012) {
        last = names::person(rng, member.locale).full_last;
        tags.insert("married_name");
    }
    if rng.chance(0.05) {
        if rng.chance(0.5) {
            first = variants::case_noise(rng, &first);
        }
        last = variants::case_noise(rng, &last);
        tags.insert("case_name");
    }
    if rng.chance(0.03) {
        last = variants::whitespace_noise(rng, &last);
        tags.insert("ws_punct");
    }
    let roll = rng.unit();
    let (first, last) = if roll < 0.025 {
        tags.insert("swap");
        (Some(last), Some(first))
    } else if roll < 0.04 {
        tags.insert("fullname_in_first");
        let keep_last = rng.chance(0.5);
        (Some(format!("{first} {last}")), keep_last.then_some(last))
    } else if roll < 0.055 {
        tags.insert("first_missing");
        (None, Some(last))
    } else {
        (Some(first), Some(last))
    };
    draft.first = first;
    draft.last = last;
}

/// Replaces the first or last name by another spelling; returns the tag when one existed.
fn translit_either(rng: &mut Rng, first: &mut String, last: &mut String) -> Option<&'static str> {
    let (a, b) = if rng.chance(0.5) { (first, last) } else { (last, first) };
    if let Some(variant) = translit_variant(rng, a) {
        *a = variant;
    } else {
        *b = translit_variant(rng, b)?;
    }
    Some("translit_variant")
}

/// One part of a compound surname (`Berg` of `van den Berg`, `García` of `García López`).
fn partial_surname(rng: &mut Rng, last: &str) -> String {
    let parts: Vec<&str> = last.split([' ', '-']).filter(|p| !p.is_empty()).collect();
    let particle = |p: &&str| p.chars().next().is_some_and(char::is_lowercase);
    let meaningful: Vec<&str> = parts.iter().copied().filter(|p| !particle(p)).collect();
    match meaningful.as_slice() {
        [] => last.to_owned(),
        // Particles capitalised, as forms often force (`Van Den Berg`).
        [_] if rng.chance(0.3) && parts.len() > 1 => variants::case_noise(rng, last),
        many => (*rng.pick(many)).to_owned(),
    }
}

fn company_noise(
    ctx: &QueryContext<'_>,
    rng: &mut Rng,
    member: &Member,
    index: u64,
    draft: &mut Draft,
) -> CompanyEvidence {
    let tags = &mut draft.tags;
    match ctx.world.skeleton.employment(index) {
        Employment::Freelance => {
            if rng.chance(0.5) {
                draft.company =
                    Some((*rng.pick(&["Self-employed", "Freelance", "Independent", "Self"])).to_owned());
                tags.insert("company_freelance");
            } else {
                tags.insert("company_missing");
            }
            CompanyEvidence::None
        }
        Employment::Outside => {
            if rng.chance(0.7) && !member.record.company_name.is_empty() {
                draft.company = Some(member.record.company_name.clone());
                tags.insert("company_outside");
                CompanyEvidence::OwnWords
            } else {
                tags.insert("company_missing");
                CompanyEvidence::None
            }
        }
        Employment::Directory(c) => {
            let past = ctx.world.skeleton.past(index);
            let roll = rng.unit();
            if roll < 0.07 {
                tags.insert("company_missing");
                CompanyEvidence::None
            } else if roll < 0.09 {
                draft.company = Some((*rng.pick(crm::PLACEHOLDERS)).to_owned());
                tags.insert("company_placeholder");
                CompanyEvidence::None
            } else if roll < 0.15 && !past.is_empty() {
                let old = past[0];
                let company = &ctx.world.companies[old as usize];
                draft.company = Some(corrupt_company_name(rng, company, tags));
                tags.insert("company_stale");
                CompanyEvidence::Directory(old)
            } else if roll < 0.17 {
                let company = &ctx.world.companies[c as usize];
                draft.company = Some(company.domain.clone());
                tags.insert("co_domain");
                CompanyEvidence::Directory(c)
            } else {
                let company = &ctx.world.companies[c as usize];
                let shown = &member.record.company_name;
                if *shown != company.name() && rng.chance(0.5) {
                    draft.company = Some(shown.clone());
                    tags.insert("company_member_variant");
                } else {
                    draft.company = Some(corrupt_company_name(rng, company, tags));
                }
                CompanyEvidence::Directory(c)
            }
        }
    }
}

/// The company name with zero or more CRM-typing corruptions, tagged `co_*`.
fn corrupt_company_name(rng: &mut Rng, company: &Company, tags: &mut BTreeSet<&'static str>) -> String {
    let locale = company.locale();
    let mut core = company.core.clone();
    let mut legal = company.legal.to_owned();
    let mut changed_legal = false;
    if rng.chance(0.3) {
        let rewritten = variants::legal_change(rng, &core, &legal, locale);
        tags.insert("co_legal");
        changed_legal = true;
        legal.clear();
        core = rewritten;
    }
    let roll = rng.unit();
    if roll < 0.04 {
        if let Some(short) = variants::abbreviation(rng, &core) {
            core = short;
            tags.insert("co_abbrev");
        }
    } else if roll < 0.07 {
        if let Some(acronym) = variants::acronym(rng, &company.core) {
            core = acronym;
            legal = if changed_legal { String::new() } else { company.legal.to_owned() };
            tags.insert("co_acronym");
        }
    } else if roll < 0.11 {
        core = variants::division(rng, &core);
        tags.insert("co_division");
    } else if roll < 0.14 {
        core = variants::the_swap(&core);
        tags.insert("co_the");
    }
    if let Some(swapped) = variants::and_swap(&core, locale).filter(|_| rng.chance(0.4)) {
        core = swapped;
        tags.insert("co_and");
    }
    if rng.chance(0.04) {
        core = variants::typo(rng, &core);
        tags.insert("co_typo");
    }
    if !core.is_ascii() && rng.chance(0.3) {
        core = strip_accents(&core);
        tags.insert("co_diacritics");
    }
    let mut name = join_legal(&core, &legal);
    if rng.chance(0.05) {
        name = variants::case_noise(rng, &name);
        tags.insert("co_case");
    }
    name
}

fn title_noise(ctx: &QueryContext<'_>, rng: &mut Rng, member: &Member, index: u64, draft: &mut Draft) {
    let title = &member.record.title;
    let tags = &mut draft.tags;
    let roll = rng.unit();
    draft.title = if title.is_empty() || roll < 0.3 {
        tags.insert("title_missing");
        None
    } else if roll < 0.35 && !ctx.world.skeleton.past(index).is_empty() {
        tags.insert("title_stale");
        member.record.past_companies.first().map(|p| p.title.clone())
    } else if let Some(english) = member.title_english.filter(|_| roll < 0.55) {
        tags.insert("title_local_en");
        Some(english.to_owned())
    } else if roll < 0.55 {
        match titles::variant(rng, title) {
            Some(variant) => {
                tags.insert("title_variant");
                Some(variant)
            }
            None => Some(title.clone()),
        }
    } else if roll < 0.58 {
        tags.insert("title_case");
        Some(variants::case_noise(rng, title))
    } else if roll < 0.60 {
        tags.insert("title_typo");
        Some(variants::typo(rng, title))
    } else if roll < 0.61 {
        tags.insert("title_junk");
        Some((*rng.pick(&["x", "?", "test", "Mr.", "Ms.", "-", "Employee", "Staff"])).to_owned())
    } else {
        Some(title.clone())
    };
}

/// Sets the e-mail field; returns whether it is one of the member's directory addresses.
fn email_noise(
    ctx: &QueryContext<'_>,
    rng: &mut Rng,
    member: &Member,
    index: u64,
    draft: &mut Draft,
) -> bool {
    let tags = &mut draft.tags;
    let listed = &member.record.emails;
    let employer = match ctx.world.skeleton.employment(index) {
        Employment::Directory(c) => Some(&ctx.world.companies[c as usize]),
        _ => None,
    };
    let kind_of = |address: &str| -> &'static str {
        let domain = address.rsplit('@').next().unwrap_or("");
        if employer.is_some_and(|c| c.domain == domain) {
            "email_work"
        } else if ctx
            .world
            .skeleton
            .past(index)
            .iter()
            .any(|&p| ctx.world.companies[p as usize].domain == domain)
        {
            "email_stale"
        } else {
            "email_personal"
        }
    };
    let email = if !listed.is_empty() && rng.chance(0.55) {
        Some(rng.pick(listed).clone())
    } else {
        let roll = rng.unit();
        match employer {
            Some(company) if roll < 0.22 => {
                Some(work_address(rng, &member.name, &company.domain, company.size))
            }
            _ if roll < 0.34 => Some(personal_address(rng, &member.name, member.locale)),
            _ => None,
        }
    };
    let in_directory = email.as_ref().is_some_and(|address| listed.contains(address));
    // An unlisted address that another member lists would point at that member instead.
    let mut email = email.filter(|address| in_directory || ctx.names.email_owners(address) == 0);
    let shared = email.as_ref().is_some_and(|address| ctx.names.email_owners(address) > 1);
    let Some(address) = email.as_mut() else {
        tags.insert("email_missing");
        return false;
    };
    tags.insert(kind_of(address));
    tags.insert(if in_directory { "email_dir" } else { "email_unlisted" });
    if rng.chance(0.08) {
        *address = if rng.chance(0.5) { address.to_uppercase() } else { capitalize_local_part(address) };
        tags.insert("email_case");
    }
    if shared {
        tags.insert("email_shared");
    }
    draft.email = email;
    in_directory && !shared
}

fn capitalize_local_part(address: &str) -> String {
    let mut chars = address.chars();
    chars.next().map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

/// A random title and maybe an address on `domain` (never one a member lists), for people
/// outside the directory.
fn outsider_details(
    ctx: &QueryContext<'_>,
    rng: &mut Rng,
    name: &PersonName,
    locale: &Locale,
    domain: Option<&str>,
    draft: &mut Draft,
) {
    let function = &FUNCTIONS[rng.below(FUNCTIONS.len())];
    let level = titles::level(rng);
    draft.title = rng.chance(0.65).then(|| titles::title(rng, function, level));
    let roll = rng.unit();
    draft.email = match domain {
        Some(domain) if roll < 0.35 => Some(work_address(rng, name, domain, 1_000)),
        _ if roll < 0.45 => Some(personal_address(rng, name, locale)),
        _ => None,
    }
    .filter(|address| ctx.names.email_owners(address) == 0);
}

/// Someone who shares a directory member's name but works elsewhere, where no namesake works.
fn namesake(ctx: &QueryContext<'_>, rng: &mut Rng) -> Draft {
    let members = ctx.world.skeleton.members() as usize;
    let member = ctx.world.member(rng.below(members) as u64);
    let (first, last) = (&member.record.first_name, &member.record.last_name);
    let mut draft = Draft { first: Some(first.clone()), last: Some(last.clone()), ..Draft::default() };
    draft.tags.insert("nomatch_namesake");
    let other = (0..8)
        .map(|_| rng.below(ctx.world.companies.len()) as u32)
        .find(|&c| ctx.namesakes_at(first, last, c) == 0);
    let domain = match other {
        Some(c) => {
            let company = &ctx.world.companies[c as usize];
            draft.company = Some(corrupt_company_name(rng, company, &mut BTreeSet::new()));
            Some(company.domain.clone())
        }
        None => None,
    };
    outsider_details(ctx, rng, &member.name, member.locale, domain.as_deref(), &mut draft);
    draft
}

/// A directory member's namesake at a company whose name resembles the member's employer.
fn namesake_at_lookalike(ctx: &QueryContext<'_>, rng: &mut Rng) -> Draft {
    let members = ctx.world.skeleton.members() as usize;
    let index = rng.below(members) as u64;
    let member = ctx.world.member(index);
    let Employment::Directory(c) = ctx.world.skeleton.employment(index) else {
        return namesake(ctx, rng);
    };
    let company = &ctx.world.companies[c as usize];
    let Some(core) = lookalike(rng, ctx.companies, &company.core) else {
        return namesake(ctx, rng);
    };
    let mut draft = Draft {
        first: Some(member.record.first_name.clone()),
        last: Some(member.record.last_name.clone()),
        company: Some(join_legal(&core, company.legal)),
        ..Draft::default()
    };
    draft.tags.insert("nomatch_namesake_lookalike_company");
    let domain = format!("{}.{}", variants::domain_label(&core), rng.pick(company.locale().tlds));
    let domain = (!ctx.companies.has_domain(&domain)).then_some(domain);
    outsider_details(ctx, rng, &member.name, member.locale, domain.as_deref(), &mut draft);
    draft
}

/// A company name one word away from `core` that no directory company has. Only whole words
/// change: a one-letter difference would be indistinguishable from a typo of the real company.
pub fn lookalike(rng: &mut Rng, index: &CompanyIndex, core: &str) -> Option<String> {
    const SWAPS: &[&str] = &[
        "Group",
        "Partners",
        "Solutions",
        "Systems",
        "Holdings",
        "Labs",
        "Consulting",
        "Services",
        "Technologies",
        "Capital",
        "Health",
        "Logistics",
        "Media",
        "Digital",
        "Industries",
        "Ventures",
        "Works",
        "Global",
    ];
    let words: Vec<&str> = core.split(' ').collect();
    if words.len() < 2 {
        return None;
    }
    for _ in 0..6 {
        let mut changed = words.clone();
        changed[rng.below(words.len())] = *rng.pick(SWAPS);
        let candidate = changed.join(" ");
        if candidate != core && index.named(&candidate).is_empty() {
            return Some(candidate);
        }
    }
    None
}

/// A person not in the directory who works at a directory company.
fn newcomer_at_directory_company(ctx: &QueryContext<'_>, rng: &mut Rng) -> Draft {
    let members = ctx.world.skeleton.members() as usize;
    let Employment::Directory(c) = ctx.world.skeleton.employment(rng.below(members) as u64) else {
        return stranger(ctx, rng);
    };
    let company = &ctx.world.companies[c as usize];
    let locale = company.locale();
    let name = (0..8)
        .map(|_| names::person(rng, locale))
        .find(|n| ctx.namesakes_at(&n.first, &n.last, c) == 0)
        .unwrap_or_else(|| names::person(rng, locale));
    let mut draft =
        Draft { first: Some(name.first.clone()), last: Some(name.last.clone()), ..Draft::default() };
    draft.company = Some(corrupt_company_name(rng, company, &mut BTreeSet::new()));
    draft.tags.insert("nomatch_new_at_dir_company");
    outsider_details(ctx, rng, &name, locale, Some(&company.domain), &mut draft);
    draft
}

/// A person and company both outside the directory.
fn stranger(ctx: &QueryContext<'_>, rng: &mut Rng) -> Draft {
    let locale = &LOCALES[rng.weighted(&super::locales::weights())];
    let name = names::person(rng, locale);
    let mut draft =
        Draft { first: Some(name.first.clone()), last: Some(name.last.clone()), ..Draft::default() };
    draft.tags.insert("nomatch_new_elsewhere");
    let invented =
        (0..8).map(|_| companies::invent(rng, locale)).find(|(core, _)| ctx.companies.named(core).is_empty());
    let domain = invented
        .as_ref()
        .map(|(core, _)| format!("{}.{}", variants::domain_label(core), rng.pick(locale.tlds)));
    draft.company = invented.map(|(core, legal)| join_legal(&core, legal));
    let domain = domain.filter(|d| !ctx.companies.has_domain(d));
    outsider_details(ctx, rng, &name, locale, domain.as_deref(), &mut draft);
    draft
}

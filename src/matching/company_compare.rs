//! Comparing two normalized company names: the best agreement level that explains the difference
//! (same core, a division of it, typos, initials and acronyms, a domain that spells it, a part of it).

use super::company_name::{CompanyName, is_mistyped_legal_form};
use super::domain::{domain_label, label_fits_name};
use super::model::CompanyLevel;
use super::text::is_typo_of;

/// The directory side of a comparison, borrowed from the index.
pub struct KnownName<'a> {
    pub core: &'a [&'a str],
    pub base: &'a [&'a str],
    /// Registrable domain of the company's website.
    pub website: Option<&'a str>,
}

/// The agreement of a query name with one directory name.
pub fn compare_names(query: &CompanyName, known: &KnownName<'_>) -> CompanyLevel {
    if query.is_empty() {
        return CompanyLevel::Missing;
    }
    if let Some(domain) = &query.domain {
        return compare_domain(domain, known);
    }
    // Compared in place, without collecting or joining words: this runs for every name of every
    // retrieved company.
    let (core, base) = (&query.core[..], &query.base[..]);
    if same_words(core, known.core) || same_concat(core, known.core) {
        return CompanyLevel::Exact;
    }
    if same_words(base, known.base) || same_words(base, known.core) || same_words(core, known.base) {
        return CompanyLevel::Division;
    }
    if ends_with_mistyped_legal_form(core, known) {
        return CompanyLevel::Fuzzy;
    }
    let aligned = [align(base, known.base), align(base, known.core), align(core, known.core)]
        .into_iter()
        .flatten()
        .min();
    if let Some(level) = aligned {
        return level;
    }
    if acronym_with_descriptor(base, known.base) || acronym_with_descriptor(core, known.core) {
        return CompanyLevel::Acronym;
    }
    if is_part(base, known.base) || is_part(known.base, base) {
        return CompanyLevel::Partial;
    }
    CompanyLevel::Disagreed
}

/// The company's own name followed by a legal form with a typo ("Exzon Law bvv").
fn ends_with_mistyped_legal_form(core: &[String], known: &KnownName<'_>) -> bool {
    core.split_last().is_some_and(|(last, name)| {
        !name.is_empty()
            && (same_words(name, known.core) || same_words(name, known.base))
            && is_mistyped_legal_form(last)
    })
}

/// Whether two word lists are the same words.
fn same_words<A: AsRef<str>>(a: &[A], b: &[&str]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.as_ref() == *y)
}

/// Whether two word lists spell the same letters once joined (`north star` = `northstar`).
fn same_concat<A: AsRef<str>>(a: &[A], b: &[&str]) -> bool {
    let letters = |words: &[&str]| words.iter().map(|w| w.len()).sum::<usize>();
    let a_len: usize = a.iter().map(|w| w.as_ref().len()).sum();
    a_len == letters(b) && a.iter().flat_map(|w| w.as_ref().bytes()).eq(b.iter().flat_map(|w| w.bytes()))
}

/// A name typed as a domain: the company's own registrable domain is as good as its name; a
/// domain under another suffix with the same label, or whose label spells the name, is weaker.
pub fn compare_domain(domain: &str, known: &KnownName<'_>) -> CompanyLevel {
    if known.website == Some(domain) {
        return CompanyLevel::Exact;
    }
    let label = domain_label(domain);
    let same_site = known.website.is_some_and(|w| w == domain || domain_label(w) == label);
    if same_site || label_fits_name(label, known.core) || same_concat(&[label], known.core) {
        CompanyLevel::Domain
    } else {
        CompanyLevel::Disagreed
    }
}

/// Word-by-word alignment where each query word is the same word, a typo of it, its initial, or
/// the initials of a run of directory words. The worst step decides the level.
fn align<Q: AsRef<str>>(query: &[Q], known: &[&str]) -> Option<CompanyLevel> {
    if query.is_empty() || known.is_empty() {
        return None;
    }
    let mut level = CompanyLevel::Exact;
    let (mut qi, mut ki) = (0, 0);
    while qi < query.len() && ki < known.len() {
        let (q, k) = (query[qi].as_ref(), known[ki]);
        if q == k {
            ki += 1;
        } else if is_typo_of(q, k) || (q.len() == 1 && k.starts_with(q)) {
            level = level.max(CompanyLevel::Fuzzy);
            ki += 1;
        } else if let Some(run) = initials_run(q, &known[ki..]) {
            level = level.max(CompanyLevel::Acronym);
            ki += run;
        } else {
            return None;
        }
        qi += 1;
    }
    (qi == query.len() && ki == known.len()).then_some(level)
}

/// How many directory words a short query word abbreviates by their initials (`gwi` → 3).
fn initials_run(word: &str, known: &[&str]) -> Option<usize> {
    let n = word.len();
    if !(2..=5).contains(&n) || known.len() < n {
        return None;
    }
    spells_initials(word, &known[..n]).then_some(n)
}

/// The initials of the whole name followed by some of its own words ("JP Palma" for
/// "Jimenez & Palma", "MS Stores" for "Momentum Stores").
fn acronym_with_descriptor<Q: AsRef<str>>(query: &[Q], known: &[&str]) -> bool {
    let Some((first, rest)) = query.split_first() else { return false };
    known.len() >= 2
        && !rest.is_empty()
        && spells_initials(first.as_ref(), known)
        && rest.iter().all(|w| known.contains(&w.as_ref()))
}

/// Whether `word` is the first letters of `words`, in order (without building the initials).
fn spells_initials(word: &str, words: &[&str]) -> bool {
    word.chars().eq(words.iter().filter_map(|w| w.chars().next()))
}

/// Whether all words of `part` appear in `whole`, with at least one distinctive word shared.
fn is_part<P: AsRef<str>, W: AsRef<str>>(part: &[P], whole: &[W]) -> bool {
    !part.is_empty()
        && part.len() < whole.len()
        && part.iter().all(|w| whole.iter().any(|x| x.as_ref() == w.as_ref()))
        && part.iter().any(|w| w.as_ref().len() >= 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(query: &str, known: &str, website: Option<&str>) -> CompanyLevel {
        let q = CompanyName::parse(query);
        let k = CompanyName::parse(known);
        let core: Vec<&str> = k.core.iter().map(String::as_str).collect();
        let base: Vec<&str> = k.base.iter().map(String::as_str).collect();
        compare_names(&q, &KnownName { core: &core, base: &base, website })
    }

    #[test]
    fn levels_follow_the_kind_of_difference() {
        assert_eq!(level("Yoder & Ramirez Llc", "Yoder & Ramirez LLC", None), CompanyLevel::Exact);
        assert_eq!(level("SUS Construction North America", "SUS Construction", None), CompanyLevel::Division);
        assert_eq!(level("Waltn Savings", "Walton Savings", None), CompanyLevel::Fuzzy);
        assert_eq!(level("Exzon Law bvv", "Exzon Law B.V.", None), CompanyLevel::Fuzzy);
        assert_eq!(level("Silver Oil Gas", "Silver Oil", None), CompanyLevel::Partial);
        assert_eq!(level("N. Clinic Incorporated", "North Clinic", None), CompanyLevel::Fuzzy);
        assert_eq!(
            level("GWI Corporation", "General Willow Insurance Corporation", None),
            CompanyLevel::Acronym
        );
        assert_eq!(level("IEL Corp", "Imperial Eastern Land Corporation", None), CompanyLevel::Acronym);
        assert_eq!(level("JP Palma S.A.", "Jimenez & Palma", None), CompanyLevel::Acronym);
        assert_eq!(level("MI Insurance, Inc.", "Mason Insurance, Inc.", None), CompanyLevel::Acronym);
        assert_eq!(level("JP Morgan", "Jimenez & Palma", None), CompanyLevel::Disagreed);
        assert_eq!(
            level("northstarinc.com", "Northstar Networks LLC", Some("northstarinc.com")),
            CompanyLevel::Exact
        );
        assert_eq!(
            level("northstarinc.co.uk", "Northstar Networks LLC", Some("northstarinc.com")),
            CompanyLevel::Domain
        );
        assert_eq!(
            level("americanaerospaceindustries.com", "American Aerospace Industries, Inc.", None),
            CompanyLevel::Domain
        );
        assert_eq!(
            level("The Peixoto Manufacturing S.A.", "The Peixoto Transport S.A.", None),
            CompanyLevel::Disagreed
        );
        assert_eq!(level("", "Acme", None), CompanyLevel::Missing);
    }
}

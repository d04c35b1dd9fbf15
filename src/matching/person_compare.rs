//! Comparing a queried person name with a directory name: agreement levels of the given and
//! family names, the swapped reading, and what the local part of an e-mail address says.

use super::model::{FirstLevel, LastLevel};
use super::names::{Nicknames, PARTICLES};
use super::text::{is_typo_of, phonetic};

/// Borrowed words of a directory member's name.
pub struct KnownPerson<'a> {
    pub given: &'a [&'a str],
    pub family: &'a [&'a str],
}

/// The given-name level of query words against directory words.
pub fn first_level(query: &[String], known: &[&str]) -> FirstLevel {
    let (Some(q), Some(k)) = (query.first(), known.first()) else { return FirstLevel::Missing };
    let (q, k) = (q.as_str(), *k);
    if q == k {
        return FirstLevel::Exact;
    }
    let q_joined = query.concat();
    let k_joined = known.concat();
    if q_joined == k_joined {
        return FirstLevel::Exact;
    }
    if q.len() == 1 || k.len() == 1 {
        return if q.as_bytes()[0] == k.as_bytes()[0] { FirstLevel::Initial } else { FirstLevel::Disagreed };
    }
    if Nicknames::bundled().related(q, k) {
        return FirstLevel::Nickname;
    }
    if q.len() > 3 && k.len() > 3 && phonetic(q) == phonetic(k) {
        return FirstLevel::Transliteration;
    }
    if is_typo_of(q, k) || (query.len() > 1 && known.len() > 1 && is_typo_of(&q_joined, &k_joined)) {
        return FirstLevel::Fuzzy;
    }
    FirstLevel::Disagreed
}

/// The family-name level of query words against directory words.
pub fn last_level(query: &[String], known: &[&str]) -> LastLevel {
    if query.is_empty() || known.is_empty() {
        return LastLevel::Missing;
    }
    let q_joined = query.concat();
    let k_joined = known.concat();
    if q_joined == k_joined {
        return LastLevel::Exact;
    }
    let q_core: Vec<&str> = core(query.iter().map(String::as_str));
    let k_core: Vec<&str> = core(known.iter().copied());
    if q_core.iter().any(|w| k_core.contains(w)) {
        return LastLevel::Partial;
    }
    if phonetic(&q_joined) == phonetic(&k_joined)
        || q_core.iter().any(|q| k_core.iter().any(|k| phonetic(q) == phonetic(k) && q.len() > 2))
    {
        return LastLevel::Transliteration;
    }
    if is_typo_of(&q_joined, &k_joined) || q_core.iter().any(|q| k_core.iter().any(|k| is_typo_of(q, k))) {
        return LastLevel::Fuzzy;
    }
    LastLevel::Disagreed
}

fn core<'a>(words: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    words.filter(|w| w.len() > 1 && !PARTICLES.contains(w)).collect()
}

/// What an address's local part says about a name: the family name written in it, with the
/// given name (exact) or its initial; `Missing` for the given name when the address does not show it.
pub fn email_levels(local: &str, known: &KnownPerson<'_>) -> Option<(FirstLevel, LastLevel)> {
    let family: String = known.family.concat();
    let core = known.family.iter().filter(|w| w.len() > 2 && !PARTICLES.contains(w)).max_by_key(|w| w.len());
    let surname = if local.contains(&family) && family.len() >= 3 {
        family.as_str()
    } else {
        core.filter(|c| c.len() >= 4 && local.contains(*c))?
    };
    let rest = local.replacen(surname, " ", 1);
    let given = known.given.first()?;
    let first = if given.len() >= 2 && rest.contains(given) {
        FirstLevel::Exact
    } else if rest
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|part| part.len() == 1 && given.starts_with(part))
    {
        FirstLevel::Initial
    } else {
        FirstLevel::Missing
    };
    Some((first, LastLevel::Exact))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_owned).collect()
    }

    #[test]
    fn given_name_levels() {
        assert_eq!(first_level(&words("bob"), &["robert"]), FirstLevel::Nickname);
        assert_eq!(first_level(&words("nabeel"), &["nabil"]), FirstLevel::Transliteration);
        assert_eq!(first_level(&words("an carolina"), &["ana", "carolina"]), FirstLevel::Fuzzy);
        assert_eq!(first_level(&words("k"), &["karen"]), FirstLevel::Initial);
        assert_eq!(first_level(&words("linda e"), &["linda"]), FirstLevel::Exact);
        assert_eq!(first_level(&words("john"), &["mary"]), FirstLevel::Disagreed);
    }

    #[test]
    fn family_name_levels() {
        assert_eq!(last_level(&words("williams hawkins"), &["williams", "hawkins"]), LastLevel::Exact);
        assert_eq!(last_level(&words("rios"), &["gomes", "rios"]), LastLevel::Partial);
        assert_eq!(last_level(&words("kharchenko"), &["harchenko"]), LastLevel::Transliteration);
        assert_eq!(last_level(&words("yqmamoto"), &["yamamoto"]), LastLevel::Fuzzy);
        assert_eq!(last_level(&words("smith"), &["jones"]), LastLevel::Disagreed);
    }

    #[test]
    fn email_local_parts_spell_names() {
        let known = KnownPerson { given: &["lyudmila"], family: &["harchenko"] };
        assert_eq!(email_levels("lyudmila.harchenko", &known), Some((FirstLevel::Exact, LastLevel::Exact)));
        let known = KnownPerson { given: &["jared"], family: &["evans"] };
        assert_eq!(email_levels("j.evans", &known), Some((FirstLevel::Initial, LastLevel::Exact)));
        assert_eq!(email_levels("info", &known), None);
    }
}

//! The ways people rewrite a name: typos, case, legal forms, abbreviations, acronyms, divisions.
//! Used for the variants members show as their employer and for CRM query corruptions.

use super::companies::{join_legal, slug_words};
use super::locales::Locale;
use super::rng::Rng;

/// One typing slip: a dropped, doubled, swapped or replaced letter in a word of 4+ letters.
pub fn typo(rng: &mut Rng, text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let candidates: Vec<usize> = (1..chars.len().saturating_sub(1))
        .filter(|&i| chars[i].is_alphabetic() && chars[i - 1].is_alphabetic())
        .collect();
    if candidates.is_empty() {
        return text.to_owned();
    }
    let at = *rng.pick(&candidates);
    let mut out = chars.clone();
    match rng.below(4) {
        0 => {
            out.remove(at);
        }
        1 => out.insert(at, chars[at]),
        2 if chars[at + 1].is_alphabetic() && chars[at] != chars[at + 1] => out.swap(at, at + 1),
        _ => {
            const NEAR: &str = "qwertyuiopasdfghjklzxcvbnm";
            let near: Vec<char> = NEAR.chars().collect();
            let replacement = near[rng.below(near.len())];
            out[at] = if chars[at].is_uppercase() { replacement.to_ascii_uppercase() } else { replacement };
        }
    }
    let result: String = out.into_iter().collect();
    if result == text { format!("{text}{}", chars[chars.len() - 1]) } else { result }
}

/// ALL CAPS, all lower case, or Title Case.
pub fn case_noise(rng: &mut Rng, text: &str) -> String {
    let changed = match rng.below(3) {
        0 => text.to_uppercase(),
        1 => text.to_lowercase(),
        _ => text
            .split(' ')
            .map(|w| {
                let mut chars = w.chars();
                chars.next().map_or(String::new(), |f| {
                    f.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect()
                })
            })
            .collect::<Vec<_>>()
            .join(" "),
    };
    if changed == text { text.to_uppercase() } else { changed }
}

/// Stray spaces and punctuation.
pub fn whitespace_noise(rng: &mut Rng, text: &str) -> String {
    match rng.below(4) {
        0 => format!(" {text}"),
        1 => format!("{text} "),
        2 => text.replacen(' ', "  ", 1),
        _ => format!("{text}."),
    }
}

const GENERIC_LEGAL: &[&str] =
    &["Inc.", "Inc", "LLC", "Ltd", "Ltd.", "Corp.", "Co.", "Limited", "Corporation", "Group"];

/// The name with its legal form dropped, changed or added.
pub fn legal_change(rng: &mut Rng, core: &str, legal: &str, locale: &Locale) -> String {
    if !legal.is_empty() && rng.chance(0.45) {
        return core.to_owned();
    }
    let pool = if rng.chance(0.7) { locale.legal_forms } else { GENERIC_LEGAL };
    let others: Vec<&&str> = pool
        .iter()
        .filter(|l| l.trim_start_matches([',', ' ']) != legal.trim_start_matches([',', ' ']))
        .collect();
    if others.is_empty() {
        return core.to_owned();
    }
    let form = **rng.pick(&others);
    let form = match rng.below(4) {
        0 => form.to_uppercase(),
        1 => form.replace('.', ""),
        _ => form.to_owned(),
    };
    join_legal(core, &form)
}

const ABBREVIATIONS: &[(&str, &str)] = &[
    ("International", "Intl"),
    ("Management", "Mgmt"),
    ("Services", "Svcs"),
    ("Technologies", "Tech"),
    ("Technology", "Tech"),
    ("Solutions", "Sol."),
    ("Associates", "Assoc."),
    ("Corporation", "Corp"),
    ("Company", "Co"),
    ("Group", "Grp"),
    ("Systems", "Sys."),
    ("Partners", "Ptnrs"),
    ("Manufacturing", "Mfg"),
    ("Engineering", "Eng."),
    ("Consulting", "Consult."),
    ("Laboratories", "Labs"),
    ("University", "Univ."),
    ("Insurance", "Ins."),
    ("Logistics", "Log."),
    ("Health", "Hlth"),
    ("Brothers", "Bros."),
];

/// A shortened form: a word abbreviated (`Mgmt`), or else the first word cut to its initial.
pub fn abbreviation(rng: &mut Rng, core: &str) -> Option<String> {
    let found: Vec<&(&str, &str)> = ABBREVIATIONS.iter().filter(|(long, _)| core.contains(long)).collect();
    if !found.is_empty() {
        let (long, short) = rng.pick(&found);
        return Some(core.replacen(long, short, 1));
    }
    let words: Vec<&str> = core.split(' ').collect();
    (words.len() > 1 && words[0].chars().count() > 3 && words[0].chars().all(char::is_alphabetic)).then(
        || {
            let initial: String = words[0].chars().take(1).collect();
            format!("{initial}. {}", words[1..].join(" "))
        },
    )
}

/// Initials of a multi-word name (`WPC`), sometimes keeping the last word (`WP Construction`).
pub fn acronym(rng: &mut Rng, core: &str) -> Option<String> {
    let words: Vec<&str> = core
        .split([' ', '-'])
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic) && *w != "&")
        .collect();
    if words.len() < 2 {
        return None;
    }
    let initials = |ws: &[&str]| -> String {
        ws.iter().filter_map(|w| w.chars().next()).flat_map(char::to_uppercase).collect()
    };
    if words.len() >= 3 && rng.chance(0.4) {
        Some(format!("{} {}", initials(&words[..words.len() - 1]), words[words.len() - 1]))
    } else {
        Some(initials(&words))
    }
}

const DIVISIONS: &[&str] = &[
    "North America",
    "EMEA",
    "UK",
    "Europe",
    "APAC",
    "US",
    "USA",
    "Holdings",
    "International",
    "Deutschland",
    "France",
    "Americas",
    "Global",
    "Group",
];

/// A division or regional entity of the company (`Acme EMEA`).
pub fn division(rng: &mut Rng, core: &str) -> String {
    format!("{core} {}", rng.pick(DIVISIONS))
}

/// `&` written as the locale's word for "and", or the reverse.
pub fn and_swap(core: &str, locale: &Locale) -> Option<String> {
    let word = if locale.and_word == "&" { "and" } else { locale.and_word };
    if core.contains(" & ") {
        Some(core.replacen(" & ", &format!(" {word} "), 1))
    } else if core.contains(&format!(" {word} ")) {
        Some(core.replacen(&format!(" {word} "), " & ", 1))
    } else {
        None
    }
}

/// "The" added or removed.
pub fn the_swap(core: &str) -> String {
    match core.strip_prefix("The ") {
        Some(rest) => rest.to_owned(),
        None => format!("The {core}"),
    }
}

/// The company's name as its members show it: usually exact, sometimes shortened.
pub fn member_company_name(rng: &mut Rng, core: &str, legal: &str, locale: &Locale) -> String {
    let exact = join_legal(core, legal);
    if !rng.chance(0.15) {
        return exact;
    }
    match rng.below(6) {
        0..=2 => core.to_owned(),
        3 => legal_change(rng, core, legal, locale),
        4 => abbreviation(rng, core).unwrap_or(exact),
        _ => case_noise(rng, &exact),
    }
}

/// A domain-like label for the company (`acmeanalytics`), for CRM users who type the web address.
pub fn domain_label(core: &str) -> String {
    slug_words(core).concat()
}

#[cfg(test)]
mod tests {
    use super::super::locales::LOCALES;
    use super::super::rng::Stream;
    use super::*;

    #[test]
    fn typos_change_the_text_by_a_letter_or_two() {
        let mut rng = Rng::for_entity(1, Stream::MemberQuery, 1);
        for _ in 0..200 {
            let t = typo(&mut rng, "Johnson");
            assert_ne!(t, "Johnson");
            assert!(t.len().abs_diff(7) <= 1);
        }
    }

    #[test]
    fn acronyms_and_abbreviations() {
        let mut rng = Rng::for_entity(1, Stream::MemberQuery, 2);
        assert_eq!(acronym(&mut rng, "Apex").as_deref(), None);
        let a = acronym(&mut rng, "Western Pioneer Construction").unwrap();
        assert!(a == "WPC" || a == "WP Construction");
        assert_eq!(abbreviation(&mut rng, "Summit Management").as_deref(), Some("Summit Mgmt"));
        assert_eq!(abbreviation(&mut rng, "North Clinic").as_deref(), Some("N. Clinic"));
    }

    #[test]
    fn legal_change_differs_from_the_original() {
        let mut rng = Rng::for_entity(1, Stream::MemberQuery, 3);
        let germany = LOCALES.iter().find(|l| l.country == "Germany").unwrap();
        for _ in 0..100 {
            assert_ne!(legal_change(&mut rng, "Müller Logistik", "GmbH", germany), "Müller Logistik GmbH");
        }
    }
}

//! Web domains: a website or e-mail domain reduced to its registrable domain (`https://eu.shop.acme.co.uk/x`
//! → `acme.co.uk`), and whether a domain label spells a company name (`gcareinc` ↔ "Gutierrez Care Inc.").

use super::location::country_of_code;

/// Multi-label public suffixes under which a name is registered one level deeper. A subset of
/// the Public Suffix List (the second-level registries of common country domains).
const MULTI_PART_SUFFIXES: &[&str] = &[
    "co.uk", "org.uk", "ac.uk", "gov.uk", "ltd.uk", "plc.uk", "me.uk", "com.au", "net.au", "org.au",
    "edu.au", "gov.au", "co.nz", "org.nz", "co.za", "org.za", "com.br", "net.br", "org.br", "com.mx",
    "org.mx", "com.ar", "com.co", "com.pe", "com.cl", "com.tr", "com.cn", "net.cn", "org.cn", "com.hk",
    "com.sg", "com.my", "com.tw", "com.ph", "com.vn", "com.pk", "com.eg", "com.sa", "com.ng", "co.jp",
    "ne.jp", "or.jp", "ac.jp", "co.kr", "or.kr", "co.in", "net.in", "org.in", "firm.in", "co.il", "org.il",
    "co.id", "or.id", "co.th", "in.th", "com.ua", "com.pl", "net.pl", "org.pl", "co.at", "or.at", "com.es",
    "org.es", "com.pt", "com.gr", "co.ke", "com.qa", "ae.org", "co.ae", "com.ru", "com.bd", "com.lb",
    "gob.mx", "gov.br", "edu.br", "co.hu", "co.it", "com.ec", "com.uy", "com.ve",
];

/// The registrable domain of a website, URL, e-mail address or bare host; `None` when it has no dot
/// or holds characters a host cannot.
pub fn registrable_domain(raw: &str) -> Option<String> {
    let lowered = raw.trim().to_lowercase();
    let after_at = lowered.rsplit_once('@').map_or(lowered.as_str(), |(_, d)| d);
    let no_scheme = after_at.split_once("://").map_or(after_at, |(_, rest)| rest);
    let host = no_scheme.split(['/', '?', '#', ':']).next().unwrap_or("").trim_end_matches('.');
    let valid = host.contains('.')
        && host
            .split('.')
            .all(|label| !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    if !valid {
        return None;
    }
    let labels: Vec<&str> = host.split('.').collect();
    let suffix_len = if labels.len() >= 2
        && MULTI_PART_SUFFIXES.contains(&labels[labels.len() - 2..].join(".").as_str())
    {
        2
    } else {
        1
    };
    (labels.len() > suffix_len).then(|| labels[labels.len() - suffix_len - 1..].join("."))
}

/// The label under the public suffix (`acme` for `acme.co.uk`), used when two sites differ only
/// in their country domain.
pub fn domain_label(registrable: &str) -> &str {
    registrable.split('.').next().unwrap_or("")
}

/// Country-code domains sold worldwide as generic ones (`.co` for company, `.io`, `.ai`, `.me`,
/// `.tv`): they say nothing of where a company is.
const GENERIC_COUNTRY_DOMAINS: &[&str] =
    &["co", "io", "ai", "me", "tv", "fm", "ly", "to", "cc", "ws", "gg", "so"];

/// The country a registrable domain's country-code suffix names (`acme.co.uk` → united kingdom),
/// `None` for generic suffixes (`.com`, `.io`, `.co`).
pub fn domain_country(registrable: &str) -> Option<&'static str> {
    let tld = registrable.rsplit('.').next()?;
    if GENERIC_COUNTRY_DOMAINS.contains(&tld) {
        return None;
    }
    country_of_code(tld)
}

/// Whether text typed as a company name is a host or URL rather than words.
pub fn looks_like_domain(raw: &str) -> bool {
    let t = raw.trim();
    !t.contains(' ')
        && (t.contains("://")
            || t.starts_with("www.")
            || registrable_domain(t).is_some_and(|d| {
                let tld = d.rsplit('.').next().unwrap_or("");
                tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic())
            }))
}

/// Whether a domain label spells a name's words in order, each word written out or as its initial,
/// words skipped allowed, optionally followed by a generic ending (`gcareinc` ↔ gutierrez care,
/// `weholdings` ↔ westbrook engineering holdings). At least one written-out word of four letters
/// or more must be used, so that short labels do not fit everything.
pub fn label_fits_name<W: AsRef<str>>(label: &str, words: &[W]) -> bool {
    // Runs for every name of every retrieved company: no allocation unless the label needs cleaning.
    let label: std::borrow::Cow<'_, str> = if label.bytes().all(|b| b.is_ascii_alphanumeric()) {
        label.into()
    } else {
        label.chars().filter(char::is_ascii_alphanumeric).collect::<String>().into()
    };
    if label.len() < 3 || words.is_empty() {
        return false;
    }
    fits(&label, &words[..words.len().min(8)], false)
}

const GENERIC_ENDINGS: &[&str] =
    &["inc", "co", "corp", "group", "hq", "global", "online", "web", "llc", "ltd", "app", "io", "hub", "usa"];

fn fits<W: AsRef<str>>(label: &str, words: &[W], used_full: bool) -> bool {
    if label.is_empty() {
        return used_full;
    }
    if used_full && GENERIC_ENDINGS.contains(&label) {
        return true;
    }
    let Some((word, rest)) = words.split_first() else { return false };
    let word = word.as_ref();
    (word.len() >= 2
        && label.starts_with(word)
        && fits(&label[word.len()..], rest, used_full || word.len() >= 4))
        || (label.as_bytes().first() == word.as_bytes().first() && fits(&label[1..], rest, used_full))
        || fits(label, rest, used_full)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn registrable_domain_handles_schemes_paths_and_multi_part_suffixes() {
        assert_eq!(registrable_domain("https://www.Acme.com/about").as_deref(), Some("acme.com"));
        assert_eq!(registrable_domain("eu.shop.acme.co.uk").as_deref(), Some("acme.co.uk"));
        assert_eq!(registrable_domain("http://holt.de/").as_deref(), Some("holt.de"));
        assert_eq!(registrable_domain("jane@mail.damata.com.br").as_deref(), Some("damata.com.br"));
        assert_eq!(registrable_domain("co.uk"), None);
        assert_eq!(registrable_domain("Acme Corp"), None);
    }

    #[test]
    fn country_code_domains_name_a_country_unless_sold_as_generic() {
        assert_eq!(domain_country("acme.co.uk"), Some("united kingdom"));
        assert_eq!(domain_country("kbbn-institute.de"), Some("germany"));
        assert_eq!(domain_country("acme.com.br"), Some("brazil"));
        assert_eq!(domain_country("acme.com"), None);
        assert_eq!(domain_country("acme.io"), None);
        assert_eq!(domain_country("acme.co"), None);
    }

    #[test]
    fn labels_fit_names_through_words_and_initials() {
        assert!(label_fits_name("gcareinc", &words(&["gutierrez", "care"])));
        assert!(label_fits_name("weholdings", &words(&["westbrook", "engineering", "holdings"])));
        assert!(label_fits_name("generalwillowinsurance", &words(&["general", "willow", "insurance"])));
        assert!(label_fits_name("imperialeastern", &words(&["imperial", "eastern", "land"])));
        assert!(!label_fits_name("gwi", &words(&["general", "willow", "insurance"])));
        assert!(!label_fits_name("acme", &words(&["general", "willow", "insurance"])));
    }

    proptest! {
        #[test]
        fn registrable_domain_is_idempotent(raw in "\\PC{0,40}") {
            if let Some(domain) = registrable_domain(&raw) {
                prop_assert_eq!(registrable_domain(&domain), Some(domain.clone()));
            }
        }

        #[test]
        fn label_fit_never_panics(label in "\\PC{0,20}", name in proptest::collection::vec("[a-z]{0,8}", 0..5)) {
            let _ = label_fits_name(&label, &name);
        }
    }
}

//! Job titles reduced to seniority and function ("VP Sales" = "Vice President, Sales";
//! "Sr. Mgr Analytics" ~ "Senior Manager, Data & Analytics"; "Abteilungsleiter Datenanalyse").

use std::collections::HashMap;
use std::sync::OnceLock;

use super::names::FastHash;
use super::text::fold;

/// Abbreviations and local-language words mapped to one English word each.
const SYNONYMS: &[(&str, &str)] = &[
    ("sr", "senior"),
    ("snr", "senior"),
    ("jr", "junior"),
    ("vp", "vp"),
    ("svp", "vp"),
    ("evp", "vp"),
    ("avp", "vp"),
    ("vice", "vp"),
    ("president", "president"),
    ("dir", "director"),
    ("directeur", "director"),
    ("directora", "director"),
    ("director", "director"),
    ("direktor", "director"),
    ("head", "head"),
    ("leiter", "head"),
    ("leiterin", "head"),
    ("abteilungsleiter", "head"),
    ("teamleiter", "lead"),
    ("mgr", "manager"),
    ("mngr", "manager"),
    ("gerente", "manager"),
    ("responsable", "manager"),
    ("eng", "engineer"),
    ("engr", "engineer"),
    ("ingenieur", "engineer"),
    ("ingeniero", "engineer"),
    ("inzynier", "engineer"),
    ("inzynierka", "engineer"),
    ("dev", "developer"),
    ("developer", "engineer"),
    ("entwickler", "engineer"),
    ("programmer", "engineer"),
    ("swe", "engineer"),
    ("coord", "coordinator"),
    ("asst", "assistant"),
    ("assoc", "associate"),
    ("exec", "executive"),
    ("admin", "administrator"),
    ("sysadmin", "administrator"),
    ("acct", "account"),
    ("am", "account"),
    ("bd", "business"),
    ("biz", "business"),
    ("mktg", "marketing"),
    ("marketing", "marketing"),
    ("vertrieb", "sales"),
    ("ventas", "sales"),
    ("ventes", "sales"),
    ("hr", "people"),
    ("recruiter", "people"),
    ("talent", "people"),
    ("personal", "people"),
    ("rrhh", "people"),
    ("finance", "finance"),
    ("finanzas", "finance"),
    ("finances", "finance"),
    ("finanzen", "finance"),
    ("accounting", "finance"),
    ("analytics", "data"),
    ("datenanalyse", "data"),
    ("daten", "data"),
    ("datos", "data"),
    ("donnees", "data"),
    ("entwicklung", "engineering"),
    ("desarrollo", "engineering"),
    ("rd", "engineering"),
    ("it", "technology"),
    ("information", "technology"),
    ("oprogramowania", "software"),
    ("ops", "operations"),
    ("operaciones", "operations"),
    ("betrieb", "operations"),
    ("legal", "legal"),
    ("attorney", "legal"),
    ("counsel", "legal"),
    ("lawyer", "legal"),
    ("abogado", "legal"),
    ("jurist", "legal"),
    ("sales", "sales"),
    ("product", "product"),
    ("pm", "product"),
    ("cto", "cto"),
    ("ceo", "ceo"),
    ("cfo", "cfo"),
    ("coo", "coo"),
    ("cmo", "cmo"),
    ("cio", "cio"),
    ("cdo", "cdo"),
    ("founder", "ceo"),
    ("owner", "ceo"),
    ("geschaeftsfuehrer", "ceo"),
    ("gf", "ceo"),
    ("md", "ceo"),
    ("chief", "chief"),
];

/// Function-free words that carry no evidence.
const STOP: &[&str] =
    &["of", "and", "the", "de", "la", "des", "du", "der", "die", "y", "et", "und", "for", "in", "a"];

/// A title as a sorted set of canonical words; empty for placeholders ("-", "n/a").
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Title(pub Vec<String>);

impl Title {
    pub fn parse(raw: &str) -> Self {
        let folded = fold(raw);
        let mut out: Vec<String> = folded
            .split(' ')
            .filter(|w| w.len() > 1 && !STOP.contains(w))
            .map(|w| canonical(w).to_owned())
            .collect();
        if out.len() == 1
            && matches!(out[0].as_str(), "na" | "none" | "unknown" | "ms" | "mr" | "mrs" | "tbd")
        {
            out.clear();
        }
        if out.iter().any(|w| w == "vp") {
            out.retain(|w| w != "president");
        }
        out.sort();
        out.dedup();
        Self(out)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Share of the smaller title's words found in the other (0 when either is empty).
    pub fn overlap(&self, other: &Self) -> f64 {
        let smaller = self.0.len().min(other.0.len());
        if smaller == 0 {
            return 0.0;
        }
        let shared = self.0.iter().filter(|w| other.0.contains(w)).count();
        shared as f64 / smaller as f64
    }
}

fn canonical(word: &str) -> &str {
    static TABLE: OnceLock<HashMap<&'static str, &'static str, FastHash>> = OnceLock::new();
    TABLE.get_or_init(|| SYNONYMS.iter().copied().collect()).get(word).copied().unwrap_or(word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn abbreviations_and_order_do_not_matter() {
        assert_eq!(Title::parse("VP Sales"), Title::parse("Vice President, Sales"));
        assert_eq!(Title::parse("Sr. Mgr Marketing"), Title::parse("Senior Manager of Marketing"));
        assert!(Title::parse("-").is_empty());
        assert!(Title::parse("Dir. of Finance").overlap(&Title::parse("Directora de Finanzas")) >= 1.0);
    }

    proptest! {
        #[test]
        fn parsing_never_panics_and_is_idempotent(raw in "\\PC{0,40}") {
            let once = Title::parse(&raw);
            prop_assert_eq!(Title::parse(&once.0.join(" ")), once.clone());
        }
    }
}

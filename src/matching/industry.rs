//! Industries: CRM picklist values ("Technology", "Business Services") and the directory's
//! LinkedIn-like taxonomy ("Software Development") mapped to a few broad sectors to compare.

use super::text::fold;

/// Keyword → sector. The first keyword found in a folded industry name decides its sector.
const SECTOR_KEYWORDS: &[(&str, &str)] = &[
    ("software", "tech"),
    ("technolog", "tech"),
    ("internet", "tech"),
    ("computer", "tech"),
    ("it services", "tech"),
    ("information", "tech"),
    ("data", "tech"),
    ("telecom", "tech"),
    ("electronics", "tech"),
    ("semiconductor", "tech"),
    ("hospital", "health"),
    ("health", "health"),
    ("medical", "health"),
    ("pharma", "health"),
    ("biotech", "health"),
    ("wellness", "health"),
    ("bank", "finance"),
    ("financ", "finance"),
    ("insurance", "finance"),
    ("investment", "finance"),
    ("capital", "finance"),
    ("accounting", "finance"),
    ("retail", "retail"),
    ("consumer", "retail"),
    ("apparel", "retail"),
    ("food", "food"),
    ("beverage", "food"),
    ("restaurant", "food"),
    ("hospitality", "food"),
    ("manufactur", "industry"),
    ("machinery", "industry"),
    ("industrial", "industry"),
    ("automotive", "industry"),
    ("chemical", "industry"),
    ("aerospace", "industry"),
    ("construction", "construction"),
    ("real estate", "construction"),
    ("architecture", "construction"),
    ("engineering", "industry"),
    ("transport", "logistics"),
    ("logistic", "logistics"),
    ("shipping", "logistics"),
    ("freight", "logistics"),
    ("airline", "logistics"),
    ("education", "education"),
    ("e learning", "education"),
    ("research", "education"),
    ("energy", "energy"),
    ("utilities", "energy"),
    ("oil", "energy"),
    ("renewable", "energy"),
    ("media", "media"),
    ("advertising", "media"),
    ("marketing", "media"),
    ("entertainment", "media"),
    ("publishing", "media"),
    ("legal", "services"),
    ("law", "services"),
    ("consult", "services"),
    ("business services", "services"),
    ("staffing", "services"),
    ("human resources", "services"),
    ("government", "public"),
    ("nonprofit", "public"),
    ("non profit", "public"),
    ("public", "public"),
];

/// The broad sector of an industry name; `None` when unknown or empty.
pub fn sector(raw: &str) -> Option<&'static str> {
    let folded = fold(raw);
    if folded.is_empty() {
        return None;
    }
    SECTOR_KEYWORDS.iter().find(|(key, _)| folded.contains(key)).map(|(_, sector)| *sector)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn picklists_meet_the_taxonomy() {
        assert_eq!(sector("Technology"), sector("Software Development"));
        assert_eq!(sector("Healthcare"), sector("Hospitals and Health Care"));
        assert_eq!(sector("Food & Beverage"), sector("Food and Beverage Services"));
        assert_ne!(sector("Retail"), sector("Banking"));
        assert_eq!(sector(""), None);
    }

    proptest! {
        #[test]
        fn sector_never_panics_and_is_stable(raw in "\\PC{0,40}") {
            let once = sector(&raw);
            if let Some(s) = once {
                prop_assert!(!s.is_empty());
            }
            prop_assert_eq!(sector(&fold(&raw)), once);
        }
    }
}

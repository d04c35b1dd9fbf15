//! Industries: CRM picklist values ("Technology", "Business Services") and the directory's
//! LinkedIn-like taxonomy ("Software Development") mapped to sets of broad sectors to compare: an
//! industry belongs to every sector it names ("Medical Equipment Manufacturing" is health and
//! industry), and two industries agree when their sets overlap.

use super::text::fold;

/// Keyword → sector. A keyword matches at the start of a word of the folded industry name
/// ("financ" in "Financial Services"); one ending in a space only as a whole word ("it ", so that
/// "hospital " is not found in "Hospitality"). Every keyword found adds its sector.
const SECTOR_KEYWORDS: &[(&str, &str)] = &[
    ("software", "tech"),
    ("technolog", "tech"),
    ("tech ", "tech"),
    ("high tech", "tech"),
    ("it ", "tech"),
    ("internet", "tech"),
    ("computer", "tech"),
    ("information", "tech"),
    ("data", "tech"),
    ("telecom", "tech"),
    ("communications", "tech"),
    ("communications", "media"),
    ("electronics", "tech"),
    ("semiconductor", "tech"),
    ("hospital ", "health"),
    ("hospitals ", "health"),
    ("health", "health"),
    ("medical", "health"),
    ("pharma", "health"),
    ("biotech", "health"),
    ("life sciences", "health"),
    ("wellness", "health"),
    ("bank", "finance"),
    ("financ", "finance"),
    ("finserv", "finance"),
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
    ("agricultur", "food"),
    ("manufactur", "industry"),
    ("machinery", "industry"),
    ("industrial", "industry"),
    ("automotive", "industry"),
    ("motor vehicle", "industry"),
    ("chemical", "industry"),
    ("aerospace", "industry"),
    ("aviation", "industry"),
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
    ("oil ", "energy"),
    ("renewable", "energy"),
    ("environmental", "energy"),
    ("media", "media"),
    ("advertising", "media"),
    ("marketing", "media"),
    ("entertainment", "media"),
    ("publishing", "media"),
    ("broadcast", "media"),
    ("legal", "services"),
    ("law ", "services"),
    ("consult", "services"),
    ("professional services", "services"),
    // "Business services" (SIC major group 73) spans consulting, computer services and advertising.
    ("business services", "services"),
    ("business services", "tech"),
    ("business services", "media"),
    ("staffing", "services"),
    ("human resources", "services"),
    ("government", "public"),
    ("nonprofit", "public"),
    ("non profit", "public"),
    ("not for profit", "public"),
    ("public", "public"),
];

/// The broad sectors, one bit each in [`Sectors`].
const SECTORS: &[&str] = &[
    "tech",
    "health",
    "finance",
    "retail",
    "food",
    "industry",
    "construction",
    "logistics",
    "education",
    "energy",
    "media",
    "services",
    "public",
];

/// The set of broad sectors an industry belongs to; empty when unknown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Sectors(u16);

impl Sectors {
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether the two sets share a sector.
    pub fn overlaps(self, other: Self) -> bool {
        self.0 & other.0 != 0
    }
}

/// The broad sectors of an industry name; empty when unknown or empty.
pub fn sectors(raw: &str) -> Sectors {
    let folded = fold(raw);
    if folded.is_empty() {
        return Sectors::default();
    }
    // Padded so that every word starts after a space and ends before one.
    let padded = format!(" {folded} ");
    let word_starts: Vec<&str> =
        padded.char_indices().filter(|(_, c)| *c == ' ').map(|(at, _)| &padded[at + 1..]).collect();
    let bits = SECTOR_KEYWORDS
        .iter()
        .filter(|(key, _)| word_starts.iter().any(|rest| rest.starts_with(key)))
        .filter_map(|(_, sector)| SECTORS.iter().position(|s| s == sector))
        .fold(0u16, |bits, i| bits | 1 << i);
    Sectors(bits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn agree(crm: &str, directory: &str) -> bool {
        sectors(crm).overlaps(sectors(directory))
    }

    #[test]
    fn picklists_meet_the_taxonomy() {
        assert!(agree("Technology", "Software Development"));
        assert!(agree("Healthcare", "Hospitals and Health Care"));
        assert!(agree("Food & Beverage", "Food and Beverage Services"));
        assert!(agree("Manufacturing", "Medical Equipment Manufacturing"));
        assert!(agree("Consulting", "IT Services and IT Consulting"));
        assert!(agree("Business Services", "Advertising Services"));
        assert!(!agree("Retail", "Banking"));
        assert!(!agree("Consulting", "Motor Vehicle Manufacturing"));
        assert!(agree("Professional Services", "Business Consulting and Services"));
        assert!(agree("Tech", "Software Development") && agree("IT", "IT Services and IT Consulting"));
        assert!(agree("Life Sciences", "Pharmaceutical Manufacturing"));
        assert!(agree("Not For Profit", "Non-profit Organizations"));
        assert!(agree("FinServ", "Banking") && agree("Communications", "Telecommunications"));
        assert!(!agree("Hospitality", "Hospitals and Health Care"));
        assert!(!agree("Digital", "Retail") && sectors("Digital").is_empty());
        assert!(sectors("").is_empty() && sectors("Other").is_empty());
    }

    /// The keyword rule as a substring search: an occurrence right after a space.
    fn sectors_by_search(raw: &str) -> Sectors {
        let padded = format!(" {} ", fold(raw));
        let found = |key: &str| padded.match_indices(key).any(|(at, _)| padded[..at].ends_with(' '));
        let bits = SECTOR_KEYWORDS
            .iter()
            .filter(|(key, _)| found(key))
            .filter_map(|(_, sector)| SECTORS.iter().position(|s| s == sector))
            .fold(0u16, |bits, i| bits | 1 << i);
        Sectors(if fold(raw).is_empty() { 0 } else { bits })
    }

    proptest! {
        #[test]
        fn keywords_are_found_at_word_starts_as_by_search(
            words in prop::collection::vec("(it|tech|high|oil|law|data|hospital|hospitals|health|e|learning|non|not|for|profit|business|services|real|estate|xit|s)", 0..7)
        ) {
            let raw = words.join(" ");
            prop_assert_eq!(sectors(&raw), sectors_by_search(&raw));
        }

        #[test]
        fn sectors_never_panic_and_are_stable(raw in "\\PC{0,40}") {
            prop_assert_eq!(sectors(&fold(&raw)), sectors(&raw));
        }
    }
}

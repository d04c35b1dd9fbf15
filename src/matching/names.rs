//! Person names: parsing what a CRM user typed into first/last name (titles, suffixes, initials,
//! particles, a full name in one field) and nickname groups from a bundled table.
//!
//! The nickname table is `data/nicknames.csv` from github.com/carltonnorthern/nicknames
//! (commit 21d7505, Apache License 2.0).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::text::fold;

/// Courtesy titles and academic or generational suffixes: never part of the name itself.
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "jr", "sr", "ii", "iii", "iv",
    "phd", "mba", "md", "esq", "cpa", "msc", "bsc", "ma", "ba", "dds", "rn", "pe", "cfa", "pmp", "jd", "llm",
    "dipl", "ing", "mag",
];

/// Surname particles: kept in the full surname but optional when comparing parts.
pub const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "la", "le", "du", "da", "das", "dos", "del", "della", "di", "ter",
    "ten", "al", "el", "bin", "ben", "mac", "st", "zu", "y", "e", "i",
];

/// Values typed where a name is unknown (whole fields, lower-cased).
const FIELD_PLACEHOLDERS: &[&str] = &[
    "n/a",
    "n.a.",
    "not provided",
    "[not provided]",
    "-",
    "--",
    ".",
    "?",
    "unknown",
    "none",
    "null",
    "tbd",
    "test",
];

/// Words that are never part of a name.
const WORD_PLACEHOLDERS: &[&str] = &["x", "xx", "xxx", "na", "tbd", "null", "unknown"];

/// A person name split into folded parts. The first of `given` is the given name; the rest are
/// middle names. Initials are single letters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonName {
    pub given: Vec<String>,
    pub family: Vec<String>,
}

impl PersonName {
    /// Parses CRM input. A comma in the last name (`Moore, Katy`) or a full name in one field
    /// with the other empty or a placeholder (`Shannon Williams` / `-`) is split up.
    pub fn parse(first: Option<&str>, last: Option<&str>) -> Self {
        let first = clean_field(first.unwrap_or(""));
        let last_raw = last.unwrap_or("");
        let last = clean_field(last_raw);
        if let Some((family, given)) = last_raw.split_once(',').filter(|_| first.is_empty()) {
            let (given, family) = (clean_field(given), clean_field(family));
            if !given.is_empty() && !family.is_empty() {
                return Self { given, family };
            }
        }
        if last.is_empty() && first.len() >= 2 {
            let mut given = first;
            let family = given.split_off(given.len() - 1);
            return Self { given, family };
        }
        Self { given: first, family: last }
    }

    /// A directory name, taken as written apart from honorifics.
    pub fn from_directory(first: &str, last: &str) -> Self {
        Self { given: clean_field(first), family: clean_field(last) }
    }

    /// The given name proper (first word of the given names).
    pub fn first(&self) -> Option<&str> {
        self.given.first().map(String::as_str)
    }

    /// The family name written as one word (`van der Berg` → `vanderberg`, `Gomes-Rios` → `gomesrios`).
    pub fn family_joined(&self) -> String {
        self.family.concat()
    }

    /// Family-name words that identify (particles and initials left out).
    pub fn family_core(&self) -> impl Iterator<Item = &str> {
        self.family.iter().map(String::as_str).filter(|w| is_family_core(w))
    }

    pub fn is_empty(&self) -> bool {
        self.given.is_empty() && self.family.is_empty()
    }
}

/// Whether a family-name word identifies (is neither a particle nor an initial).
pub fn is_family_core(word: &str) -> bool {
    word.len() > 1 && !PARTICLES.contains(&word)
}

/// Folded words of a name field without honorifics; placeholders give no words.
fn clean_field(raw: &str) -> Vec<String> {
    if is_field_placeholder(raw.trim()) {
        return Vec::new();
    }
    fold(raw)
        .split(' ')
        .filter(|w| !w.is_empty() && !HONORIFICS.contains(w) && !WORD_PLACEHOLDERS.contains(w))
        .map(str::to_owned)
        .collect()
}

/// Whether a trimmed field is a placeholder in any letter case (lower-casing only the rare
/// field that is not ASCII).
fn is_field_placeholder(field: &str) -> bool {
    if field.is_ascii() {
        FIELD_PLACEHOLDERS.iter().any(|p| field.eq_ignore_ascii_case(p))
    } else {
        FIELD_PLACEHOLDERS.contains(&field.to_lowercase().as_str())
    }
}

/// Nickname groups: each formal name and its diminutives share a group.
pub struct Nicknames {
    groups_of: HashMap<String, Vec<u32>, FastHash>,
}

/// FNV-1a for short name keys: much cheaper than the default SipHash, and the table is fixed
/// bundled data, so hash flooding is not a concern.
#[derive(Debug, Clone, Copy, Default)]
pub struct FastHash;

impl std::hash::BuildHasher for FastHash {
    type Hasher = Fnv;
    fn build_hasher(&self) -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

impl Nicknames {
    /// The bundled table, parsed once.
    pub fn bundled() -> &'static Self {
        static TABLE: OnceLock<Nicknames> = OnceLock::new();
        TABLE.get_or_init(|| Self::parse(include_str!("data/nicknames.csv")))
    }

    fn parse(csv: &str) -> Self {
        let mut formal_ids: HashMap<String, u32> = HashMap::new();
        let mut groups_of: HashMap<String, Vec<u32>, FastHash> = HashMap::with_hasher(FastHash);
        for line in csv.lines().skip(1) {
            let mut cells = line.split(',');
            let (Some(formal), Some(_), Some(nick)) = (cells.next(), cells.next(), cells.next()) else {
                continue;
            };
            let next_id = u32::try_from(formal_ids.len()).unwrap_or(u32::MAX);
            let id = *formal_ids.entry(fold(formal)).or_insert(next_id);
            for name in [fold(formal), fold(nick)] {
                let groups = groups_of.entry(name).or_default();
                if !groups.contains(&id) {
                    groups.push(id);
                }
            }
        }
        Self { groups_of }
    }

    /// The groups a folded given name belongs to (empty when it is in no group).
    pub fn groups(&self, name: &str) -> &[u32] {
        self.groups_of.get(name).map_or(&[], Vec::as_slice)
    }

    /// Whether two folded given names are a name and its diminutive (or two diminutives of one name).
    pub fn related(&self, a: &str, b: &str) -> bool {
        let (ga, gb) = (self.groups(a), self.groups(b));
        ga.iter().any(|g| gb.contains(g))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parsed(first: &str, last: &str) -> (Vec<String>, Vec<String>) {
        let n = PersonName::parse(Some(first), Some(last));
        (n.given, n.family)
    }

    #[test]
    fn strips_honorifics_and_splits_full_names() {
        assert_eq!(parsed("Dr. Sieglinde", "Gude, MBA"), (vec!["sieglinde".into()], vec!["gude".into()]));
        assert_eq!(parsed("Shannon Williams", "-"), (vec!["shannon".into()], vec!["williams".into()]));
        assert_eq!(parsed("", "Moore, Katy"), (vec!["katy".into()], vec!["moore".into()]));
        assert_eq!(
            parsed("Linda E.", "Williamson"),
            (vec!["linda".into(), "e".into()], vec!["williamson".into()])
        );
        assert_eq!(parsed("Eric", "Young Jr Jr"), (vec!["eric".into()], vec!["young".into()]));
    }

    #[test]
    fn nicknames_work_both_ways() {
        let table = Nicknames::bundled();
        assert!(table.related("bob", "robert"));
        assert!(table.related("elizabeth", "liz"));
        assert!(table.related("peggy", "margaret"));
        assert!(table.related("liz", "beth"));
        assert!(!table.related("robert", "margaret"));
    }

    #[test]
    fn family_core_skips_particles() {
        let name = PersonName::from_directory("Kyano", "van der Haeften");
        assert_eq!(name.family_core().collect::<Vec<_>>(), vec!["haeften"]);
        assert_eq!(name.family_joined(), "vanderhaeften");
    }

    proptest! {
        #[test]
        fn parsing_never_panics_and_is_idempotent(first in "\\PC{0,30}", last in "\\PC{0,30}") {
            let once = PersonName::parse(Some(&first), Some(&last));
            let (given, family) = (once.given.join(" "), once.family.join(" "));
            let placeholder = |field: &str| FIELD_PLACEHOLDERS.contains(&field);
            if !placeholder(&given) && !placeholder(&family) {
                prop_assert_eq!(PersonName::parse(Some(&given), Some(&family)), once);
            }
        }
    }
}

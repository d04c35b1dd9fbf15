//! Locations at any granularity ("Austin, TX", "München", "Germany", "Greater Boston") reduced to
//! canonical city, region and country words so that they can be compared level by level.

use super::text::fold;

/// Exonyms, local names and abbreviations mapped to one canonical folded form.
const ALIASES: &[(&str, &str)] = &[
    ("muenchen", "munich"),
    ("munchen", "munich"),
    ("koeln", "cologne"),
    ("koln", "cologne"),
    ("nuernberg", "nuremberg"),
    ("nurnberg", "nuremberg"),
    ("wien", "vienna"),
    ("roma", "rome"),
    ("milano", "milan"),
    ("napoli", "naples"),
    ("torino", "turin"),
    ("firenze", "florence"),
    ("venezia", "venice"),
    ("lisboa", "lisbon"),
    ("praha", "prague"),
    ("warszawa", "warsaw"),
    ("krakow", "krakow"),
    ("moskva", "moscow"),
    ("sankt peterburg", "saint petersburg"),
    ("st petersburg", "saint petersburg"),
    ("bruxelles", "brussels"),
    ("brussel", "brussels"),
    ("antwerpen", "antwerp"),
    ("den haag", "the hague"),
    ("s gravenhage", "the hague"),
    ("geneve", "geneva"),
    ("genf", "geneva"),
    ("zuerich", "zurich"),
    ("sevilla", "seville"),
    ("kobenhavn", "copenhagen"),
    ("koebenhavn", "copenhagen"),
    ("goteborg", "gothenburg"),
    ("goeteborg", "gothenburg"),
    ("athina", "athens"),
    ("bayern", "bavaria"),
    ("deutschland", "germany"),
    ("espana", "spain"),
    ("italia", "italy"),
    ("oesterreich", "austria"),
    ("osterreich", "austria"),
    ("schweiz", "switzerland"),
    ("suisse", "switzerland"),
    ("nederland", "netherlands"),
    ("the netherlands", "netherlands"),
    ("holland", "netherlands"),
    ("polska", "poland"),
    ("brasil", "brazil"),
    ("mexico city", "ciudad de mexico"),
    ("cdmx", "ciudad de mexico"),
    ("uk", "united kingdom"),
    ("u k", "united kingdom"),
    ("great britain", "united kingdom"),
    ("england", "england"),
    ("usa", "united states"),
    ("us", "united states"),
    ("u s", "united states"),
    ("u s a", "united states"),
    ("united states of america", "united states"),
    ("america", "united states"),
    ("uae", "united arab emirates"),
    ("nyc", "new york"),
    ("new york city", "new york"),
    ("la", "los angeles"),
    ("sf", "san francisco"),
    ("dc", "washington"),
    ("washington dc", "washington"),
    ("philly", "philadelphia"),
    ("st louis", "saint louis"),
    ("nordrhein westfalen", "north rhine westphalia"),
    ("nrw", "north rhine westphalia"),
];

/// US state and Canadian province codes with their names.
const REGION_CODES: &[(&str, &str)] = &[
    ("al", "alabama"),
    ("ak", "alaska"),
    ("az", "arizona"),
    ("ar", "arkansas"),
    ("ca", "california"),
    ("co", "colorado"),
    ("ct", "connecticut"),
    ("de", "delaware"),
    ("fl", "florida"),
    ("ga", "georgia"),
    ("hi", "hawaii"),
    ("id", "idaho"),
    ("il", "illinois"),
    ("in", "indiana"),
    ("ia", "iowa"),
    ("ks", "kansas"),
    ("ky", "kentucky"),
    ("me", "maine"),
    ("md", "maryland"),
    ("ma", "massachusetts"),
    ("mi", "michigan"),
    ("mn", "minnesota"),
    ("ms", "mississippi"),
    ("mo", "missouri"),
    ("mt", "montana"),
    ("ne", "nebraska"),
    ("nv", "nevada"),
    ("nh", "new hampshire"),
    ("nj", "new jersey"),
    ("nm", "new mexico"),
    ("ny", "new york"),
    ("nc", "north carolina"),
    ("nd", "north dakota"),
    ("oh", "ohio"),
    ("ok", "oklahoma"),
    ("or", "oregon"),
    ("pa", "pennsylvania"),
    ("ri", "rhode island"),
    ("sc", "south carolina"),
    ("sd", "south dakota"),
    ("tn", "tennessee"),
    ("tx", "texas"),
    ("ut", "utah"),
    ("vt", "vermont"),
    ("va", "virginia"),
    ("wa", "washington"),
    ("wv", "west virginia"),
    ("wi", "wisconsin"),
    ("wy", "wyoming"),
    ("on", "ontario"),
    ("qc", "quebec"),
    ("bc", "british columbia"),
    ("ab", "alberta"),
];

/// Countries as they appear after canonicalization (directory locations end with one).
const COUNTRIES: &[&str] = &[
    "united states",
    "united kingdom",
    "germany",
    "france",
    "spain",
    "italy",
    "netherlands",
    "belgium",
    "switzerland",
    "austria",
    "poland",
    "portugal",
    "ireland",
    "sweden",
    "norway",
    "denmark",
    "finland",
    "brazil",
    "mexico",
    "argentina",
    "chile",
    "colombia",
    "peru",
    "canada",
    "australia",
    "new zealand",
    "japan",
    "china",
    "india",
    "singapore",
    "south korea",
    "korea",
    "united arab emirates",
    "saudi arabia",
    "israel",
    "turkey",
    "south africa",
    "nigeria",
    "egypt",
    "russia",
    "ukraine",
    "czech republic",
    "czechia",
    "hungary",
    "romania",
    "greece",
    "indonesia",
    "malaysia",
    "philippines",
    "thailand",
    "vietnam",
    "hong kong",
    "taiwan",
    "luxembourg",
    "qatar",
    "kenya",
    "pakistan",
    "bangladesh",
];

/// ISO 3166 two-letter codes of the countries above, as typed alone in a location field ("DE")
/// and as country-code top-level domains (`uk` is the domain, `gb` the ISO code).
const COUNTRY_CODES: &[(&str, &str)] = &[
    ("us", "united states"),
    ("gb", "united kingdom"),
    ("uk", "united kingdom"),
    ("de", "germany"),
    ("fr", "france"),
    ("es", "spain"),
    ("it", "italy"),
    ("nl", "netherlands"),
    ("be", "belgium"),
    ("ch", "switzerland"),
    ("at", "austria"),
    ("pl", "poland"),
    ("pt", "portugal"),
    ("ie", "ireland"),
    ("se", "sweden"),
    ("no", "norway"),
    ("dk", "denmark"),
    ("fi", "finland"),
    ("br", "brazil"),
    ("mx", "mexico"),
    ("ar", "argentina"),
    ("cl", "chile"),
    ("co", "colombia"),
    ("pe", "peru"),
    ("ca", "canada"),
    ("au", "australia"),
    ("nz", "new zealand"),
    ("jp", "japan"),
    ("cn", "china"),
    ("in", "india"),
    ("sg", "singapore"),
    ("kr", "south korea"),
    ("ae", "united arab emirates"),
    ("sa", "saudi arabia"),
    ("il", "israel"),
    ("tr", "turkey"),
    ("za", "south africa"),
    ("ng", "nigeria"),
    ("eg", "egypt"),
    ("ru", "russia"),
    ("ua", "ukraine"),
    ("cz", "czech republic"),
    ("hu", "hungary"),
    ("ro", "romania"),
    ("gr", "greece"),
    ("id", "indonesia"),
    ("my", "malaysia"),
    ("ph", "philippines"),
    ("th", "thailand"),
    ("vn", "vietnam"),
    ("hk", "hong kong"),
    ("tw", "taiwan"),
    ("lu", "luxembourg"),
    ("qa", "qatar"),
    ("ke", "kenya"),
    ("pk", "pakistan"),
    ("bd", "bangladesh"),
];

/// The country of an ISO 3166 two-letter code or country-code domain (`de` → germany).
pub fn country_of_code(code: &str) -> Option<&'static str> {
    COUNTRY_CODES.iter().find(|(c, _)| *c == code).map(|(_, country)| *country)
}

/// Words of metro names that are not the city ("Greater Boston", "New York City Metropolitan Area").
const METRO_WORDS: &[&str] = &["greater", "metropolitan", "metro", "area", "region", "bay", "city"];

/// A location as canonical parts, most specific first, postcodes and metro words dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location(pub Vec<String>);

impl Location {
    /// The readings of a location field: one, or two for a lone code that is both a state and a
    /// country ("DE" is Delaware or Germany, "CA" California or Canada); none when it is empty.
    pub fn readings(raw: &str) -> Vec<Self> {
        let parsed = Self::parse(raw);
        if parsed.is_empty() {
            return Vec::new();
        }
        let code = fold(raw);
        let country = country_of_code(&code).filter(|_| is_region_code(&code));
        let mut readings = vec![parsed];
        readings.extend(country.map(|c| Self(vec![c.to_owned()])));
        readings
    }

    /// A location as canonical parts; a lone two-letter code is a state or province when it is
    /// one (see [`Location::readings`] for its other reading), else a country ("NL").
    pub fn parse(raw: &str) -> Self {
        let folded = fold(raw);
        if let Some(country) = lone_country_code(&folded) {
            return Self(vec![country.to_owned()]);
        }
        let parts: Vec<String> = raw
            .split([',', ';', '/', '('])
            .map(|part| canonical_part(&fold(part)))
            .filter(|p| !p.is_empty())
            .collect();
        let single_words: Vec<String> = match parts.as_slice() {
            [only] if only.contains(' ') => split_unpunctuated(only),
            _ => parts,
        };
        // What is left may itself be a lone code ("z a" folds to "za"): read it as parsing its
        // own output would, so that parsing is idempotent.
        match single_words.as_slice() {
            [only] => match lone_country_code(only) {
                Some(country) => Self(vec![country.to_owned()]),
                None => Self(single_words),
            },
            _ => Self(single_words),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether the most specific part of one is named anywhere in the other (city = city, or a
    /// query of only "Germany" within "Berlin, Germany").
    pub fn shares_place(&self, other: &Self) -> bool {
        self.0.iter().any(|p| other.0.contains(p))
    }

    /// The country, when the last part names one.
    pub fn country(&self) -> Option<&str> {
        self.0.last().map(String::as_str).filter(|c| COUNTRIES.contains(c))
    }

    /// Whether both name a country and the countries differ.
    pub fn other_country(&self, other: &Self) -> bool {
        matches!((self.country(), other.country()), (Some(a), Some(b)) if a != b)
    }

    /// Whether both name the same first (most specific) place; a place typed without commas may
    /// still carry its region ("belfast northern ireland" = "belfast").
    pub fn same_city(&self, other: &Self) -> bool {
        let within =
            |long: &str, short: &str| long.strip_prefix(short).is_some_and(|rest| rest.starts_with(' '));
        matches!((self.0.first(), other.0.first()), (Some(a), Some(b)) if a == b || within(a, b) || within(b, a))
    }
}

/// The country a location of just a two-letter ISO code names ("DE"), unless the code is also a
/// region's ("CA" is California as often as Canada).
fn lone_country_code(folded: &str) -> Option<&'static str> {
    (folded.len() == 2 && !is_region_code(folded)).then(|| country_of_code(folded)).flatten()
}

fn is_region_code(code: &str) -> bool {
    REGION_CODES.iter().any(|(c, _)| *c == code)
}

fn canonical_part(folded: &str) -> String {
    let kept: Vec<&str> = folded
        .split(' ')
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()) && !METRO_WORDS.contains(w))
        .collect();
    let joined = kept.join(" ");
    if let Some((_, full)) = ALIASES.iter().find(|(from, _)| *from == joined) {
        return (*full).to_owned();
    }
    if let Some((_, full)) = REGION_CODES.iter().find(|(code, _)| *code == joined) {
        return (*full).to_owned();
    }
    joined
}

/// "Austin TX 78701" or "Belfast Northern Ireland U.K." typed without commas: a trailing country
/// and then a trailing state or province code become parts of their own.
fn split_unpunctuated(text: &str) -> Vec<String> {
    let whole_place = COUNTRIES.contains(&text) || REGION_CODES.iter().any(|(_, name)| *name == text);
    if whole_place {
        return vec![text.to_owned()];
    }
    let mut words: Vec<&str> = text.split(' ').collect();
    let mut tail = Vec::new();
    if let Some((len, country)) = trailing_country(&words) {
        words.truncate(words.len() - len);
        tail.push(country);
    }
    if let Some((last, head)) = words.split_last()
        && !head.is_empty()
        && REGION_CODES.iter().any(|(code, _)| code == last)
    {
        tail.push(canonical_part(last));
        words.pop();
    }
    if words.is_empty() {
        return vec![text.to_owned()];
    }
    let mut parts = vec![canonical_part(&words.join(" "))];
    parts.extend(tail.into_iter().rev());
    parts.retain(|p| !p.is_empty());
    parts
}

/// The country named by the last one to three words, with their count, when words precede it.
fn trailing_country(words: &[&str]) -> Option<(usize, String)> {
    (1..=3.min(words.len().saturating_sub(1))).rev().find_map(|len| {
        let country = canonical_part(&words[words.len() - len..].join(" "));
        COUNTRIES.contains(&country.as_str()).then_some((len, country))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn granularity_and_abbreviations() {
        let full = Location::parse("Austin, Texas, United States");
        assert!(Location::parse("Austin, TX").same_city(&full));
        assert!(Location::parse("Austin TX 78701").same_city(&full));
        assert!(Location::parse("München").same_city(&Location::parse("Munich, Bavaria, Germany")));
        assert!(Location::parse("UK").shares_place(&Location::parse("Leeds, England, United Kingdom")));
        assert!(!Location::parse("Paris").shares_place(&full));
        let belfast = Location::parse("Belfast, Northern Ireland, United Kingdom");
        assert!(Location::parse("Belfast Northern Ireland U.K.").same_city(&belfast));
        assert_eq!(
            Location::parse("Indianapolis IN USA").0,
            vec!["indianapolis", "indiana", "united states"]
        );
        assert!(!Location::parse("Belfast Northern Ireland U.K.").same_city(&Location::parse("Bel Air")));
        assert_eq!(Location::parse("New Mexico").0, vec!["new mexico"]);
    }

    #[test]
    fn a_lone_code_is_a_country_or_both_a_state_and_a_country() {
        assert_eq!(Location::parse("NL").0, vec!["netherlands"]);
        assert_eq!(Location::readings("NL"), vec![Location::parse("Netherlands")]);
        assert_eq!(Location::readings("DE"), vec![Location::parse("Delaware"), Location::parse("Germany")]);
        assert_eq!(Location::readings("ca").len(), 2);
        assert_eq!(Location::readings("Recife, PE"), vec![Location::parse("Recife, PE")]);
        assert!(Location::readings(" ").is_empty());
        assert_eq!(country_of_code("uk"), Some("united kingdom"));
    }

    #[test]
    fn a_place_that_folds_to_a_country_code_parses_as_that_country_every_time() {
        // Found by the property below: "𐠼 0" folds to the parts "z", "a", joined "za".
        let once = Location::parse("\u{1083c} 0");
        assert_eq!(Location::parse(&once.0.join(", ")), once);
    }

    proptest! {
        #[test]
        fn parsing_never_panics_and_is_idempotent(raw in "\\PC{0,40}") {
            let once = Location::parse(&raw);
            prop_assert_eq!(Location::parse(&once.0.join(", ")), once.clone());
        }
    }
}

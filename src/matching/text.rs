//! Text primitives shared by every normalizer: Unicode folding to lower-case ASCII words,
//! a phonetic key that survives transliteration, and bounded edit distances.

use unicode_normalization::UnicodeNormalization;

/// Folds text to lower-case ASCII words separated by single spaces: compatibility forms and
/// diacritics folded (José → jose, Łukasz → lukasz), other scripts transliterated (Юлия → iuliia),
/// German umlauts written out (Müller → mueller, so that "Mueller" and "Müller" meet; the
/// phonetic key then also meets "Muller"), punctuation turned into spaces. `&` becomes "and".
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if text.is_ascii() {
        text.chars().for_each(|c| push_folded(c, &mut out));
    } else {
        text.nfkc().for_each(|c| push_folded(c, &mut out));
    }
    squash_spaces(out)
}

fn push_folded(c: char, out: &mut String) {
    match c {
        'a'..='z' | '0'..='9' => out.push(c),
        'A'..='Z' => out.push(c.to_ascii_lowercase()),
        '&' => out.push_str(" and "),
        '\'' | '’' | '`' | '´' => {}
        'ä' | 'Ä' => out.push_str("ae"),
        'ö' | 'Ö' => out.push_str("oe"),
        'ü' | 'Ü' => out.push_str("ue"),
        'ß' => out.push_str("ss"),
        c if c.is_ascii() => out.push(' '),
        c => {
            let ascii = deunicode::deunicode_char(c).unwrap_or(" ");
            for a in ascii.chars() {
                if a.is_ascii_alphanumeric() {
                    out.push(a.to_ascii_lowercase());
                } else if a != '\'' {
                    out.push(' ');
                }
            }
        }
    }
}

fn squash_spaces(text: String) -> String {
    let bytes = text.as_bytes();
    let clean = !bytes.starts_with(b" ") && !bytes.ends_with(b" ") && !bytes.windows(2).any(|w| w == b"  ");
    if clean { text } else { text.split_whitespace().collect::<Vec<_>>().join(" ") }
}

/// The words of folded text.
pub fn words(text: &str) -> Vec<String> {
    fold(text).split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

/// A phonetic key that is equal for spellings of one name across transliterations and
/// diacritic conventions (Kharchenko/Harchenko, Mueller/Muller, Nabeel/Nabil): a leading vowel
/// kept as `a`, then the consonant skeleton after merging letters that sound alike.
pub fn phonetic(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut last = ' ';
    let mut first = true;
    for c in merged_letters(word.as_bytes()) {
        let mapped = match c {
            b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'h' | b'w' if !first => continue,
            b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'h' => 'a',
            b'c' | b'q' | b'g' => 'k',
            b'z' => 's',
            b'v' | b'w' => 'f',
            b'j' => 'i',
            b'd' => 't',
            b'b' => 'p',
            c if c.is_ascii_lowercase() => char::from(c),
            _ => continue,
        };
        first = false;
        if mapped != last {
            out.push(mapped);
        }
        last = mapped;
    }
    out
}

/// Letters after merging groups that spell one sound (sch, kh, ph, ck, ch, sh, th, ae, oe, ue; x = ks).
fn merged_letters(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 2);
    let mut i = 0;
    while i < bytes.len() {
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        let (letters, used): (&[u8], usize) = match (bytes[i], next, bytes.get(i + 2).copied().unwrap_or(0)) {
            (b's', b'c', b'h') => (b"s", 3),
            (b'k', b'h', _) => (b"h", 2),
            (b'p', b'h', _) => (b"f", 2),
            (b'c', b'k', _) | (b'c', b'h', _) => (b"k", 2),
            (b's', b'h', _) => (b"s", 2),
            (b't', b'h', _) => (b"t", 2),
            (b'a', b'e', _) => (b"a", 2),
            (b'o', b'e', _) => (b"o", 2),
            (b'u', b'e', _) => (b"u", 2),
            (b'x', _, _) => (b"ks", 1),
            _ => (&bytes[i..=i], 1),
        };
        out.extend_from_slice(letters);
        i += used;
    }
    out
}

/// Damerau–Levenshtein (optimal string alignment) distance, or `None` once it exceeds `max`.
pub fn edit_distance_within(a: &str, b: &str, max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    if a.is_ascii() && b.is_ascii() {
        if max == 1 {
            return within_one_edit(a.as_bytes(), b.as_bytes());
        }
        if b.len() < SHORT {
            return osa_distance(a.as_bytes(), b.as_bytes(), max);
        }
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    osa_distance(&a, &b, max)
}

/// The distance when it is at most one edit, in one pass instead of a table: the common case of
/// the typo check, which runs for every pair of differing words in company-name alignment.
fn within_one_edit(a: &[u8], b: &[u8]) -> Option<usize> {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let Some(i) = short.iter().zip(long).position(|(x, y)| x != y) else {
        return Some(long.len() - short.len()).filter(|d| *d <= 1);
    };
    let same_after = |s: usize, l: usize| short.get(s..) == long.get(l..);
    if short.len() == long.len() {
        let swapped = i + 1 < short.len() && short[i] == long[i + 1] && short[i + 1] == long[i];
        (same_after(i + 1, i + 1) || (swapped && same_after(i + 2, i + 2))).then_some(1)
    } else {
        same_after(i, i + 1).then_some(1)
    }
}

/// Words shorter than this are compared with rows on the stack.
const SHORT: usize = 48;

/// Optimal-string-alignment distance with three rolling rows, cut off above `max`.
///
/// Only the diagonal band `|i - j| <= max` is computed: a cell outside it is already more than
/// `max` edits away, so reading it as "too far" changes no answer within the budget. With the
/// typo budgets used here (at most 2) that is 3–5 cells a row instead of the whole row, which
/// matters because company-name alignment compares hundreds of word pairs per query.
fn osa_distance<T: PartialEq>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    let width = b.len() + 1;
    let too_far = max + 1;
    let mut stack = [0usize; 3 * SHORT];
    let mut heap = Vec::new();
    let rows: &mut [usize] = if width <= SHORT {
        &mut stack[..3 * width]
    } else {
        heap.resize(3 * width, 0);
        &mut heap
    };
    rows.fill(too_far);
    for (j, cell) in rows[..width.min(too_far)].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, prev2) = ((i % 3) * width, ((i - 1) % 3) * width, ((i + 1) % 3) * width);
        let (lo, hi) = (i.saturating_sub(max).max(1), (i + max).min(width - 1));
        // The cell left of the band: the edge of the table, or beyond the budget.
        rows[cur + lo - 1] = if lo == 1 { i.min(too_far) } else { too_far };
        let mut row_min = rows[cur + lo - 1];
        for j in lo..=hi {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[prev + j] + 1).min(rows[cur + j - 1] + 1).min(rows[prev + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[prev2 + j - 2] + 1);
            }
            let best = best.min(too_far);
            rows[cur + j] = best;
            row_min = row_min.min(best);
        }
        if row_min > max {
            return None;
        }
    }
    let d = rows[(a.len() % 3) * width + b.len()];
    (d <= max).then_some(d)
}

/// The typo budget for a word of this length: none below 4 letters, one up to 7, two above.
pub fn typo_budget(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Whether two words are equal up to the typo budget of the shorter one.
pub fn is_typo_of(a: &str, b: &str) -> bool {
    let budget = typo_budget(a.len().min(b.len()));
    budget > 0 && edit_distance_within(a, b, budget).is_some()
}

/// Every string obtained by deleting one character (for typo-tolerant lookups: two words within
/// one edit share a deletion variant or one is a deletion of the other).
pub fn deletions(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    (0..chars.len())
        .map(|skip| chars.iter().enumerate().filter(|(i, _)| *i != skip).map(|(_, c)| *c).collect())
        .collect()
}

/// A 64-bit FNV-1a hash, stable across runs and platforms (index keys must not depend on a
/// random hasher seed, so that builds are deterministic).
pub fn stable_hash(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.iter().chain(std::iter::once(&0xffu8)) {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_diacritics_scripts_and_punctuation() {
        assert_eq!(fold("  José  MÜLLER-Łukasz "), "jose mueller lukasz");
        assert_eq!(fold("O'Brien & Sons, Inc."), "obrien and sons inc");
        assert_eq!(fold("Юлия"), "iuliia");
    }

    #[test]
    fn phonetic_meets_transliterations() {
        assert_eq!(phonetic("kharchenko"), phonetic("harchenko"));
        assert_eq!(phonetic(&fold("Müller")), phonetic("muller"));
        assert_eq!(phonetic("nabeel"), phonetic("nabil"));
        assert_ne!(phonetic("smith"), phonetic("jones"));
    }

    #[test]
    fn edit_distance_counts_transpositions_once() {
        assert_eq!(edit_distance_within("yamamoto", "yqmamoto", 2), Some(1));
        assert_eq!(edit_distance_within("walton", "waltn", 1), Some(1));
        assert_eq!(edit_distance_within("abcd", "bacd", 1), Some(1));
        assert_eq!(edit_distance_within("smith", "jones", 2), None);
    }

    /// The textbook optimal-string-alignment table, every cell, as the reference.
    fn full_osa(a: &[u8], b: &[u8]) -> usize {
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[a.len()][b.len()]
    }

    proptest! {
        #[test]
        fn fold_is_idempotent_and_ascii(text in "\\PC{0,40}") {
            let once = fold(&text);
            prop_assert!(once.is_ascii());
            prop_assert_eq!(fold(&once), once.clone());
            let _ = phonetic(&once);
        }

        #[test]
        fn banded_distance_agrees_with_the_full_table(a in "[a-d]{0,9}", b in "[a-d]{0,9}", max in 0usize..4) {
            let full = full_osa(a.as_bytes(), b.as_bytes());
            prop_assert_eq!(edit_distance_within(&a, &b, max), (full <= max).then_some(full));
        }

        #[test]
        fn one_edit_check_agrees_with_the_full_table(a in "[a-c]{0,7}", b in "[a-c]{0,7}") {
            let full = full_osa(a.as_bytes(), b.as_bytes());
            prop_assert_eq!(edit_distance_within(&a, &b, 1), (full <= 1).then_some(full));
        }

        #[test]
        fn edit_distance_is_symmetric(a in "[a-e]{0,8}", b in "[a-e]{0,8}") {
            prop_assert_eq!(edit_distance_within(&a, &b, 3), edit_distance_within(&b, &a, 3));
        }
    }
}

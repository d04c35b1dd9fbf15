//! Directory ids: a prefix letter and a fixed number of digits (6, or more for directories too big
//! for 6), sparse like real ids but increasing with the index, so index order is id order.

use super::rng::mix;

/// Maps entity indexes to ids and back.
#[derive(Debug, Clone)]
pub struct IdScheme {
    prefix: char,
    width: usize,
    base: u64,
    stride: u64,
    salt: u64,
}

impl IdScheme {
    pub fn new(prefix: char, count: u64, seed: u64) -> Self {
        let mut width = 6;
        while 9 * 10u64.pow(width as u32 - 1) < count {
            width += 1;
        }
        let base = 10u64.pow(width as u32 - 1);
        let stride = (9 * base / count.max(1)).max(1);
        Self { prefix, width, base, stride, salt: mix(seed ^ u64::from(prefix)) }
    }

    fn number(&self, index: u64) -> u64 {
        self.base + index * self.stride + mix(self.salt ^ index) % self.stride
    }

    pub fn id(&self, index: u64) -> String {
        let mut out = Vec::with_capacity(self.width + 1);
        self.write_id(index, &mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    /// Appends the id of `index` to `out` (the hot path of connection output).
    pub fn write_id(&self, index: u64, out: &mut Vec<u8>) {
        let mut digits = [b'0'; 20];
        let mut n = self.number(index);
        for slot in digits[..self.width].iter_mut().rev() {
            *slot = b'0' + (n % 10) as u8;
            n /= 10;
        }
        out.push(self.prefix as u8);
        out.extend_from_slice(&digits[..self.width]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_directories_use_six_digits_and_large_ones_more() {
        assert_eq!(IdScheme::new('m', 50_000, 1).id(0).len(), 7);
        assert_eq!(IdScheme::new('m', 900_000, 1).id(899_999).len(), 7);
        assert_eq!(IdScheme::new('m', 1_000_000, 1).id(999_999).len(), 8);
    }

    #[test]
    fn ids_are_unique_and_increasing() {
        let ids = IdScheme::new('m', 10_000, 3);
        let all: Vec<String> = (0..10_000).map(|i| ids.id(i)).collect();
        assert!(all.windows(2).all(|w| w[0] < w[1]));
        assert!(all[0].starts_with("m1"));
    }
}

//! Secrets at rest: argon2id password hashes, SHA-256 hashes of API keys and session ids, and
//! the random tokens behind them. Only hashes reach the database.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

use super::StorageError;

/// Shorter passwords are refused.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// API keys read `crml_<prefix>_<secret>`; the prefix identifies the key, the whole is hashed.
pub const API_KEY_TAG: &str = "crml_";

/// Hashes a password with argon2id and a fresh salt (PHC string).
pub fn hash_password(password: &SecretString) -> Result<String, StorageError> {
    let password = password.expose_secret();
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(StorageError::Invalid(format!(
            "the password is shorter than {MIN_PASSWORD_CHARS} characters"
        )));
    }
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| StorageError::Invalid(format!("cannot hash the password: {e}")))
}

/// Whether `password` matches a hash made by [`hash_password`].
pub fn verify_password(hash: &str, password: &SecretString) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default().verify_password(password.expose_secret().as_bytes(), &parsed).is_ok()
    })
}

/// Hex SHA-256, for values that are already high-entropy (API keys, session ids).
pub fn sha256_hex(value: &str) -> String {
    hex::encode(Sha256::digest(value.as_bytes()))
}

/// `bytes` random bytes from the OS, base64url without padding.
pub fn random_token(bytes: usize) -> SecretString {
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    SecretString::from(URL_SAFE_NO_PAD.encode(buf))
}

/// A freshly generated API key: shown once, then only its hash and prefix are kept.
pub struct GeneratedApiKey {
    pub prefix: String,
    pub key: SecretString,
    pub hash: String,
}

pub fn generate_api_key() -> GeneratedApiKey {
    let mut prefix = [0u8; 6];
    rand::rngs::OsRng.fill_bytes(&mut prefix);
    let prefix = hex::encode(prefix);
    let key = format!("{API_KEY_TAG}{prefix}_{}", random_token(32).expose_secret());
    let hash = sha256_hex(&key);
    GeneratedApiKey { prefix, key: SecretString::from(key), hash }
}

/// The prefix of a presented API key, if it has the shape of one.
pub fn api_key_prefix(presented: &str) -> Option<&str> {
    let rest = presented.strip_prefix(API_KEY_TAG)?;
    let (prefix, secret) = rest.split_once('_')?;
    (prefix.len() == 12 && !secret.is_empty()).then_some(prefix)
}

/// Compares two equal-length hex digests without an early exit.
pub fn digests_equal(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_hash_verifies_only_the_same_password() {
        let hash = hash_password(&SecretString::from("correct horse battery")).unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password(&hash, &SecretString::from("correct horse battery")));
        assert!(!verify_password(&hash, &SecretString::from("correct horse battery!")));
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(hash_password(&SecretString::from("short")).is_err());
    }

    #[test]
    fn api_keys_carry_their_prefix_and_hash() {
        let generated = generate_api_key();
        let key = generated.key.expose_secret();
        assert_eq!(api_key_prefix(key), Some(generated.prefix.as_str()));
        assert!(digests_equal(&sha256_hex(key), &generated.hash));
        assert_eq!(api_key_prefix("Bearer nonsense"), None);
    }
}

//! Instance-wide values kept in the database, chiefly the signing secret used when none is
//! configured.

use diesel::prelude::*;
use rand::RngCore;
use secrecy::SecretString;

use super::schema::instance_settings::dsl as t;
use super::{DbConnection, StorageError, with_conn};
use crate::matching::email::EmailKey;

const SECRET_KEY: &str = "instance_secret";

/// The configured secret, or else the one kept in the database, generated (256 random bits,
/// hex) on first use. Concurrent first uses agree: the first insert wins and all re-read it.
pub fn instance_secret(
    conn: &mut DbConnection,
    configured: Option<&SecretString>,
) -> Result<SecretString, StorageError> {
    if let Some(secret) = configured {
        return Ok(secret.clone());
    }
    if let Some(stored) = get(conn, SECRET_KEY)? {
        return Ok(SecretString::from(stored));
    }
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    insert_if_absent(conn, SECRET_KEY, &hex::encode(bytes))?;
    let stored = get(conn, SECRET_KEY)?.ok_or_else(|| StorageError::NotFound("instance secret".into()))?;
    Ok(SecretString::from(stored))
}

/// Reads one instance setting.
pub fn get(conn: &mut DbConnection, key: &str) -> Result<Option<String>, StorageError> {
    let query = t::instance_settings.filter(t::key.eq(key)).select(t::value);
    Ok(with_conn!(conn, c => query.first::<String>(c).optional())?)
}

/// Writes one instance setting, replacing any earlier value.
pub fn set(conn: &mut DbConnection, key: &str, value: &str) -> Result<(), StorageError> {
    let row = (t::key.eq(key), t::value.eq(value));
    with_conn!(conn, c => diesel::insert_into(t::instance_settings)
        .values(row)
        .on_conflict(t::key)
        .do_update()
        .set(t::value.eq(value))
        .execute(c))?;
    Ok(())
}

fn insert_if_absent(conn: &mut DbConnection, key: &str, value: &str) -> Result<(), StorageError> {
    let row = (t::key.eq(key), t::value.eq(value));
    with_conn!(conn, c => diesel::insert_into(t::instance_settings)
        .values(row)
        .on_conflict_do_nothing()
        .execute(c))?;
    Ok(())
}

const EMAIL_KEY_CHECK: &str = "email_key_check";

/// Identifies an e-mail key without revealing it: the hash of a fixed address no one has.
pub fn email_key_fingerprint(key: &EmailKey) -> String {
    key.hash_normalized("key-check@crmlens.invalid").to_hex()
}

/// Records the fingerprint of the key the directory's e-mail hashes are made with, or, when one
/// is recorded, refuses a different one: hashes made under another secret would never match.
pub fn claim_email_key(conn: &mut DbConnection, fingerprint: &str) -> Result<(), StorageError> {
    insert_if_absent(conn, EMAIL_KEY_CHECK, fingerprint)?;
    match email_key_matches(conn, fingerprint)? {
        Some(false) => Err(StorageError::Conflict(
            "the directory's e-mail hashes were made with another instance secret; set the secret \
             used for the first import (--secret-file or CRMLENS_SECRET), or none if none was set"
                .to_owned(),
        )),
        _ => Ok(()),
    }
}

/// Whether `fingerprint` is that of the key the directory's e-mail hashes were made with
/// (`None`: no member has been imported yet). For a warning at server start.
pub fn email_key_matches(conn: &mut DbConnection, fingerprint: &str) -> Result<Option<bool>, StorageError> {
    Ok(get(conn, EMAIL_KEY_CHECK)?.map(|recorded| recorded == fingerprint))
}

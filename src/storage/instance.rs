//! Instance-wide values kept in the database, chiefly the signing secret used when none is
//! configured.

use diesel::prelude::*;
use rand::RngCore;
use secrecy::SecretString;

use super::schema::instance_settings::dsl as t;
use super::{DbConnection, StorageError, with_conn};

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

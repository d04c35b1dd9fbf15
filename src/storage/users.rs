//! Users of a tenant: role, seat, the directory member they are, and an optional local password
//! (argon2id hash; SSO users have none).

use diesel::prelude::*;

use super::ids::{EntityId, Role, Seat, TenantId, UserId};
use super::schema::{sessions, users};
use super::{DbConnection, StorageError, unique_violation_as, with_conn};

/// A user as stored; the password hash stays in the database (see [`password_hash`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct User {
    pub id: UserId,
    pub tenant_id: TenantId,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub seat: Seat,
    pub member_id: Option<EntityId>,
    pub has_password: bool,
    pub disabled: bool,
    pub created_at: i64,
}

/// What a new user starts with.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub seat: Seat,
    pub member_id: Option<EntityId>,
    pub password_hash: Option<String>,
}

/// Changes to a user; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct UserChanges {
    pub name: Option<String>,
    pub role: Option<Role>,
    pub seat: Option<Seat>,
    pub member_id: Option<Option<EntityId>>,
    pub password_hash: Option<String>,
    pub disabled: Option<bool>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = users)]
pub(super) struct UserRow {
    id: i64,
    tenant_id: i64,
    email: String,
    name: String,
    role: String,
    seat: String,
    member_id: Option<String>,
    password_hash: Option<String>,
    disabled: bool,
    created_at: i64,
}

impl TryFrom<UserRow> for User {
    type Error = StorageError;

    fn try_from(row: UserRow) -> Result<Self, StorageError> {
        Ok(Self {
            id: UserId(row.id),
            tenant_id: TenantId(row.tenant_id),
            email: row.email,
            name: row.name,
            role: Role::parse(&row.role)?,
            seat: Seat::parse(&row.seat)?,
            member_id: row.member_id.map(EntityId::from_db),
            has_password: row.password_hash.is_some(),
            disabled: row.disabled,
            created_at: row.created_at,
        })
    }
}

#[derive(AsChangeset)]
#[diesel(table_name = users)]
struct UserChangeset<'a> {
    name: Option<&'a str>,
    role: Option<&'static str>,
    seat: Option<&'static str>,
    member_id: Option<Option<&'a str>>,
    password_hash: Option<&'a str>,
    disabled: Option<bool>,
}

/// A sign-in address: trimmed and lower-cased; must look like an address.
pub fn normalize_login_email(value: &str) -> Result<String, StorageError> {
    let email = value.trim().to_lowercase();
    let valid = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && domain.contains('.') && !email.contains(char::is_whitespace)
    });
    if valid { Ok(email) } else { Err(StorageError::Invalid(format!("{value:?} is not an e-mail address"))) }
}

/// Adds a user to a tenant; an address already used in the tenant is a conflict.
pub fn add(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: &NewUser,
    now: i64,
) -> Result<User, StorageError> {
    let email = normalize_login_email(&user.email)?;
    if user.name.trim().is_empty() {
        return Err(StorageError::Invalid("a user needs a non-empty name".into()));
    }
    let row = (
        users::tenant_id.eq(tenant.0),
        users::email.eq(&email),
        users::name.eq(user.name.trim()),
        users::role.eq(user.role.as_str()),
        users::seat.eq(user.seat.as_str()),
        users::member_id.eq(user.member_id.as_ref().map(EntityId::as_str)),
        users::password_hash.eq(user.password_hash.as_deref()),
        users::disabled.eq(false),
        users::created_at.eq(now),
    );
    let inserted = with_conn!(conn, c => diesel::insert_into(users::table)
        .values(row)
        .returning(users::id)
        .get_result::<i64>(c));
    let id =
        inserted.map_err(unique_violation_as(|| format!("user {email} already exists in this tenant")))?;
    get(conn, UserId(id))
}

pub fn get(conn: &mut DbConnection, id: UserId) -> Result<User, StorageError> {
    let row =
        with_conn!(conn, c => users::table.find(id.0).select(UserRow::as_select()).get_result(c).optional())?;
    row.ok_or_else(|| StorageError::NotFound(format!("user #{}", id.0)))?.try_into()
}

/// The user with this address in a tenant (the address is normalized first).
pub fn find_by_email(
    conn: &mut DbConnection,
    tenant: TenantId,
    email: &str,
) -> Result<Option<User>, StorageError> {
    let email = normalize_login_email(email)?;
    let row = with_conn!(conn, c => users::table
        .filter(users::tenant_id.eq(tenant.0))
        .filter(users::email.eq(&email))
        .select(UserRow::as_select())
        .get_result(c)
        .optional())?;
    row.map(User::try_from).transpose()
}

/// Like [`find_by_email`], but a missing user is an error naming the address.
pub fn require_by_email(
    conn: &mut DbConnection,
    tenant: TenantId,
    email: &str,
) -> Result<User, StorageError> {
    find_by_email(conn, tenant, email)?.ok_or_else(|| StorageError::NotFound(format!("user {email}")))
}

/// A tenant's users, by address.
pub fn list_for_tenant(conn: &mut DbConnection, tenant: TenantId) -> Result<Vec<User>, StorageError> {
    let rows = with_conn!(conn, c => users::table
        .filter(users::tenant_id.eq(tenant.0))
        .order(users::email)
        .select(UserRow::as_select())
        .load(c))?;
    rows.into_iter().map(User::try_from).collect()
}

/// The stored argon2id hash, for a password sign-in.
pub fn password_hash(conn: &mut DbConnection, id: UserId) -> Result<Option<String>, StorageError> {
    let hash = with_conn!(conn, c => users::table
        .find(id.0)
        .select(users::password_hash)
        .first::<Option<String>>(c)
        .optional())?;
    Ok(hash.flatten())
}

/// Applies changes; disabling a user also revokes all their sessions.
pub fn update(conn: &mut DbConnection, id: UserId, changes: &UserChanges) -> Result<User, StorageError> {
    if changes.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
        return Err(StorageError::Invalid("a user needs a non-empty name".into()));
    }
    let changeset = UserChangeset {
        name: changes.name.as_deref().map(str::trim),
        role: changes.role.map(Role::as_str),
        seat: changes.seat.map(Seat::as_str),
        member_id: changes.member_id.as_ref().map(|m| m.as_ref().map(EntityId::as_str)),
        password_hash: changes.password_hash.as_deref(),
        disabled: changes.disabled,
    };
    with_conn!(conn, c => c.transaction(|c| {
        let nothing_to_change = changeset.name.is_none()
            && changeset.role.is_none()
            && changeset.seat.is_none()
            && changeset.member_id.is_none()
            && changeset.password_hash.is_none()
            && changeset.disabled.is_none();
        if !nothing_to_change {
            diesel::update(users::table.find(id.0)).set(&changeset).execute(c)?;
        }
        if changes.disabled == Some(true) {
            diesel::update(sessions::table.filter(sessions::user_id.eq(id.0)))
                .set(sessions::revoked.eq(true))
                .execute(c)?;
        }
        diesel::QueryResult::Ok(())
    }))?;
    get(conn, id)
}

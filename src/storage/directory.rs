//! The directory: companies, members with past positions and e-mail hashes, and connections.
//! Batch upserts for import, and keyset-paged reads in id order for the matching index.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;
use diesel::upsert::excluded;

use super::schema::{companies, connections, member_emails, member_past_positions, members};
use super::{DbConnection, StorageError, with_conn};
use crate::formats::{CompanyRecord, PastPosition};
use crate::matching::email::EmailHash;

/// Rows per multi-row INSERT: below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const ROWS_PER_INSERT: usize = 1_000;

/// A member as stored: the record of FORMATS.md with its e-mail addresses replaced by hashes.
#[derive(Debug, Clone, PartialEq)]
pub struct DirectoryMember {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub headline: String,
    pub title: String,
    pub company_id: Option<String>,
    pub company_name: String,
    pub location: String,
    /// Most recent first.
    pub past_positions: Vec<PastPosition>,
    /// Distinct, ordered by hash.
    pub emails: Vec<MemberEmail>,
}

/// A keyed hash of one of a member's addresses, with the address's domain kept as evidence.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct MemberEmail {
    pub hash: EmailHash,
    pub domain: String,
}

#[derive(Insertable, Queryable, Selectable)]
#[diesel(table_name = members, treat_none_as_default_value = false)]
struct MemberRow {
    id: String,
    first_name: String,
    last_name: String,
    headline: String,
    title: String,
    company_id: Option<String>,
    company_name: String,
    location: String,
}

#[derive(Insertable)]
#[diesel(table_name = members, treat_none_as_default_value = false)]
struct MemberValues<'a> {
    id: &'a str,
    first_name: &'a str,
    last_name: &'a str,
    headline: &'a str,
    title: &'a str,
    company_id: Option<&'a str>,
    company_name: &'a str,
    location: &'a str,
}

#[derive(Insertable)]
#[diesel(table_name = member_past_positions, treat_none_as_default_value = false)]
struct PositionValues {
    member_id: String,
    ordinal: i32,
    company_id: Option<String>,
    company_name: String,
    title: String,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = member_past_positions)]
struct PositionRow {
    member_id: String,
    company_id: Option<String>,
    company_name: String,
    title: String,
}

/// `treat_none_as_default_value = false` everywhere: otherwise Diesel inserts SQLite batches one
/// row at a time, preparing each statement anew.
#[derive(Insertable)]
#[diesel(table_name = member_emails, treat_none_as_default_value = false)]
struct EmailValues {
    member_id: String,
    email_hash: String,
    domain: String,
}

#[derive(Insertable, Queryable, Selectable)]
#[diesel(table_name = companies, treat_none_as_default_value = false)]
struct CompanyRow {
    id: String,
    name: String,
    industry: String,
    location: String,
    website: String,
    size: Option<i64>,
    description: String,
}

/// Runs `$insert` (an INSERT of `$chunk`) over `$rows` in statements of [`ROWS_PER_INSERT`] rows,
/// the remainder in statements of 100, 10 and 1 rows. Every chunk is a fixed-size array, whose
/// statement Diesel prepares once per connection and caches: parsing a statement of a few thousand
/// parameters costs more than running it. Evaluates to the number of rows affected.
macro_rules! insert_in_chunks {
    ($c:expr, $rows:expr, |$chunk:ident| $insert:expr) => {{
        let rows = &$rows[..];
        let (full, rest) = rows.as_chunks::<ROWS_PER_INSERT>();
        let (hundreds, rest) = rest.as_chunks::<100>();
        let (tens, rest) = rest.as_chunks::<10>();
        let (ones, _) = rest.as_chunks::<1>();
        let mut affected = 0;
        for $chunk in full {
            affected += $insert.execute($c)?;
        }
        for $chunk in hundreds {
            affected += $insert.execute($c)?;
        }
        for $chunk in tens {
            affected += $insert.execute($c)?;
        }
        for $chunk in ones {
            affected += $insert.execute($c)?;
        }
        affected
    }};
}

/// Inserts or replaces members by id, replacing their positions and e-mail hashes. Ids must be
/// distinct within `batch`. Run it inside a transaction. Returns how many ids were new.
pub fn upsert_members(conn: &mut DbConnection, batch: &[DirectoryMember]) -> Result<usize, StorageError> {
    let ids: Vec<&str> = batch.iter().map(|m| m.id.as_str()).collect();
    let existing = existing_members(conn, &ids)?;
    let rows: Vec<MemberValues<'_>> = batch.iter().map(member_values).collect();
    let positions: Vec<PositionValues> = batch.iter().flat_map(position_values).collect();
    let emails: Vec<EmailValues> = batch.iter().flat_map(email_values).collect();
    with_conn!(conn, c => {
        for chunk in existing.chunks(ROWS_PER_INSERT) {
            let owned = member_past_positions::member_id.eq_any(chunk);
            diesel::delete(member_past_positions::table.filter(owned)).execute(c)?;
            diesel::delete(member_emails::table.filter(member_emails::member_id.eq_any(chunk))).execute(c)?;
        }
        insert_in_chunks!(c, rows, |chunk| diesel::insert_into(members::table)
            .values(chunk)
            .on_conflict(members::id)
            .do_update()
            .set((
                members::first_name.eq(excluded(members::first_name)),
                members::last_name.eq(excluded(members::last_name)),
                members::headline.eq(excluded(members::headline)),
                members::title.eq(excluded(members::title)),
                members::company_id.eq(excluded(members::company_id)),
                members::company_name.eq(excluded(members::company_name)),
                members::location.eq(excluded(members::location)),
            )));
        insert_in_chunks!(c, positions, |chunk| diesel::insert_into(member_past_positions::table).values(chunk));
        insert_in_chunks!(c, emails, |chunk| diesel::insert_into(member_emails::table).values(chunk));
        diesel::QueryResult::Ok(())
    })?;
    Ok(batch.len() - existing.len())
}

fn member_values(m: &DirectoryMember) -> MemberValues<'_> {
    MemberValues {
        id: &m.id,
        first_name: &m.first_name,
        last_name: &m.last_name,
        headline: &m.headline,
        title: &m.title,
        company_id: m.company_id.as_deref(),
        company_name: &m.company_name,
        location: &m.location,
    }
}

/// Owned, because a cached statement's parameter types must be `'static`.
fn position_values(m: &DirectoryMember) -> impl Iterator<Item = PositionValues> {
    m.past_positions.iter().zip(0..).map(|(p, ordinal)| PositionValues {
        member_id: m.id.clone(),
        ordinal,
        company_id: p.company_id.clone(),
        company_name: p.company_name.clone(),
        title: p.title.clone(),
    })
}

fn email_values(m: &DirectoryMember) -> impl Iterator<Item = EmailValues> {
    m.emails.iter().map(|e| EmailValues {
        member_id: m.id.clone(),
        email_hash: e.hash.to_hex(),
        domain: e.domain.clone(),
    })
}

/// The ids among `ids` that are already members.
fn existing_members(conn: &mut DbConnection, ids: &[&str]) -> Result<Vec<String>, StorageError> {
    match conn {
        // One statement per batch, prepared once: SQLite never caches an `IN (?, ?, …)` list,
        // and parsing thousands of parameters per batch showed in import profiles.
        DbConnection::Sqlite(c) => {
            let ids = serde_json::to_string(ids).map_err(|e| StorageError::Invalid(e.to_string()))?;
            let found =
                diesel::sql_query("SELECT id FROM members WHERE id IN (SELECT value FROM json_each(?))")
                    .bind::<diesel::sql_types::Text, _>(ids)
                    .load::<MemberId>(c)?;
            Ok(found.into_iter().map(|m| m.id).collect())
        }
        DbConnection::Postgres(c) => {
            let mut existing = Vec::new();
            for chunk in ids.chunks(ROWS_PER_INSERT) {
                existing.extend(
                    members::table.filter(members::id.eq_any(chunk)).select(members::id).load::<String>(c)?,
                );
            }
            Ok(existing)
        }
    }
}

#[derive(QueryableByName)]
struct MemberId {
    #[diesel(sql_type = diesel::sql_types::Text)]
    id: String,
}

/// Inserts or replaces companies by id (distinct within `batch`). Returns how many were new.
pub fn upsert_companies(conn: &mut DbConnection, batch: &[CompanyRecord]) -> Result<usize, StorageError> {
    let mut existing = 0;
    for chunk in batch.chunks(ROWS_PER_INSERT) {
        let ids: Vec<&str> = chunk.iter().map(|c| c.id.as_str()).collect();
        let rows: Vec<CompanyRow> = chunk.iter().map(company_row).collect();
        existing += with_conn!(conn, c => {
            let count = companies::table.filter(companies::id.eq_any(&ids)).count().get_result::<i64>(c)?;
            diesel::insert_into(companies::table)
                .values(&rows)
                .on_conflict(companies::id)
                .do_update()
                .set((
                    companies::name.eq(excluded(companies::name)),
                    companies::industry.eq(excluded(companies::industry)),
                    companies::location.eq(excluded(companies::location)),
                    companies::website.eq(excluded(companies::website)),
                    companies::size.eq(excluded(companies::size)),
                    companies::description.eq(excluded(companies::description)),
                ))
                .execute(c)?;
            diesel::QueryResult::Ok(usize::try_from(count).unwrap_or(0))
        })?;
    }
    Ok(batch.len().saturating_sub(existing))
}

fn company_row(c: &CompanyRecord) -> CompanyRow {
    CompanyRow {
        id: c.id.clone(),
        name: c.name.clone(),
        industry: c.industry.clone(),
        location: c.location.clone(),
        website: c.website.clone(),
        size: c.size,
        description: c.description.clone(),
    }
}

impl From<CompanyRow> for CompanyRecord {
    fn from(r: CompanyRow) -> Self {
        Self {
            id: r.id,
            name: r.name,
            industry: r.industry,
            location: r.location,
            website: r.website,
            size: r.size,
            description: r.description,
        }
    }
}

/// The ids among `ids` that are not members.
pub fn missing_members<'a>(
    conn: &mut DbConnection,
    ids: &[&'a str],
) -> Result<HashSet<&'a str>, StorageError> {
    let mut missing: HashSet<&str> = ids.iter().copied().collect();
    let wanted: Vec<&str> = missing.iter().copied().collect();
    for chunk in wanted.chunks(ROWS_PER_INSERT) {
        let found = with_conn!(conn, c => members::table
            .filter(members::id.eq_any(chunk))
            .select(members::id)
            .load::<String>(c))?;
        for id in &found {
            missing.remove(id.as_str());
        }
    }
    Ok(missing)
}

/// Adds connections between existing members, each given with `a < b`; known ones are kept.
/// Returns how many were new.
pub fn insert_connections(
    conn: &mut DbConnection,
    edges: &[(String, String)],
) -> Result<usize, StorageError> {
    let rows: Vec<_> =
        edges.iter().map(|(a, b)| (connections::a.eq(a.as_str()), connections::b.eq(b.as_str()))).collect();
    let inserted = with_conn!(conn, c => {
        let inserted = insert_in_chunks!(c, rows, |chunk| diesel::insert_into(connections::table)
            .values(chunk)
            .on_conflict_do_nothing());
        diesel::QueryResult::Ok(inserted)
    })?;
    Ok(inserted)
}

/// Up to `limit` members with ids after `after`, in id order, with positions and e-mail hashes.
/// Call again with the last id returned until the page comes back empty.
pub fn member_page(
    conn: &mut DbConnection,
    after: Option<&str>,
    limit: usize,
) -> Result<Vec<DirectoryMember>, StorageError> {
    let after = after.unwrap_or("");
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows: Vec<MemberRow> = with_conn!(conn, c => members::table
        .filter(members::id.gt(after))
        .order(members::id)
        .limit(limit)
        .select(MemberRow::as_select())
        .load(c))?;
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else { return Ok(Vec::new()) };
    let (first, last) = (first.id.clone(), last.id.clone());
    let positions: Vec<PositionRow> = with_conn!(conn, c => member_past_positions::table
        .filter(member_past_positions::member_id.between(&first, &last))
        .order((member_past_positions::member_id, member_past_positions::ordinal))
        .select(PositionRow::as_select())
        .load(c))?;
    let emails: Vec<(String, String, String)> = with_conn!(conn, c => member_emails::table
        .filter(member_emails::member_id.between(&first, &last))
        .order((member_emails::member_id, member_emails::email_hash))
        .select((member_emails::member_id, member_emails::email_hash, member_emails::domain))
        .load(c))?;
    Ok(assemble_members(rows, positions, emails))
}

fn assemble_members(
    rows: Vec<MemberRow>,
    positions: Vec<PositionRow>,
    emails: Vec<(String, String, String)>,
) -> Vec<DirectoryMember> {
    let index: HashMap<String, usize> = rows.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect();
    let mut members: Vec<DirectoryMember> = rows.into_iter().map(DirectoryMember::from).collect();
    for p in positions {
        if let Some(&i) = index.get(&p.member_id) {
            members[i].past_positions.push(PastPosition {
                company_id: p.company_id,
                company_name: p.company_name,
                title: p.title,
            });
        }
    }
    for (member_id, hash, domain) in emails {
        if let (Some(&i), Some(hash)) = (index.get(&member_id), EmailHash::from_hex(&hash)) {
            members[i].emails.push(MemberEmail { hash, domain });
        }
    }
    members
}

impl From<MemberRow> for DirectoryMember {
    fn from(r: MemberRow) -> Self {
        Self {
            id: r.id,
            first_name: r.first_name,
            last_name: r.last_name,
            headline: r.headline,
            title: r.title,
            company_id: r.company_id,
            company_name: r.company_name,
            location: r.location,
            past_positions: Vec::new(),
            emails: Vec::new(),
        }
    }
}

/// Up to `limit` companies with ids after `after`, in id order.
pub fn company_page(
    conn: &mut DbConnection,
    after: Option<&str>,
    limit: usize,
) -> Result<Vec<CompanyRecord>, StorageError> {
    let after = after.unwrap_or("");
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows: Vec<CompanyRow> = with_conn!(conn, c => companies::table
        .filter(companies::id.gt(after))
        .order(companies::id)
        .limit(limit)
        .select(CompanyRow::as_select())
        .load(c))?;
    Ok(rows.into_iter().map(CompanyRecord::from).collect())
}

/// Pages through all members in id order, `page_size` at a time (keyset pagination: memory stays
/// at one page whatever the directory size).
pub fn member_pages(conn: &mut DbConnection, page_size: usize) -> MemberPages<'_> {
    MemberPages { conn, after: None, page_size, done: false }
}

/// The iterator of [`member_pages`].
pub struct MemberPages<'c> {
    conn: &'c mut DbConnection,
    after: Option<String>,
    page_size: usize,
    done: bool,
}

impl Iterator for MemberPages<'_> {
    type Item = Result<Vec<DirectoryMember>, StorageError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match member_page(self.conn, self.after.as_deref(), self.page_size) {
            Ok(page) if page.is_empty() => {
                self.done = true;
                None
            }
            Ok(page) => {
                self.after = page.last().map(|m| m.id.clone());
                Some(Ok(page))
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// Pages through all companies in id order, `page_size` at a time.
pub fn company_pages(conn: &mut DbConnection, page_size: usize) -> CompanyPages<'_> {
    CompanyPages { conn, after: None, page_size, done: false }
}

/// The iterator of [`company_pages`].
pub struct CompanyPages<'c> {
    conn: &'c mut DbConnection,
    after: Option<String>,
    page_size: usize,
    done: bool,
}

impl Iterator for CompanyPages<'_> {
    type Item = Result<Vec<CompanyRecord>, StorageError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match company_page(self.conn, self.after.as_deref(), self.page_size) {
            Ok(page) if page.is_empty() => {
                self.done = true;
                None
            }
            Ok(page) => {
                self.after = page.last().map(|c| c.id.clone());
                Some(Ok(page))
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// One member by id, for a card.
pub fn get_member(conn: &mut DbConnection, id: &str) -> Result<Option<DirectoryMember>, StorageError> {
    Ok(get_members(conn, &[id])?.pop())
}

/// The members among `ids` (any order; ids that are not members are left out), in three
/// statements however many are asked for.
pub fn get_members(conn: &mut DbConnection, ids: &[&str]) -> Result<Vec<DirectoryMember>, StorageError> {
    let rows: Vec<MemberRow> = with_conn!(conn, c => members::table
        .filter(members::id.eq_any(ids))
        .select(MemberRow::as_select())
        .load(c))?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let positions: Vec<PositionRow> = with_conn!(conn, c => member_past_positions::table
        .filter(member_past_positions::member_id.eq_any(ids))
        .order((member_past_positions::member_id, member_past_positions::ordinal))
        .select(PositionRow::as_select())
        .load(c))?;
    let emails: Vec<(String, String, String)> = with_conn!(conn, c => member_emails::table
        .filter(member_emails::member_id.eq_any(ids))
        .order((member_emails::member_id, member_emails::email_hash))
        .select((member_emails::member_id, member_emails::email_hash, member_emails::domain))
        .load(c))?;
    Ok(assemble_members(rows, positions, emails))
}

/// One company by id, for a card.
pub fn get_company(conn: &mut DbConnection, id: &str) -> Result<Option<CompanyRecord>, StorageError> {
    let row = with_conn!(conn, c => companies::table
        .find(id)
        .select(CompanyRow::as_select())
        .get_result(c)
        .optional())?;
    Ok(row.map(CompanyRecord::from))
}

/// Members whose addresses include one with this hash.
pub fn members_with_email(conn: &mut DbConnection, hash: &EmailHash) -> Result<Vec<String>, StorageError> {
    let ids = with_conn!(conn, c => member_emails::table
        .filter(member_emails::email_hash.eq(hash.to_hex()))
        .order(member_emails::member_id)
        .select(member_emails::member_id)
        .load::<String>(c))?;
    Ok(ids)
}

/// How many connections a member has.
pub fn connection_count(conn: &mut DbConnection, id: &str) -> Result<i64, StorageError> {
    let count = with_conn!(conn, c => connections::table
        .filter(connections::a.eq(id).or(connections::b.eq(id)))
        .count()
        .get_result::<i64>(c))?;
    Ok(count)
}

/// Whether two members are connected.
pub fn are_connected(conn: &mut DbConnection, x: &str, y: &str) -> Result<bool, StorageError> {
    let (a, b) = if x < y { (x, y) } else { (y, x) };
    let found = with_conn!(conn, c => connections::table
        .find((a, b))
        .count()
        .get_result::<i64>(c))?;
    Ok(found > 0)
}

/// Row counts, for summaries and `/readyz`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct DirectoryCounts {
    pub members: i64,
    pub companies: i64,
    pub connections: i64,
    pub past_positions: i64,
    pub email_hashes: i64,
}

pub fn counts(conn: &mut DbConnection) -> Result<DirectoryCounts, StorageError> {
    let counts = with_conn!(conn, c => {
        diesel::QueryResult::Ok(DirectoryCounts {
            members: members::table.count().get_result(c)?,
            companies: companies::table.count().get_result(c)?,
            connections: connections::table.count().get_result(c)?,
            past_positions: member_past_positions::table.count().get_result(c)?,
            email_hashes: member_emails::table.count().get_result(c)?,
        })
    })?;
    Ok(counts)
}

/// Up to `limit` connections after the edge `after`, in `(a, b)` order (keyset pagination).
pub fn connection_page(
    conn: &mut DbConnection,
    after: Option<(&str, &str)>,
    limit: usize,
) -> Result<Vec<(String, String)>, StorageError> {
    let (after_a, after_b) = after.unwrap_or(("", ""));
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let edges = with_conn!(conn, c => connections::table
        .filter(connections::a.gt(after_a).or(connections::a.eq(after_a).and(connections::b.gt(after_b))))
        .order((connections::a, connections::b))
        .limit(limit)
        .load::<(String, String)>(c))?;
    Ok(edges)
}

const GENERATION_KEY: &str = "directory_generation";

/// Marks the directory as changed, so every server rebuilds its matching index.
pub fn bump_generation(conn: &mut DbConnection) -> Result<(), StorageError> {
    let next = current_generation(conn)?.wrapping_add(1);
    super::instance::set(conn, GENERATION_KEY, &next.to_string())
}

/// The directory's generation: it changes whenever an import has written to the directory.
pub fn current_generation(conn: &mut DbConnection) -> Result<u64, StorageError> {
    let value = super::instance::get(conn, GENERATION_KEY)?;
    Ok(value.and_then(|v| v.parse().ok()).unwrap_or(0))
}

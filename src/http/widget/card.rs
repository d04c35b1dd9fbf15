//! `POST /embed/{kind}/card`: resolves the record (override, sync mapping, engine) and renders
//! the card for what that produced: a profile, an inline pick-list, or "no match" with search.

use std::sync::Arc;
use std::time::Instant;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use anyhow::Context;
use askama::Template;

use super::access::{self, Access};
use super::context::{KIND_SEGMENTS, KindOfPath, OrgRef, WidgetForm};
use super::evidence::{Reason, company_reasons, member_reasons};
use super::headers::{self, Framing};
use super::page::{self, StateCard, access_card, loading_card};
use crate::http::access_cache::AccessCache;
use crate::http::deferred::DeferredWrites;
use crate::http::error::{AppError, blocking};
use crate::http::session::{SessionToCheck, Viewer};
use crate::http::state::AppState;
use crate::link_cache::LinkCache;
use crate::match_cache::MatchCache;
use crate::matching::email::EmailKey;
use crate::matching::{Candidate, Decision, DirectoryIndex, Source};
use crate::record_cache::RecordCache;
use crate::resolution::{CachedEngine, DEFAULT_CANDIDATES, StoredLinks};
use crate::storage::ids::EntityKind;
use crate::storage::record_links::{self, LinkTarget, RecordKey};
use crate::storage::tenants::Tenant;
use crate::storage::{DbConnection, directory, unix_now, users};

pub fn configure(cfg: &mut web::ServiceConfig) {
    for kind in KIND_SEGMENTS {
        cfg.route(&format!("/embed/{kind}/card"), web::post().to(card_create));
    }
}

async fn card_create(
    state: web::Data<AppState>,
    KindOfPath(kind): KindOfPath,
    session: SessionToCheck,
    form: WidgetForm,
) -> Result<HttpResponse, AppError> {
    let view = View { event: "card_view", work: Work::Reads };
    respond(&state, session, form, kind, view, |desk| Ok(desk.card(None)?.render()?)).await
}

/// What an action needs once access is granted: the request, the database, the index (with the
/// caches of its answers and of directory records).
pub struct Desk<'a> {
    pub conn: &'a mut DbConnection,
    pub index: &'a Arc<DirectoryIndex>,
    pub match_cache: &'a MatchCache,
    pub records: &'a RecordCache,
    pub links: &'a LinkCache,
    pub email_key: &'a EmailKey,
    pub tenant: &'a Tenant,
    pub org: &'a OrgRef,
    pub viewer: &'a Viewer,
    pub form: &'a WidgetForm,
    pub kind: EntityKind,
}

impl Desk<'_> {
    pub fn record_key(&self) -> Option<RecordKey> {
        self.form.record_key(self.tenant.id, self.org, self.kind)
    }

    /// The card for the record as it resolves now; `notice` tells the rep what just changed.
    pub fn card(&mut self, notice: Option<&'static str>) -> anyhow::Result<CardFragment> {
        let key = self.record_key();
        let (conn, cache, now) = (&mut *self.conn, self.links, Instant::now());
        let links = StoredLinks::read_with(self.tenant, key.as_ref(), |source, key| {
            cache.get(conn, source, key, now)
        })?;
        let lookups = links.lookups(self.tenant);
        let engine = CachedEngine { index: self.index, cache: self.match_cache, email_key: self.email_key };
        let resolution = match self.kind {
            EntityKind::Member => {
                engine.resolve_member(&lookups, self.tenant, &self.form.member_fields(), DEFAULT_CANDIDATES)
            }
            EntityKind::Company => {
                engine.resolve_company(&lookups, self.tenant, &self.form.company_fields(), DEFAULT_CANDIDATES)
            }
        };
        let link = links.manual_override.filter(|_| resolution.source == Source::Override);
        let provenance = self.provenance(resolution.source, link.as_ref(), &resolution.result)?;
        let result = resolution.result;
        let body = match result.decision {
            Decision::Match => match result.candidates.first() {
                Some(best) => self.profile(best, resolution.source)?,
                None => CardBody::NoMatch,
            },
            Decision::Ambiguous => CardBody::PickList(self.candidates(&result.candidates)?),
            Decision::None if resolution.source == Source::Override => CardBody::MarkedNone,
            Decision::None => CardBody::NoMatch,
        };
        Ok(CardFragment {
            kind: self.kind.as_str(),
            noun: noun(self.kind),
            body,
            step: step_words(resolution.source),
            provenance,
            can_correct: key.is_some(),
            can_undo: key.is_some() && resolution.source == Source::Override,
            notice,
        })
    }

    fn provenance(
        &mut self,
        source: Source,
        link: Option<&record_links::RecordLink>,
        result: &crate::matching::MatchResult,
    ) -> anyhow::Result<String> {
        Ok(match source {
            Source::Override => {
                let who = match link.and_then(|l| l.set_by) {
                    Some(user) if user == self.viewer.user.id => "you".to_owned(),
                    Some(user) => {
                        users::get(self.conn, user).map(|u| u.name).unwrap_or_else(|_| "a colleague".into())
                    }
                    None => "an administrator".to_owned(),
                };
                let when = link.map(|l| day(l.set_at)).unwrap_or_default();
                let what = match link.map(|l| &l.target) {
                    Some(LinkTarget::NoMatch) => "Marked as not in the directory",
                    _ => "Picked",
                };
                format!("{what} by {who} on {when} for everyone in this CRM org.")
            }
            Source::Sync => "Linked by your CRM sync.".to_owned(),
            Source::Match => match (result.decision, result.candidates.first()) {
                (Decision::Match, Some(best)) => {
                    format!("Matched automatically from this record's fields ({} sure).", percent(best.score))
                }
                (Decision::Ambiguous, _) => {
                    "Several directory entries could be this record: pick one.".into()
                }
                _ => "No confident match in the directory for this record's fields.".into(),
            },
        })
    }

    fn profile(&mut self, best: &Candidate, source: Source) -> anyhow::Result<CardBody> {
        let explain = source == Source::Match;
        Ok(match self.kind {
            EntityKind::Member => match self.records.member(self.conn, self.index, &best.entity_id)? {
                Some(member) => {
                    let reasons = if explain {
                        member_reasons(&best.evidence, &self.form.member_fields(), &member)
                    } else {
                        Vec::new()
                    };
                    CardBody::Person(PersonView::from_member(&member), reasons)
                }
                None => CardBody::Gone,
            },
            EntityKind::Company => match self.records.company(self.conn, self.index, &best.entity_id)? {
                Some(company) => {
                    let reasons = if explain {
                        company_reasons(&best.evidence, &self.form.company_fields(), &company)
                    } else {
                        Vec::new()
                    };
                    let members = self.company_members(&company.id);
                    CardBody::Company(CompanyView::from_record(&company, members), reasons)
                }
                None => CardBody::Gone,
            },
        })
    }

    fn company_members(&self, id: &str) -> u32 {
        let companies = self.index.companies();
        companies.position(id).map_or(0, |pos| companies.members(pos))
    }

    /// Pick-list rows for candidates, with their directory facts and reasons.
    pub fn candidates(&mut self, candidates: &[Candidate]) -> anyhow::Result<Vec<CandidateView>> {
        match self.kind {
            EntityKind::Member => self.member_candidates(candidates),
            EntityKind::Company => self.company_candidates(candidates),
        }
    }

    /// People are read together: on PostgreSQL each statement is a round trip.
    fn member_candidates(&mut self, candidates: &[Candidate]) -> anyhow::Result<Vec<CandidateView>> {
        let ids: Vec<&str> = candidates.iter().map(|c| c.entity_id.as_str()).collect();
        let members = self.records.members(self.conn, self.index, &ids)?;
        let fields = self.form.member_fields();
        let rows = candidates.iter().zip(members).filter_map(|(candidate, member)| {
            let m = member?;
            Some(CandidateView {
                entity_id: m.id.clone(),
                initials: initials(&format!("{} {}", m.first_name, m.last_name)),
                name: format!("{} {}", m.first_name, m.last_name),
                detail: join_present(&[&m.title, &m.company_name]),
                location: m.location.clone(),
                confidence: percent(candidate.score),
                reasons: member_reasons(&candidate.evidence, &fields, &m),
            })
        });
        Ok(rows.collect())
    }

    fn company_candidates(&mut self, candidates: &[Candidate]) -> anyhow::Result<Vec<CandidateView>> {
        let fields = self.form.company_fields();
        let mut rows = Vec::with_capacity(candidates.len());
        for candidate in candidates {
            let row = self.records.company(self.conn, self.index, &candidate.entity_id)?.map(|c| {
                let reasons = company_reasons(&candidate.evidence, &fields, &c);
                CandidateView {
                    entity_id: c.id.clone(),
                    initials: initials(&c.name),
                    name: c.name.clone(),
                    detail: join_present(&[&c.industry, &c.website]),
                    location: c.location.clone(),
                    confidence: percent(candidate.score),
                    reasons,
                }
            });
            rows.extend(row);
        }
        Ok(rows)
    }
}

/// What a desk is built from besides the request: the live index (if loaded), the caches, the
/// e-mail key and the deferred writes. Cloned out of the app state.
pub struct DeskTools {
    pub index: Option<Arc<DirectoryIndex>>,
    pub match_cache: Arc<MatchCache>,
    pub records: Arc<RecordCache>,
    pub links: Arc<LinkCache>,
    pub email_key: Arc<EmailKey>,
    pub access: Arc<AccessCache>,
    pub deferred: DeferredWrites,
}

impl DeskTools {
    pub fn from_state(state: &AppState) -> Self {
        Self {
            index: state.directory.snapshot(),
            match_cache: Arc::clone(&state.match_cache),
            records: Arc::clone(&state.records),
            links: Arc::clone(&state.links),
            email_key: Arc::clone(&state.email_key),
            access: Arc::clone(&state.access),
            deferred: state.deferred.clone(),
        }
    }
}

/// Checks the viewer's access to the form's CRM org and, when granted and the index is loaded,
/// records the page view and runs `action` at a desk; otherwise gives the state card to show
/// (not set up, signed out, no seat, loading). Every widget entry point goes through here.
pub fn at_desk<T>(
    conn: &mut DbConnection,
    tools: &DeskTools,
    form: &WidgetForm,
    viewer: Option<Viewer>,
    kind: EntityKind,
    view: (&'static str, &'static str),
    action: impl FnOnce(&mut Desk<'_>) -> anyhow::Result<T>,
) -> anyhow::Result<(Framing, Result<T, StateCard>)> {
    let access = access::check(conn, &tools.access, form.org_ref(), viewer)?;
    let framing = access.framing();
    let (tenant, org, viewer) = match access {
        Access::Granted { tenant, org, viewer } => (tenant, org, viewer),
        denied => {
            let card = access_card(&denied).context("every refused access has a card")?;
            return Ok((framing, Err(card)));
        }
    };
    let Some(index) = tools.index.as_ref() else { return Ok((framing, Err(loading_card()))) };
    let (event, route) = view;
    tools.deferred.record_usage(tenant.id, event, route);
    let mut desk = Desk {
        conn,
        index,
        match_cache: &tools.match_cache,
        records: &tools.records,
        links: &tools.links,
        email_key: &tools.email_key,
        tenant: &tenant,
        org: &org,
        viewer: &viewer,
        form,
        kind,
    };
    Ok((framing, Ok(action(&mut desk)?)))
}

/// Whether a widget action writes to the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    /// Only reads: on SQLite these run on the request's own thread (see [`respond`]).
    Reads,
    Writes,
}

/// A widget action as usage analytics and the database see it.
#[derive(Debug, Clone, Copy)]
pub struct View {
    /// The usage event it records.
    pub event: &'static str,
    pub work: Work,
}

/// Runs an action for a granted viewer (or renders the access card) and answers with the
/// widget headers. Records a usage event (kind and route only). The session is read (and the
/// request's CSRF token compared with it) with the rest of the action's work.
///
/// Where does that work run? Read-only actions on SQLite run on the request's own thread: they
/// read a few memory-mapped pages (microseconds, and no write lock: nothing on this path writes),
/// less than the hop to the blocking pool and back would cost. Actions that write, and every
/// action on PostgreSQL (a network round trip per query), run on the blocking pool.
pub async fn respond(
    state: &AppState,
    session: SessionToCheck,
    form: WidgetForm,
    kind: EntityKind,
    view: View,
    action: impl FnOnce(&mut Desk<'_>) -> anyhow::Result<String> + Send + 'static,
) -> Result<HttpResponse, AppError> {
    let pool = state.pool.clone();
    let tools = DeskTools::from_state(state);
    let serve = move || {
        let mut conn = pool.get()?;
        let viewer = match session.viewer(&mut conn, &tools.access, &tools.deferred, unix_now()) {
            Ok(viewer) => viewer,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let (framing, outcome) =
            at_desk(&mut conn, &tools, &form, viewer, kind, (view.event, route_of(kind)), action)?;
        let html = match outcome {
            Ok(html) => html,
            Err(card) => page::render(&card)?,
        };
        anyhow::Ok(Ok((framing, html)))
    };
    let answer = if view.work == Work::Reads && state.reads_inline {
        serve().map_err(AppError::Internal)?
    } else {
        blocking(serve).await?
    };
    let (framing, html) = answer?;
    Ok(headers::html(StatusCode::OK, &framing, html))
}

fn route_of(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Member => "/embed/member",
        EntityKind::Company => "/embed/company",
    }
}

/// What the card shows below its header.
pub enum CardBody {
    Person(PersonView, Vec<Reason>),
    Company(CompanyView, Vec<Reason>),
    PickList(Vec<CandidateView>),
    NoMatch,
    MarkedNone,
    /// The linked entity left the directory.
    Gone,
}

/// The card fragment swapped into `#card`.
#[derive(Template)]
#[template(path = "widget/card.html")]
pub struct CardFragment {
    pub kind: &'static str,
    pub noun: &'static str,
    pub body: CardBody,
    /// Which resolution step produced the card, in plain words.
    pub step: &'static str,
    pub provenance: String,
    pub can_correct: bool,
    pub can_undo: bool,
    pub notice: Option<&'static str>,
}

pub struct PersonView {
    pub id: String,
    pub initials: String,
    pub name: String,
    pub headline: String,
    pub title: String,
    pub company: String,
    pub location: String,
}

impl PersonView {
    fn from_member(m: &directory::DirectoryMember) -> Self {
        let name = format!("{} {}", m.first_name, m.last_name);
        Self {
            id: m.id.clone(),
            initials: initials(&name),
            name,
            headline: m.headline.clone(),
            title: m.title.clone(),
            company: m.company_name.clone(),
            location: m.location.clone(),
        }
    }
}

pub struct CompanyView {
    pub id: String,
    pub initials: String,
    pub name: String,
    pub industry: String,
    pub size: String,
    pub headquarters: String,
    pub website: String,
    /// Only ever an `https://` or `http://` link (never a `javascript:` one).
    pub website_href: String,
    pub description: String,
    pub members: String,
}

impl CompanyView {
    fn from_record(c: &crate::formats::CompanyRecord, members: u32) -> Self {
        let website = c.website.trim().to_owned();
        let website_href = safe_link(&website);
        Self {
            id: c.id.clone(),
            initials: initials(&c.name),
            name: c.name.clone(),
            industry: c.industry.clone(),
            size: c.size.map(|n| format!("{} employees", group_thousands(n))).unwrap_or_default(),
            headquarters: c.location.clone(),
            website,
            website_href,
            description: c.description.clone(),
            members: match members {
                0 => String::new(),
                1 => "1 directory member works here".to_owned(),
                n => format!("{} directory members work here", group_thousands(i64::from(n))),
            },
        }
    }
}

pub struct CandidateView {
    pub entity_id: String,
    pub initials: String,
    pub name: String,
    pub detail: String,
    pub location: String,
    pub confidence: String,
    pub reasons: Vec<Reason>,
}

pub fn noun(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Member => "person",
        EntityKind::Company => "company",
    }
}

fn step_words(source: Source) -> &'static str {
    match source {
        Source::Override => "Manual choice",
        Source::Sync => "CRM sync",
        Source::Match => "Automatic match",
    }
}

/// A calibrated score in words a rep can read: never "0%" or "100%", which would overclaim.
fn percent(score: f64) -> String {
    match score * 100.0 {
        p if p < 1.0 => "under 1%".to_owned(),
        p if p > 99.0 => "over 99%".to_owned(),
        p => format!("{p:.0}%"),
    }
}

fn day(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0).map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

fn join_present(parts: &[&str]) -> String {
    parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" · ")
}

fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A link target for a website as the directory spells it, or nothing when it is not a plain
/// web address.
fn safe_link(website: &str) -> String {
    let lowered = website.to_ascii_lowercase();
    let candidate = if lowered.starts_with("https://") || lowered.starts_with("http://") {
        website.to_owned()
    } else {
        format!("https://{website}")
    };
    let host = candidate.split("://").nth(1).unwrap_or("").split('/').next().unwrap_or("");
    let plain_host = !host.is_empty()
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':'));
    if plain_host && !website.is_empty() { candidate } else { String::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn website_links_are_web_addresses_only() {
        assert_eq!(safe_link("acme.com"), "https://acme.com");
        assert_eq!(safe_link("http://acme.com/about"), "http://acme.com/about");
        assert_eq!(safe_link("javascript:alert(1)"), "");
        assert_eq!(safe_link(""), "");
    }

    #[test]
    fn initials_and_numbers_read_well() {
        assert_eq!(initials("jane van doe"), "JV");
        assert_eq!(group_thousands(1234567), "1,234,567");
    }

    #[test]
    fn confidence_never_claims_certainty_either_way() {
        assert_eq!(percent(0.0004), "under 1%");
        assert_eq!(percent(0.49), "49%");
        assert_eq!(percent(0.9996), "over 99%");
        assert_eq!(percent(1.0), "over 99%");
    }
}

//! Correcting a card: the pick-list ("Not the right person?"), live directory search, choosing
//! a candidate or "None of these" (an override for the tenant's CRM org, with who, when and the
//! previous value), and undo. Each answers with the fragment to swap into the widget.

use actix_web::{HttpResponse, web};
use askama::Template;

use super::card::{CandidateView, Desk, View, Work, noun, respond};
use super::context::{KIND_SEGMENTS, KindOfPath, WidgetForm};
use crate::http::error::AppError;
use crate::http::session::SessionToCheck;
use crate::http::state::AppState;
use crate::matching::{Candidate, Thresholds};
use crate::resolution::{CompanyFields, DEFAULT_CANDIDATES, MemberFields};
use crate::storage::ids::{EntityId, EntityKind};
use crate::storage::record_links::{self, LinkSource, LinkTarget};
use crate::storage::unix_now;

/// Search answers offer a few more rows than the pick-list.
const SEARCH_RESULTS: usize = 8;

pub fn configure(cfg: &mut web::ServiceConfig) {
    for kind in KIND_SEGMENTS {
        cfg.route(&format!("/embed/{kind}/picker"), web::post().to(picker_show))
            .route(&format!("/embed/{kind}/search"), web::post().to(search_show))
            .route(&format!("/embed/{kind}/override"), web::post().to(override_create))
            .route(&format!("/embed/{kind}/undo"), web::post().to(override_undo));
    }
}

#[derive(Template)]
#[template(path = "widget/picker_card.html")]
struct PickerCard {
    kind: &'static str,
    noun: &'static str,
    rows: Vec<CandidateView>,
    cancel: bool,
}

#[derive(Template)]
#[template(path = "widget/results.html")]
struct SearchResults {
    kind: &'static str,
    rows: Vec<CandidateView>,
}

async fn picker_show(
    state: web::Data<AppState>,
    KindOfPath(kind): KindOfPath,
    session: SessionToCheck,
    form: WidgetForm,
) -> Result<HttpResponse, AppError> {
    respond(&state, session, form, kind, View { event: "picker_open", work: Work::Reads }, |desk| {
        let candidates = engine_candidates(desk);
        let rows = desk.candidates(&candidates)?;
        Ok(PickerCard { kind: desk.kind.as_str(), noun: noun(desk.kind), rows, cancel: true }.render()?)
    })
    .await
}

async fn search_show(
    state: web::Data<AppState>,
    KindOfPath(kind): KindOfPath,
    session: SessionToCheck,
    form: WidgetForm,
) -> Result<HttpResponse, AppError> {
    respond(&state, session, form, kind, View { event: "directory_search", work: Work::Reads }, |desk| {
        let found = match desk.form.search_text() {
            Some(text) => search(desk, &text),
            None => Vec::new(),
        };
        let rows = desk.candidates(&found)?;
        Ok(SearchResults { kind: desk.kind.as_str(), rows }.render()?)
    })
    .await
}

async fn override_create(
    state: web::Data<AppState>,
    KindOfPath(kind): KindOfPath,
    session: SessionToCheck,
    form: WidgetForm,
) -> Result<HttpResponse, AppError> {
    respond(&state, session, form, kind, View { event: "override_set", work: Work::Writes }, |desk| {
        let Some(key) = desk.record_key() else {
            return Ok(desk
                .card(Some("This CRM page names no record, so a choice cannot be saved."))?
                .render()?);
        };
        let Some(target) = chosen_target(desk)? else {
            return Ok(desk
                .card(Some("That choice is not in the directory any more; nothing was saved."))?
                .render()?);
        };
        let (who, now) = (Some(desk.viewer.user.id), unix_now());
        desk.links.change(desk.conn, |conn| {
            record_links::set(conn, LinkSource::Override, &key, &target, who, now)
        })?;
        Ok(desk.card(Some("Saved for everyone in this CRM org."))?.render()?)
    })
    .await
}

async fn override_undo(
    state: web::Data<AppState>,
    KindOfPath(kind): KindOfPath,
    session: SessionToCheck,
    form: WidgetForm,
) -> Result<HttpResponse, AppError> {
    respond(&state, session, form, kind, View { event: "override_undo", work: Work::Writes }, |desk| {
        if let Some(key) = desk.record_key() {
            let (who, now) = (Some(desk.viewer.user.id), unix_now());
            desk.links
                .change(desk.conn, |conn| record_links::undo(conn, LinkSource::Override, &key, who, now))?;
        }
        Ok(desk.card(Some("Undone."))?.render()?)
    })
    .await
}

/// The target a rep chose, when it is "none" or an entity the directory holds.
fn chosen_target(desk: &mut Desk<'_>) -> anyhow::Result<Option<LinkTarget>> {
    let chosen = desk.form.entity_id.as_deref().map(str::trim).unwrap_or("");
    if chosen == "none" {
        return Ok(Some(LinkTarget::NoMatch));
    }
    let Ok(id) = EntityId::parse(chosen) else { return Ok(None) };
    let exists = match desk.kind {
        EntityKind::Member => desk.records.member(desk.conn, desk.index, id.as_str())?.is_some(),
        EntityKind::Company => desk.records.company(desk.conn, desk.index, id.as_str())?.is_some(),
    };
    Ok(exists.then_some(LinkTarget::Entity(id)))
}

/// Candidates the engine finds for the record's own fields, whatever the record resolved to.
fn engine_candidates(desk: &Desk<'_>) -> Vec<Candidate> {
    let thresholds = crate::resolution::tenant_thresholds(desk.tenant);
    let result = match desk.kind {
        EntityKind::Member => desk.index.match_member(
            &desk.form.member_fields().probe(desk.email_key),
            &thresholds,
            DEFAULT_CANDIDATES,
        ),
        EntityKind::Company => {
            desk.index.match_company(&desk.form.company_fields().probe(), &thresholds, DEFAULT_CANDIDATES)
        }
    };
    result.candidates
}

/// Directory search through the matching index (the same retrieval that serves cards, so it
/// stays fast at a million members): "First Last, Company", an e-mail address, or a company name.
fn search(desk: &Desk<'_>, text: &str) -> Vec<Candidate> {
    let everything = Thresholds { auto_match: 1.0, pick_list: 0.0 };
    match desk.kind {
        EntityKind::Member => {
            let fields = member_query(text);
            desk.index.match_member(&fields.probe(desk.email_key), &everything, SEARCH_RESULTS).candidates
        }
        EntityKind::Company => {
            let fields = CompanyFields { name: Some(text.to_owned()), ..CompanyFields::default() };
            desk.index.match_company(&fields.probe(), &everything, SEARCH_RESULTS).candidates
        }
    }
}

/// Reads search text as a person query: an e-mail address, or a name with an optional company
/// after a comma ("Jane Doe, Acme").
fn member_query(text: &str) -> MemberFields {
    let text = text.trim();
    if text.contains('@') && !text.contains(' ') {
        return MemberFields { email: Some(text.to_owned()), ..MemberFields::default() };
    }
    let (name, company) = match text.split_once(',') {
        Some((name, company)) => (name.trim(), Some(company.trim().to_owned()).filter(|c| !c.is_empty())),
        None => (text, None),
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    let (first, last) = match words.as_slice() {
        [] => (None, None),
        [only] => (None, Some((*only).to_owned())),
        [first, rest @ ..] => (Some((*first).to_owned()), Some(rest.join(" "))),
    };
    MemberFields { first_name: first, last_name: last, company, ..MemberFields::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_reads_as_name_company_or_email() {
        let q = member_query("Jane van Doe, Acme");
        assert_eq!(
            (q.first_name.as_deref(), q.last_name.as_deref(), q.company.as_deref()),
            (Some("Jane"), Some("van Doe"), Some("Acme"))
        );
        assert_eq!(member_query("jane@acme.com").email.as_deref(), Some("jane@acme.com"));
        assert_eq!(member_query("Doe").last_name.as_deref(), Some("Doe"));
    }
}

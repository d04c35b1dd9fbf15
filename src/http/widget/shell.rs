//! `GET /embed/member` and `GET /embed/company`: the document embed.js frames. The query names
//! only the CRM org (`?crm=…&org=…`, which decides the tenant and so the allowed framers); the
//! record's values stay in the URL fragment, which the document's script reads and POSTs.

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use super::access::{self, Access};
use super::context::{OrgRef, TargetQuery};
use super::headers;
use super::page::{self, Skeleton, WidgetPage, access_card};
use crate::http::error::{AppError, blocking};
use crate::http::session::OptionalViewer;
use crate::http::state::AppState;
use crate::storage::ids::EntityKind;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/embed/member", web::get().to(member_show))
        .route("/embed/company", web::get().to(company_show));
}

async fn member_show(
    state: web::Data<AppState>,
    query: web::Query<TargetQuery>,
    viewer: OptionalViewer,
) -> Result<HttpResponse, AppError> {
    let org = OrgRef::parse(query.crm.as_deref(), query.org.as_deref());
    document(&state, org, viewer, EntityKind::Member, Vec::new()).await
}

async fn company_show(
    state: web::Data<AppState>,
    query: web::Query<TargetQuery>,
    viewer: OptionalViewer,
) -> Result<HttpResponse, AppError> {
    let org = OrgRef::parse(query.crm.as_deref(), query.org.as_deref());
    document(&state, org, viewer, EntityKind::Company, Vec::new()).await
}

/// The framed document for `org`: a self-loading skeleton when cards may be shown, otherwise the
/// card explaining why not. `context` is record context the server already knows.
pub async fn document(
    state: &AppState,
    org: Option<OrgRef>,
    viewer: OptionalViewer,
    kind: EntityKind,
    mut context: Vec<(&'static str, String)>,
) -> Result<HttpResponse, AppError> {
    // Whoever is signed in gets their token, whatever card they see (any card may offer actions).
    let csrf_token = viewer.0.as_ref().map(|v| v.csrf_token.clone()).unwrap_or_default();
    let pool = state.pool.clone();
    let cache = Arc::clone(&state.access);
    let checked_org = org.clone();
    let access = blocking(move || {
        let mut conn = pool.get()?;
        Ok(access::check(&mut conn, &cache, checked_org, viewer.0)?)
    })
    .await?;
    if let Some(org) = &org {
        context.push(("crm", org.crm.as_str().to_owned()));
        context.push(("org", org.org.as_str().to_owned()));
    }
    let (card_html, autoload) = match &access {
        Access::Granted { .. } => {
            (page::render(&Skeleton { kind: kind.as_str() }).map_err(AppError::Internal)?, true)
        }
        other => {
            let card =
                access_card(other).map(|c| page::render(&c)).transpose().map_err(AppError::Internal)?;
            (card.unwrap_or_default(), false)
        }
    };
    let document = WidgetPage {
        theme: page::theme(org.as_ref().map(|o| o.crm)),
        kind: page::kind_name(kind),
        title: page::title(kind),
        csrf_token,
        autoload,
        card_html,
        context,
        signin_script: matches!(access, Access::SignedOut { .. }),
    };
    let html = page::render(&document).map_err(AppError::Internal)?;
    Ok(headers::html(StatusCode::OK, &access.framing(), html))
}

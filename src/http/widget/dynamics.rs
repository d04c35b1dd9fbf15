//! `GET /embed/dynamics`: the Dynamics 365 web-resource entry point. Dynamics passes `id`,
//! `typename`, `orgname`, `userlcid` and `orglcid`; they only say which org and record the card
//! is for (authorization is the crmlens session, never these). The web resource puts the form's
//! field values in the URL fragment, as embed.js does.

use actix_web::{HttpResponse, web};

use super::context::{OrgRef, kind_for_object};
use super::shell::document;
use crate::http::error::AppError;
use crate::http::session::OptionalViewer;
use crate::http::state::AppState;
use crate::storage::ids::{CrmObject, EntityKind, RecordId};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/embed/dynamics", web::get().to(dynamics_show));
}

/// The standard web-resource parameters (`userlcid`/`orglcid` pick nothing yet: cards are English).
#[derive(Debug, Default, serde::Deserialize)]
struct WebResourceQuery {
    id: Option<String>,
    typename: Option<String>,
    orgname: Option<String>,
    #[allow(dead_code)] // accepted so Dynamics' standard parameters never fail the request
    userlcid: Option<String>,
    #[allow(dead_code)]
    orglcid: Option<String>,
}

async fn dynamics_show(
    state: web::Data<AppState>,
    query: web::Query<WebResourceQuery>,
    viewer: OptionalViewer,
) -> Result<HttpResponse, AppError> {
    let org = OrgRef::parse(Some("dynamics"), query.orgname.as_deref());
    let object = query.typename.as_deref().and_then(|t| CrmObject::parse(t.trim()).ok());
    let kind = object.map_or(EntityKind::Member, kind_for_object);
    let mut context = Vec::new();
    if let Some(object) = object {
        context.push(("object", object.as_str().to_owned()));
    }
    if let Some(record) = query.id.as_deref().and_then(|id| RecordId::parse(id.trim()).ok()) {
        context.push(("record_id", record.as_str().to_owned()));
    }
    document(&state, org, viewer, kind, context).await
}

//! `POST /api/v1/match/member` and `/match/company`: the shared resolver (the record's override,
//! then its sync mapping when the tenant enabled sync, then the engine) behind a tenant API key.

use actix_web::http::header;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, web};
use serde::Serialize;

use super::auth::{authenticate, bearer_token};
use super::problem::{Problem, ProblemKind, answer};
use super::request::{Kind, MatchRequest};
use crate::formats::Decision;
use crate::http::error::blocking;
use crate::http::state::AppState;
use crate::matching::resolve::{Resolution, Source};
use crate::matching::types::Evidence;
use crate::resolution::{DEFAULT_CANDIDATES, resolve_company, resolve_member};
use crate::storage::ids::EntityKind;
use crate::storage::orgs;
use crate::storage::tenants::Tenant;

/// Largest accepted request body. A CRM query is a few hundred bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

pub async fn member_match(
    state: web::Data<AppState>,
    request: HttpRequest,
    body: web::Payload,
) -> HttpResponse {
    answer(match_answer(&state, &request, body, Kind(EntityKind::Member)).await)
}

pub async fn company_match(
    state: web::Data<AppState>,
    request: HttpRequest,
    body: web::Payload,
) -> HttpResponse {
    answer(match_answer(&state, &request, body, Kind(EntityKind::Company)).await)
}

async fn match_answer(
    state: &AppState,
    request: &HttpRequest,
    body: web::Payload,
    kind: Kind,
) -> Result<HttpResponse, Problem> {
    let tenant = authenticate(state, bearer_token(request)?).await?;
    require_json(request)?;
    let body = read_body(request, body).await?;
    let query = MatchRequest::parse(&body, kind)?;
    let resolution = resolve(state, tenant, &query, kind).await?;
    Ok(HttpResponse::Ok().json(MatchAnswer::new(&query.record_id, &resolution)))
}

fn require_json(request: &HttpRequest) -> Result<(), Problem> {
    // `content_type()` is the media type without parameters such as `charset`.
    let media_type = request.content_type().to_ascii_lowercase();
    let is_json = media_type == "application/json"
        || (media_type.starts_with("application/") && media_type.ends_with("+json"));
    if is_json {
        Ok(())
    } else {
        Err(Problem::new(
            ProblemKind::UnsupportedMediaType,
            "send the query with `Content-Type: application/json`",
        ))
    }
}

async fn read_body(request: &HttpRequest, body: web::Payload) -> Result<web::Bytes, Problem> {
    let too_large = || {
        Problem::new(
            ProblemKind::PayloadTooLarge,
            format!("a match request is at most {MAX_BODY_BYTES} bytes"),
        )
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > MAX_BODY_BYTES) {
        return Err(too_large());
    }
    match body.to_bytes_limited(MAX_BODY_BYTES).await {
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(_connection_error)) => {
            Err(Problem::new(ProblemKind::InvalidJson, "the body could not be read completely"))
        }
        Err(_limit_exceeded) => Err(too_large()),
    }
}

/// Runs the resolver off the async workers. A record named by its org uses the org's stored links,
/// provided the org belongs to the key's tenant.
async fn resolve(
    state: &AppState,
    tenant: Tenant,
    query: &MatchRequest,
    kind: Kind,
) -> Result<Resolution, Problem> {
    let index = state.directory.snapshot().ok_or_else(|| {
        Problem::new(
            ProblemKind::IndexLoading,
            "the directory index is still loading; retry in a few seconds",
        )
    })?;
    let (pool, email_key, query) = (state.pool.clone(), state.email_key.clone(), query.clone());
    blocking(move || {
        let mut conn = pool.get()?;
        let record = match &query.context {
            Some(context) => {
                let org = orgs::find(&mut conn, context.crm, &context.org)?;
                if org.is_none_or(|org| org.tenant_id != tenant.id) {
                    return Ok(Err(Problem::new(
                        ProblemKind::Forbidden,
                        "this CRM org is not linked to the API key's tenant (`crmlens admin org add`)",
                    )));
                }
                Some(context.key(tenant.id, kind))
            }
            None => None,
        };
        let resolved = match kind.0 {
            EntityKind::Member => resolve_member(
                &mut conn,
                &index,
                &email_key,
                &tenant,
                record.as_ref(),
                &query.member_fields(),
                DEFAULT_CANDIDATES,
            )?,
            EntityKind::Company => resolve_company(
                &mut conn,
                &index,
                &tenant,
                record.as_ref(),
                &query.company_fields(),
                DEFAULT_CANDIDATES,
            )?,
        };
        Ok(Ok(resolved))
    })
    .await?
}

/// A FORMATS.md match-output object, plus which step answered and each candidate's evidence.
#[derive(Debug, Serialize)]
struct MatchAnswer<'a> {
    record_id: &'a str,
    decision: Decision,
    entity_id: Option<&'a str>,
    source: Source,
    candidates: Vec<AnswerCandidate<'a>>,
}

#[derive(Debug, Serialize)]
struct AnswerCandidate<'a> {
    entity_id: &'a str,
    score: f64,
    evidence: Vec<Evidence>,
}

/// Rounds for readability: six decimals for probabilities, four for log-likelihood weights.
fn rounded(value: f64, decimals: i32) -> f64 {
    let scale = 10_f64.powi(decimals);
    (value * scale).round() / scale
}

impl<'a> MatchAnswer<'a> {
    fn new(record_id: &'a str, resolution: &'a Resolution) -> Self {
        let result = &resolution.result;
        Self {
            record_id,
            decision: result.decision,
            entity_id: result.matched().map(|c| c.entity_id.as_str()),
            source: resolution.source,
            candidates: result
                .candidates
                .iter()
                .map(|c| AnswerCandidate {
                    entity_id: &c.entity_id,
                    score: rounded(c.score, 6),
                    evidence: c
                        .evidence
                        .iter()
                        .map(|e| Evidence { weight: rounded(e.weight, 4), ..*e })
                        .collect(),
                })
                .collect(),
        }
    }
}

//! `POST /embed/salesforce/canvas`: the Salesforce Canvas entry point. The `signed_request`
//! form field is verified as the Canvas Developer Guide specifies: split on the first `.`, HMAC-
//! SHA256 over the Base64 envelope with the org's consumer secret, compared in constant time
//! with the Base64-decoded signature; then the envelope's algorithm and `issuedAt` freshness.
//! Only a verified envelope's record context is used.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use secrecy::ExposeSecret;
use sha2::Sha256;

use super::access::Access;
use super::card::{DeskTools, at_desk};
use super::context::{OrgRef, WidgetForm, kind_for_object};
use super::headers::{self, Framing};
use super::page::{self, StateCard, WidgetPage, access_card};
use crate::http::error::{AppError, blocking};
use crate::http::session::OptionalViewer;
use crate::http::state::AppState;
use crate::storage::ids::{Crm, CrmObject, EntityKind, OrgId};
use crate::storage::{DbConnection, StorageError, orgs, unix_now};

/// How old a signed request may be. Canvas signs on every page load, so minutes are plenty.
pub const MAX_AGE_SECONDS: i64 = 15 * 60;
/// Clock skew tolerated for a request that claims to come from the future.
const MAX_SKEW_SECONDS: i64 = 60;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/embed/salesforce/canvas", web::post().to(canvas_create));
}

/// Why a signed request was refused. Messages name the check, never the request's content.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CanvasError {
    #[error("the signed request is not `<signature>.<envelope>` in Base64 with a JSON envelope")]
    Malformed,
    #[error("the signature does not match this org's consumer secret")]
    BadSignature,
    #[error("the envelope's algorithm is not HMACSHA256")]
    UnsupportedAlgorithm,
    #[error("the signed request is too old (or from the future); reload the page")]
    Stale,
}

/// What a verified Canvas request says about the record on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct CanvasRequest {
    pub org_id: String,
    pub issued_at: i64,
    pub object: Option<String>,
    pub record_id: Option<String>,
    /// FORMATS.md field name -> value.
    pub fields: HashMap<String, String>,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Envelope {
    algorithm: Option<String>,
    issued_at: Option<serde_json::Value>,
    #[serde(default)]
    context: serde_json::Value,
}

fn decode(text: &str) -> Result<Vec<u8>, CanvasError> {
    STANDARD
        .decode(text)
        .or_else(|_| URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')))
        .map_err(|_| CanvasError::Malformed)
}

fn split(signed: &str) -> Result<(&str, &str), CanvasError> {
    match signed.trim().split_once('.') {
        Some((signature, envelope)) if !signature.is_empty() && !envelope.is_empty() => {
            Ok((signature, envelope))
        }
        _ => Err(CanvasError::Malformed),
    }
}

fn parse_envelope(encoded: &str) -> Result<Envelope, CanvasError> {
    serde_json::from_slice(&decode(encoded)?).map_err(|_| CanvasError::Malformed)
}

/// The org an (unverified) request claims, to look up the secret that must have signed it.
pub fn claimed_org(signed: &str) -> Result<String, CanvasError> {
    let (_, envelope) = split(signed)?;
    let envelope = parse_envelope(envelope)?;
    envelope.context["organization"]["organizationId"]
        .as_str()
        .map(str::to_owned)
        .ok_or(CanvasError::Malformed)
}

/// Verifies a signed request with the org's consumer secret at time `now` (Unix seconds).
pub fn verify_signed_request(signed: &str, secret: &[u8], now: i64) -> Result<CanvasRequest, CanvasError> {
    let (signature, encoded) = split(signed)?;
    let signature = decode(signature)?;
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).map_err(|_| CanvasError::BadSignature)?;
    mac.update(encoded.as_bytes());
    mac.verify_slice(&signature).map_err(|_| CanvasError::BadSignature)?;
    let envelope = parse_envelope(encoded)?;
    if envelope.algorithm.as_deref() != Some("HMACSHA256") {
        return Err(CanvasError::UnsupportedAlgorithm);
    }
    let issued_at = envelope.issued_at.as_ref().and_then(unix_seconds).ok_or(CanvasError::Stale)?;
    if issued_at < now - MAX_AGE_SECONDS || issued_at > now + MAX_SKEW_SECONDS {
        return Err(CanvasError::Stale);
    }
    Ok(record_context(&envelope.context, issued_at))
}

/// `issuedAt` as Unix seconds: a number of seconds or milliseconds, or an RFC 3339 time.
fn unix_seconds(value: &serde_json::Value) -> Option<i64> {
    let from_number = |n: i64| if n > 100_000_000_000 { n / 1000 } else { n };
    match value {
        serde_json::Value::Number(n) => n.as_i64().map(from_number),
        serde_json::Value::String(s) => s.trim().parse::<i64>().ok().map(from_number).or_else(|| {
            time::OffsetDateTime::parse(s.trim(), &time::format_description::well_known::Rfc3339)
                .ok()
                .map(|t| t.unix_timestamp())
        }),
        _ => None,
    }
}

/// Salesforce field API names and the FORMATS.md fields they fill.
const SALESFORCE_FIELDS: &[(&str, &str)] = &[
    ("FirstName", "first_name"),
    ("LastName", "last_name"),
    ("Company", "company"),
    ("Title", "title"),
    ("Email", "email"),
    ("Name", "name"),
    ("Industry", "industry"),
    ("Website", "website"),
    ("BillingCity", "location"),
];

const FORM_FIELDS: &[&str] =
    &["first_name", "last_name", "company", "title", "email", "name", "industry", "location", "website"];

/// The record on screen: `environment.record` (as Canvas passes it on record pages), refined by
/// `environment.parameters` (what our Lightning component and Visualforce page pass).
fn record_context(context: &serde_json::Value, issued_at: i64) -> CanvasRequest {
    let environment = &context["environment"];
    let record = &environment["record"];
    let parameters = &environment["parameters"];
    let text = |v: &serde_json::Value| v.as_str().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    let mut fields = HashMap::new();
    for (api_name, field) in SALESFORCE_FIELDS {
        if let Some(value) = text(&record[api_name]) {
            fields.insert((*field).to_owned(), value);
        }
    }
    for field in FORM_FIELDS {
        if let Some(value) = text(&parameters[field]) {
            fields.insert((*field).to_owned(), value);
        }
    }
    let object = text(&parameters["object"])
        .or_else(|| text(&record["attributes"]["type"]))
        .map(|o| o.to_ascii_lowercase());
    let record_id = text(&parameters["record_id"]).or_else(|| text(&record["Id"]));
    CanvasRequest {
        org_id: text(&context["organization"]["organizationId"]).unwrap_or_default(),
        issued_at,
        object,
        record_id,
        fields,
    }
}

impl CanvasRequest {
    fn form(&self, org: &OrgRef) -> WidgetForm {
        let field = |name: &str| self.fields.get(name).cloned();
        WidgetForm {
            crm: Some(org.crm.as_str().to_owned()),
            org: Some(org.org.as_str().to_owned()),
            object: self.object.clone(),
            record_id: self.record_id.clone(),
            first_name: field("first_name"),
            last_name: field("last_name"),
            company: field("company"),
            title: field("title"),
            email: field("email"),
            name: field("name"),
            industry: field("industry"),
            location: field("location"),
            website: field("website"),
            q: None,
            entity_id: None,
        }
    }
}

#[derive(serde::Deserialize)]
struct CanvasForm {
    signed_request: String,
}

/// The org a Canvas request names as stored: the 18-character id, or its 15-character form.
fn find_org(conn: &mut DbConnection, claimed: &str) -> Result<Option<orgs::CrmOrg>, StorageError> {
    let Ok(id) = OrgId::parse(claimed) else { return Ok(None) };
    if let Some(org) = orgs::find(conn, Crm::Salesforce, &id)? {
        return Ok(Some(org));
    }
    match claimed.get(..15).map(OrgId::parse) {
        Some(Ok(short)) if claimed.len() == 18 => orgs::find(conn, Crm::Salesforce, &short),
        _ => Ok(None),
    }
}

async fn canvas_create(
    state: web::Data<AppState>,
    viewer: OptionalViewer,
    form: web::Form<CanvasForm>,
) -> Result<HttpResponse, AppError> {
    let pool = state.pool.clone();
    let tools = DeskTools::from_state(&state);
    let signed = form.into_inner().signed_request;
    let (status, framing, html) = blocking(move || {
        let mut conn = pool.get()?;
        let org = match claimed_org(&signed) {
            Ok(claimed) => find_org(&mut conn, &claimed)?,
            Err(_) => None,
        };
        let Some(org) = org else {
            return Ok((StatusCode::OK, Framing::Anyone, page::render(&not_set_up())?));
        };
        let org_ref = OrgRef { crm: org.crm, org: org.org_id.clone() };
        let Some(secret) = org.canvas_secret.as_ref() else {
            return Ok((StatusCode::OK, Framing::Anyone, page::render(&not_set_up())?));
        };
        let request = match verify_signed_request(&signed, secret.expose_secret().as_bytes(), unix_now()) {
            Ok(request) => request,
            Err(error) => {
                tracing::warn!(reason = %error, "Salesforce Canvas request refused");
                let tenant = crate::storage::tenants::get(&mut conn, org.tenant_id)?;
                let card = StateCard {
                    tone: "error",
                    heading: "This Salesforce request could not be verified",
                    message: format!("crmlens refused it: {error}."),
                    signin_url: None,
                };
                let framing = Framing::Tenant(tenant.allowed_origins);
                return Ok((StatusCode::FORBIDDEN, framing, page_with(&card)?));
            }
        };
        let form = request.form(&org_ref);
        let object = form.object.as_deref().and_then(|o| CrmObject::parse(o).ok());
        let kind = object.map_or(EntityKind::Member, kind_for_object);
        let view = ("card_view", "/embed/salesforce/canvas");
        let (framing, outcome) = at_desk(&mut conn, &tools, &form, viewer.0, kind, view, |desk| {
            Ok((page::render(&desk.card(None)?)?, desk.viewer.csrf_token.clone()))
        })?;
        let (card, csrf_token) = match outcome {
            Ok(rendered) => rendered,
            Err(state_card) => return Ok((StatusCode::OK, framing, page_with(&state_card)?)),
        };
        let document = WidgetPage {
            theme: "salesforce",
            kind: kind.as_str(),
            title: page::title(kind),
            csrf_token,
            autoload: false,
            card_html: card,
            context: form_context(&form),
            signin_script: false,
        };
        Ok((StatusCode::OK, framing, page::render(&document)?))
    })
    .await?;
    Ok(headers::html(status, &framing, html))
}

fn not_set_up() -> WidgetPage {
    let card = access_card(&Access::NotSetUp).and_then(|c| page::render(&c).ok()).unwrap_or_default();
    bare_page(card, false)
}

fn page_with(card: &StateCard) -> anyhow::Result<String> {
    let signin = card.signin_url.is_some();
    page::render(&bare_page(page::render(card)?, signin))
}

fn bare_page(card_html: String, signin_script: bool) -> WidgetPage {
    WidgetPage {
        theme: "salesforce",
        kind: "member",
        title: "crmlens",
        csrf_token: String::new(),
        autoload: false,
        card_html,
        context: Vec::new(),
        signin_script,
    }
}

/// The verified record context as hidden inputs, so card actions can resolve it again.
fn form_context(form: &WidgetForm) -> Vec<(&'static str, String)> {
    let fields: [(&'static str, &Option<String>); 13] = [
        ("crm", &form.crm),
        ("org", &form.org),
        ("object", &form.object),
        ("record_id", &form.record_id),
        ("first_name", &form.first_name),
        ("last_name", &form.last_name),
        ("company", &form.company),
        ("title", &form.title),
        ("email", &form.email),
        ("name", &form.name),
        ("industry", &form.industry),
        ("location", &form.location),
        ("website", &form.website),
    ];
    fields.into_iter().filter_map(|(name, value)| value.clone().map(|v| (name, v))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sign(envelope: &serde_json::Value, secret: &[u8]) -> String {
        let encoded = STANDARD.encode(envelope.to_string());
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).unwrap();
        mac.update(encoded.as_bytes());
        format!("{}.{encoded}", STANDARD.encode(mac.finalize().into_bytes()))
    }

    fn envelope(issued_at: i64) -> serde_json::Value {
        serde_json::json!({
            "algorithm": "HMACSHA256",
            "issuedAt": issued_at,
            "context": {
                "organization": {"organizationId": "00D000000000DEMO01"},
                "environment": {
                    "record": {"attributes": {"type": "Lead"}, "Id": "00Q000000000000AAA", "FirstName": "Ada"},
                    "parameters": {"last_name": "Lovelace"}
                }
            }
        })
    }

    #[test]
    fn a_request_signed_with_the_org_secret_yields_its_record() {
        let signed = sign(&envelope(1_000), b"secret");
        let request = verify_signed_request(&signed, b"secret", 1_010).unwrap();
        assert_eq!(request.object.as_deref(), Some("lead"));
        assert_eq!(request.record_id.as_deref(), Some("00Q000000000000AAA"));
        assert_eq!(request.fields["first_name"], "Ada");
        assert_eq!(request.fields["last_name"], "Lovelace");
    }

    #[test]
    fn forged_and_replayed_requests_are_refused() {
        let signed = sign(&envelope(1_000), b"secret");
        assert_eq!(verify_signed_request(&signed, b"other", 1_010), Err(CanvasError::BadSignature));
        assert_eq!(
            verify_signed_request(&signed, b"secret", 1_000 + MAX_AGE_SECONDS + 1),
            Err(CanvasError::Stale)
        );
        assert_eq!(verify_signed_request("nodot", b"secret", 1_010), Err(CanvasError::Malformed));
        assert_eq!(unix_seconds(&serde_json::json!(1_700_000_000_000_i64)), Some(1_700_000_000));
    }
}

//! What a widget request names: the kind of card, the CRM org (which decides the tenant), the
//! record (which keys overrides) and the CRM values (only ever in memory).

use std::future::Future;
use std::pin::Pin;

use actix_web::HttpMessage;

use crate::http::error::AppError;
use crate::resolution::{CompanyFields, MemberFields};
use crate::storage::ids::{Crm, CrmObject, EntityKind, OrgId, RecordId, TenantId};
use crate::storage::record_links::RecordKey;

/// The org a widget document is framed for: `?crm=…&org=…` (organization ids, not record values).
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct TargetQuery {
    pub crm: Option<String>,
    pub org: Option<String>,
}

/// Everything the framed document POSTs: context, CRM values, and the action's own inputs.
/// Unknown fields are ignored so a newer loader does not break an older server.
#[derive(Debug, Clone, Default)]
pub struct WidgetForm {
    pub crm: Option<String>,
    pub org: Option<String>,
    pub object: Option<String>,
    pub record_id: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub company: Option<String>,
    pub title: Option<String>,
    pub email: Option<String>,
    pub name: Option<String>,
    pub industry: Option<String>,
    pub location: Option<String>,
    pub website: Option<String>,
    /// Search text (pick-list search box).
    pub q: Option<String>,
    /// The entity a rep picked (`none`: "None of these").
    pub entity_id: Option<String>,
}

/// The largest widget form accepted: CRM values are short; a larger body is refused unread.
pub const FORM_LIMIT: usize = 16 * 1024;

impl WidgetForm {
    /// Reads an `application/x-www-form-urlencoded` body. Unknown fields are ignored; of a field
    /// given twice, the last value counts; bytes that are not UTF-8 become U+FFFD.
    ///
    /// Written out rather than derived: every card reads this form, and the generic
    /// serde_urlencoded path took half as many instructions again (14.3k against 9.8k a card).
    pub fn from_urlencoded(body: &[u8]) -> Self {
        let mut form = Self::default();
        for (name, value) in form_urlencoded::parse(body) {
            if let Some(field) = form.field_mut(&name) {
                *field = Some(value.into_owned());
            }
        }
        form
    }

    fn field_mut(&mut self, name: &str) -> Option<&mut Option<String>> {
        Some(match name {
            "crm" => &mut self.crm,
            "org" => &mut self.org,
            "object" => &mut self.object,
            "record_id" => &mut self.record_id,
            "first_name" => &mut self.first_name,
            "last_name" => &mut self.last_name,
            "company" => &mut self.company,
            "title" => &mut self.title,
            "email" => &mut self.email,
            "name" => &mut self.name,
            "industry" => &mut self.industry,
            "location" => &mut self.location,
            "website" => &mut self.website,
            "q" => &mut self.q,
            "entity_id" => &mut self.entity_id,
            _ => return None,
        })
    }
}

/// A widget action's form: a urlencoded body of at most [`FORM_LIMIT`] bytes.
impl actix_web::FromRequest for WidgetForm {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(request: &actix_web::HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let is_form = request.content_type() == "application/x-www-form-urlencoded";
        let body =
            <actix_web::web::Payload as actix_web::FromRequest>::from_request(request, payload).into_inner();
        Box::pin(async move {
            if !is_form {
                return Err(AppError::BadRequest(
                    "a widget action takes a form (application/x-www-form-urlencoded)".into(),
                ));
            }
            let Ok(body) = body else {
                return Err(AppError::BadRequest("the form could not be read".into()));
            };
            match body.to_bytes_limited(FORM_LIMIT).await {
                Ok(Ok(bytes)) => Ok(Self::from_urlencoded(&bytes)),
                Ok(Err(_connection_error)) => {
                    Err(AppError::BadRequest("the form could not be read completely".into()))
                }
                Err(_limit_exceeded) => {
                    Err(AppError::BadRequest(format!("a widget form is at most {FORM_LIMIT} bytes")))
                }
            }
        })
    }
}

/// A CRM org named by a request, when it parses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgRef {
    pub crm: Crm,
    pub org: OrgId,
}

impl OrgRef {
    pub fn parse(crm: Option<&str>, org: Option<&str>) -> Option<Self> {
        let crm = Crm::parse(crm?.trim()).ok()?;
        let org = OrgId::parse(org?.trim()).ok()?;
        Some(Self { crm, org })
    }
}

fn present(value: &Option<String>) -> Option<String> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned)
}

impl WidgetForm {
    pub fn org_ref(&self) -> Option<OrgRef> {
        OrgRef::parse(self.crm.as_deref(), self.org.as_deref())
    }

    /// The record key for overrides, when the page named a valid record.
    pub fn record_key(&self, tenant: TenantId, org: &OrgRef, kind: EntityKind) -> Option<RecordKey> {
        let object = CrmObject::parse(self.object.as_deref()?.trim()).ok()?;
        let record = RecordId::parse(self.record_id.as_deref()?.trim()).ok()?;
        Some(RecordKey { tenant, crm: org.crm, org: org.org.clone(), object, record, kind })
    }

    pub fn member_fields(&self) -> MemberFields {
        MemberFields {
            first_name: present(&self.first_name),
            last_name: present(&self.last_name),
            company: present(&self.company),
            title: present(&self.title),
            email: present(&self.email),
        }
    }

    pub fn company_fields(&self) -> CompanyFields {
        CompanyFields {
            name: present(&self.name),
            industry: present(&self.industry),
            location: present(&self.location),
            website: present(&self.website),
        }
    }

    pub fn search_text(&self) -> Option<String> {
        present(&self.q).map(|q| q.chars().take(120).collect())
    }
}

/// The card kind a route serves.
fn kind_from_path(segment: &str) -> Option<EntityKind> {
    match segment {
        "member" => Some(EntityKind::Member),
        "company" => Some(EntityKind::Company),
        _ => None,
    }
}

/// The card kinds, as their routes spell them.
pub const KIND_SEGMENTS: [&str; 2] = ["member", "company"];

/// The card kind of a widget action, read from its path `/embed/{member|company}/{action}`.
/// Actions are routed by plain strings, one route per kind, so no request pays for matching a
/// path pattern (routing runs several times a request: the router, the trace span, the metrics).
pub struct KindOfPath(pub EntityKind);

impl actix_web::FromRequest for KindOfPath {
    type Error = AppError;
    type Future = std::future::Ready<Result<Self, Self::Error>>;

    fn from_request(request: &actix_web::HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let segment = request.path().strip_prefix("/embed/").and_then(|rest| rest.split('/').next());
        let kind = segment.and_then(kind_from_path).map(KindOfPath);
        std::future::ready(kind.ok_or(AppError::NotFound))
    }
}

/// The card kind a CRM object shows: people on leads and contacts, companies on accounts and
/// opportunities.
pub fn kind_for_object(object: CrmObject) -> EntityKind {
    match object {
        CrmObject::Lead | CrmObject::Contact => EntityKind::Member,
        CrmObject::Account | CrmObject::Opportunity => EntityKind::Company,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_body_fills_the_named_fields_decoded() {
        let form = WidgetForm::from_urlencoded(
            b"crm=salesforce&first_name=Jos%C3%A9&last_name=van+der+Berg&email=a%2Bb%40x.com&unknown=1",
        );
        assert_eq!(form.crm.as_deref(), Some("salesforce"));
        assert_eq!(form.first_name.as_deref(), Some("José"));
        assert_eq!(form.last_name.as_deref(), Some("van der Berg"));
        assert_eq!(form.email.as_deref(), Some("a+b@x.com"));
        assert_eq!(form.company, None);
    }

    #[test]
    fn a_repeated_field_keeps_its_last_value_and_bad_bytes_become_replacement_characters() {
        let form = WidgetForm::from_urlencoded(b"q=first&q=second&title=%FF%FEboss");
        assert_eq!(form.q.as_deref(), Some("second"));
        assert_eq!(form.title.as_deref(), Some("\u{FFFD}\u{FFFD}boss"));
    }

    #[test]
    fn empty_and_malformed_bodies_give_an_empty_form() {
        for body in [&b""[..], b"&&&", b"=", b"first_name", b"%%%=%"] {
            let form = WidgetForm::from_urlencoded(body);
            assert_eq!(form.member_fields().first_name, None, "{body:?}");
        }
    }
}

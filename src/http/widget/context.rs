//! What a widget request names: the kind of card, the CRM org (which decides the tenant), the
//! record (which keys overrides) and the CRM values (only ever in memory).

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
#[derive(Debug, Clone, Default, serde::Deserialize)]
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
    type Error = crate::http::error::AppError;
    type Future = std::future::Ready<Result<Self, Self::Error>>;

    fn from_request(request: &actix_web::HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let segment = request.path().strip_prefix("/embed/").and_then(|rest| rest.split('/').next());
        let kind = segment.and_then(kind_from_path).map(KindOfPath);
        std::future::ready(kind.ok_or(crate::http::error::AppError::NotFound))
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

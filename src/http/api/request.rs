//! The body of a match request: a FORMATS.md CRM query object, plus an optional `org`. Parsed by
//! hand from a JSON object so that every field at fault is reported at once, by name, and no
//! value ever appears in an error (serde's messages quote the values they refuse).

use serde_json::{Map, Value};

use super::problem::{FieldError, Problem, ProblemKind};
use crate::resolution::{CompanyFields, MemberFields};
use crate::storage::ids::{Crm, CrmObject, EntityKind, OrgId, RecordId, TenantId};
use crate::storage::record_links::RecordKey;

/// Fields every query may carry, whatever its kind.
pub const CONTEXT_FIELDS: &[&str] = &["record_id", "crm", "object", "org"];
/// The CRM values of a person query (FORMATS.md `member_queries`).
pub const MEMBER_FIELDS: &[&str] = &["first_name", "last_name", "company", "title", "email"];
/// The CRM values of a company query (FORMATS.md `company_queries`).
pub const COMPANY_FIELDS: &[&str] = &["name", "industry", "location", "website"];

/// Longest accepted `record_id`, in bytes (ids are short; anything longer is not an id).
const MAX_RECORD_ID: usize = 128;

/// The directory a request is matched against, with what differs between the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind(pub EntityKind);

impl Kind {
    pub fn value_fields(self) -> &'static [&'static str] {
        match self.0 {
            EntityKind::Member => MEMBER_FIELDS,
            EntityKind::Company => COMPANY_FIELDS,
        }
    }

    pub fn objects(self) -> &'static [CrmObject] {
        match self.0 {
            EntityKind::Member => &[CrmObject::Lead, CrmObject::Contact],
            EntityKind::Company => &[CrmObject::Account, CrmObject::Opportunity],
        }
    }
}

/// Where the record lives, when the caller names its org: then its stored links apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordContext {
    pub crm: Crm,
    pub org: OrgId,
    pub object: CrmObject,
    pub record: RecordId,
}

impl RecordContext {
    pub fn key(&self, tenant: TenantId, kind: Kind) -> RecordKey {
        RecordKey {
            tenant,
            crm: self.crm,
            org: self.org.clone(),
            object: self.object,
            record: self.record.clone(),
            kind: kind.0,
        }
    }
}

/// A validated match request. The values are only held for the call.
#[derive(Debug, Clone)]
pub struct MatchRequest {
    pub record_id: String,
    pub context: Option<RecordContext>,
    values: Map<String, Value>,
}

impl MatchRequest {
    /// Parses a request body (already known to be within the size limit).
    pub fn parse(body: &[u8], kind: Kind) -> Result<Self, Problem> {
        let value: Value = serde_json::from_slice(body).map_err(|error| {
            Problem::new(
                ProblemKind::InvalidJson,
                format!(
                    "the body is not valid JSON (line {}, column {}); send one JSON object",
                    error.line(),
                    error.column()
                ),
            )
        })?;
        let Value::Object(object) = value else {
            return Err(Problem::invalid_fields(vec![FieldError::whole_body(
                "the body must be a JSON object (a CRM query, see the OpenAPI schema)",
            )]));
        };
        let mut errors = check_fields(&object, kind);
        let record_id = record_id(&object, &mut errors);
        let context = record_context(&object, kind, &mut errors);
        match (errors.is_empty(), record_id) {
            (true, Some(record_id)) => Ok(Self { record_id, context, values: object }),
            _ => Err(Problem::invalid_fields(errors)),
        }
    }

    fn value(&self, field: &str) -> Option<String> {
        self.values.get(field).and_then(Value::as_str).filter(|v| !v.trim().is_empty()).map(str::to_owned)
    }

    pub fn member_fields(&self) -> MemberFields {
        MemberFields {
            first_name: self.value("first_name"),
            last_name: self.value("last_name"),
            company: self.value("company"),
            title: self.value("title"),
            email: self.value("email"),
        }
    }

    pub fn company_fields(&self) -> CompanyFields {
        CompanyFields {
            name: self.value("name"),
            industry: self.value("industry"),
            location: self.value("location"),
            website: self.value("website"),
        }
    }
}

/// Unknown fields and values that are neither a string nor null.
fn check_fields(object: &Map<String, Value>, kind: Kind) -> Vec<FieldError> {
    let known = |name: &str| CONTEXT_FIELDS.contains(&name) || kind.value_fields().contains(&name);
    let mut errors = Vec::new();
    for (name, value) in object {
        if !known(name) {
            let allowed: Vec<&str> = CONTEXT_FIELDS.iter().chain(kind.value_fields()).copied().collect();
            errors.push(FieldError::new(
                name,
                format!("is not a known field; allowed: {}", allowed.join(", ")),
            ));
        } else if !matches!(value, Value::String(_) | Value::Null) {
            errors.push(FieldError::new(name, "must be a string or null"));
        }
    }
    errors
}

fn text<'a>(object: &'a Map<String, Value>, field: &str) -> Option<&'a str> {
    object.get(field).and_then(Value::as_str).filter(|v| !v.is_empty())
}

fn record_id(object: &Map<String, Value>, errors: &mut Vec<FieldError>) -> Option<String> {
    match object.get("record_id") {
        Some(Value::String(id)) if id.len() > MAX_RECORD_ID => {
            errors.push(FieldError::new("record_id", format!("is longer than {MAX_RECORD_ID} bytes")));
            None
        }
        Some(Value::String(id)) if !id.is_empty() => Some(id.clone()),
        // A wrong type was reported by `check_fields`.
        Some(value) if !value.is_string() && !value.is_null() => None,
        _ => {
            errors.push(FieldError::new("record_id", "is required: the CRM record's id"));
            None
        }
    }
}

/// `crm` and `object` when given must be known values; with `org`, all four name a stored record.
fn record_context(
    object: &Map<String, Value>,
    kind: Kind,
    errors: &mut Vec<FieldError>,
) -> Option<RecordContext> {
    let crm = text(object, "crm").map(|value| {
        Crm::parse(value).map_err(|_| FieldError::new("crm", "must be one of: salesforce, dynamics"))
    });
    let crm_object = text(object, "object").map(|value| {
        CrmObject::parse(value).ok().filter(|o| kind.objects().contains(o)).ok_or_else(|| {
            let allowed: Vec<&str> = kind.objects().iter().map(|o| o.as_str()).collect();
            FieldError::new("object", format!("must be one of: {}", allowed.join(", ")))
        })
    });
    let crm = crm.transpose().map_err(|e| errors.push(e)).ok().flatten();
    let crm_object = crm_object.transpose().map_err(|e| errors.push(e)).ok().flatten();
    let org = text(object, "org")?;
    let org = OrgId::parse(org)
        .map_err(|_| {
            errors.push(FieldError::new("org", "must be a CRM org id: 1-128 ASCII letters, digits, . - or _"))
        })
        .ok();
    if crm.is_none() && text(object, "crm").is_none() {
        errors.push(FieldError::new("crm", "is required when `org` is given"));
    }
    if crm_object.is_none() && text(object, "object").is_none() {
        errors.push(FieldError::new("object", "is required when `org` is given"));
    }
    let record = text(object, "record_id").and_then(|id| {
        RecordId::parse(id)
            .map_err(|_| {
                errors.push(FieldError::new(
                    "record_id",
                    "must be a 15/18-character Salesforce id or a GUID when `org` is given",
                ))
            })
            .ok()
    });
    Some(RecordContext { crm: crm?, org: org?, object: crm_object?, record: record? })
}

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

/// A context field: absent, refused (and reported) or valid.
enum Parsed<T> {
    Absent,
    Refused,
    Valid(T),
}

impl<T> Parsed<T> {
    /// The value of a field that `org` makes required.
    fn required_with_org(self, field: &str, errors: &mut Vec<FieldError>) -> Option<T> {
        match self {
            Self::Valid(value) => Some(value),
            Self::Refused => None,
            Self::Absent => {
                errors.push(FieldError::new(field, "is required when `org` is given"));
                None
            }
        }
    }
}

fn parse_field<T>(
    object: &Map<String, Value>,
    field: &str,
    errors: &mut Vec<FieldError>,
    expected: &str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Parsed<T> {
    let Some(value) = text(object, field) else { return Parsed::Absent };
    match parse(value) {
        Some(parsed) => Parsed::Valid(parsed),
        None => {
            errors.push(FieldError::new(field, format!("must be {expected}")));
            Parsed::Refused
        }
    }
}

/// `crm` and `object`, when given, must be known values; with `org`, they and `record_id` name a
/// stored record.
fn record_context(
    object: &Map<String, Value>,
    kind: Kind,
    errors: &mut Vec<FieldError>,
) -> Option<RecordContext> {
    let objects: Vec<&str> = kind.objects().iter().map(|o| o.as_str()).collect();
    let crm = parse_field(object, "crm", errors, "one of: salesforce, dynamics", |v| Crm::parse(v).ok());
    let crm_object = parse_field(object, "object", errors, &format!("one of: {}", objects.join(", ")), |v| {
        CrmObject::parse(v).ok().filter(|o| kind.objects().contains(o))
    });
    let org =
        parse_field(object, "org", errors, "a CRM org id: 1-128 ASCII letters, digits, . - or _", |v| {
            OrgId::parse(v).ok()
        });
    let Parsed::Valid(org) = org else { return None };
    let record = parse_field(
        object,
        "record_id",
        errors,
        "a 15/18-character Salesforce id or a GUID when `org` is given",
        |v| RecordId::parse(v).ok(),
    );
    let crm = crm.required_with_org("crm", errors);
    let crm_object = crm_object.required_with_org("object", errors);
    // A missing `record_id` was reported by `record_id()`.
    let Parsed::Valid(record) = record else { return None };
    Some(RecordContext { crm: crm?, org, object: crm_object?, record })
}

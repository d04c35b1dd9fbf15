//! How CRM records look: record ids, objects, and how a field ends up missing (absent, `null`
//! or `""`), plus the placeholders users type instead of a value.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

use super::rng::Rng;

/// Salesforce (18-character ids) or Dynamics (GUIDs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Crm {
    Salesforce,
    Dynamics,
}

impl Crm {
    pub fn draw(rng: &mut Rng) -> Self {
        if rng.chance(0.6) { Self::Salesforce } else { Self::Dynamics }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Salesforce => "salesforce",
            Self::Dynamics => "dynamics",
        }
    }

    /// A record id for an object of this CRM (`00Q…` for a Salesforce lead).
    pub fn record_id(self, rng: &mut Rng, object: &str) -> String {
        const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        match self {
            Self::Salesforce => {
                let prefix = match object {
                    "lead" => "00Q",
                    "contact" => "003",
                    "account" => "001",
                    _ => "006",
                };
                let tail: String = (0..12).map(|_| char::from(*rng.pick(ALPHABET))).collect();
                format!("{prefix}5g0{tail}")
            }
            Self::Dynamics => {
                let a = rng.next_u64();
                let b = rng.next_u64();
                format!(
                    "{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}",
                    a >> 32,
                    (a >> 16) & 0xffff,
                    a & 0xfff,
                    8 + (b >> 62),
                    (b >> 48) & 0xfff,
                    b & 0xffff_ffff_ffff
                )
            }
        }
    }
}

/// Placeholders CRM users type when they do not know a value.
pub const PLACEHOLDERS: &[&str] =
    &["[not provided]", "N/A", "Unknown", "-", "none", "TBD", "?", "n/a", "Self", "."];

/// A CRM record as JSON, fields in the order they were set (as FORMATS.md lists them).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct CrmRecord(Vec<(&'static str, Value)>);

impl CrmRecord {
    pub fn new(record_id: &str, crm: Crm, object: &str) -> Self {
        Self(vec![
            ("record_id", Value::String(record_id.to_owned())),
            ("crm", Value::String(crm.name().to_owned())),
            ("object", Value::String(object.to_owned())),
        ])
    }

    /// Sets `field` to `value`, or leaves it out, `null` or `""` when there is no value.
    pub fn put(&mut self, rng: &mut Rng, field: &'static str, value: Option<String>) {
        match value {
            Some(text) => self.0.push((field, Value::String(text))),
            None => match rng.below(10) {
                0..=4 => {}
                5..=7 => self.0.push((field, Value::Null)),
                _ => self.0.push((field, Value::String(String::new()))),
            },
        }
    }
}

impl Serialize for CrmRecord {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (field, value) in &self.0 {
            map.serialize_entry(field, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::super::rng::Stream;
    use super::*;

    #[test]
    fn record_ids_have_crm_shapes() {
        let mut rng = Rng::for_entity(1, Stream::MemberQuery, 0);
        let id = Crm::Salesforce.record_id(&mut rng, "lead");
        assert_eq!(id.len(), 18);
        assert!(id.starts_with("00Q"));
        let guid = Crm::Dynamics.record_id(&mut rng, "account");
        assert_eq!(guid.len(), 36);
        assert_eq!(guid.matches('-').count(), 4);
        assert_eq!(&guid[14..15], "4");
    }
}

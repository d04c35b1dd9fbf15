//! Identifiers parsed at the boundary. The CRM-side types accept only id shapes (Salesforce ids,
//! GUIDs, directory ids), so a CRM field value such as a name cannot be stored through them.

use std::fmt;

use super::StorageError;

/// Row id of a tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct TenantId(pub i64);

/// Row id of a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct UserId(pub i64);

fn invalid(what: &str, value: &str, expected: &str) -> StorageError {
    let shown: String = value.chars().take(40).collect();
    StorageError::Invalid(format!("{what} {shown:?} is not valid: expected {expected}"))
}

macro_rules! text_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// For values read back from the database, which were checked when written.
            #[allow(dead_code)] // not every id type is read back
            pub(crate) fn from_db(value: String) -> Self {
                Self(value)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

text_id! {
    /// A tenant's URL-safe name: lowercase letters, digits and `-`, 2 to 40 characters.
    TenantSlug
}

impl TenantSlug {
    pub fn parse(value: &str) -> Result<Self, StorageError> {
        let ok = (2..=40).contains(&value.len())
            && value.starts_with(|c: char| c.is_ascii_lowercase())
            && value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if ok {
            Ok(Self(value.to_owned()))
        } else {
            Err(invalid("tenant slug", value, "2-40 of a-z, 0-9 and -, starting with a letter"))
        }
    }
}

text_id! {
    /// A directory member or company id (`m123456`, `c123456`, or any id of the imported
    /// directory: 1-64 ASCII letters, digits, `_ . : -`).
    EntityId
}

impl EntityId {
    pub fn parse(value: &str) -> Result<Self, StorageError> {
        if is_directory_id(value) {
            Ok(Self(value.to_owned()))
        } else {
            Err(invalid("directory id", value, "1-64 ASCII letters, digits, _ . : or -"))
        }
    }
}

/// The shape accepted for directory ids at import and in overrides.
pub fn is_directory_id(value: &str) -> bool {
    (1..=64).contains(&value.len())
        && value.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b':' | b'-'))
}

text_id! {
    /// A CRM organization id: a Salesforce org id, a Dynamics organization GUID or host name.
    OrgId
}

impl OrgId {
    pub fn parse(value: &str) -> Result<Self, StorageError> {
        let ok = (1..=128).contains(&value.len())
            && value.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
        if ok {
            Ok(Self(value.to_owned()))
        } else {
            Err(invalid("CRM org id", value, "1-128 ASCII letters, digits, . - or _"))
        }
    }
}

text_id! {
    /// A CRM record id: a 15- or 18-character Salesforce id, or a Dynamics GUID (stored lowercase,
    /// without braces).
    RecordId
}

impl RecordId {
    pub fn parse(value: &str) -> Result<Self, StorageError> {
        if matches!(value.len(), 15 | 18) && value.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Ok(Self(value.to_owned()));
        }
        let guid = value.strip_prefix('{').and_then(|v| v.strip_suffix('}')).unwrap_or(value);
        if is_guid(guid) {
            return Ok(Self(guid.to_ascii_lowercase()));
        }
        Err(invalid("CRM record id", value, "a 15/18-character Salesforce id or a GUID"))
    }
}

fn is_guid(value: &str) -> bool {
    let groups: Vec<&str> = value.split('-').collect();
    let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    lengths == [8, 4, 4, 4, 12] && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}

macro_rules! text_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "lowercase")]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text),+
                }
            }

            pub fn parse(value: &str) -> Result<Self, StorageError> {
                match value {
                    $($text => Ok(Self::$variant),)+
                    _ => Err(invalid(
                        stringify!($name),
                        value,
                        concat!("one of:" $(, " ", $text)+),
                    )),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

text_enum! {
    /// The CRM products crmlens embeds into.
    Crm { Salesforce = "salesforce", Dynamics = "dynamics" }
}

text_enum! {
    /// The CRM record types a widget can sit on.
    CrmObject { Lead = "lead", Contact = "contact", Account = "account", Opportunity = "opportunity" }
}

text_enum! {
    /// Which directory a CRM record is matched against.
    EntityKind { Member = "member", Company = "company" }
}

text_enum! {
    /// What a user may do: administer the tenant, or use the widgets.
    Role { Admin = "admin", Rep = "rep" }
}

text_enum! {
    /// The licence a user holds; `none` sees no cards.
    Seat { None = "none", Team = "team", Enterprise = "enterprise" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_ids_accept_salesforce_and_guids_only() {
        assert!(RecordId::parse("00Q5e00000AbCdEfGH").is_ok());
        assert_eq!(
            RecordId::parse("{6F9619FF-8B86-D011-B42D-00C04FC964FF}").unwrap().as_str(),
            "6f9619ff-8b86-d011-b42d-00c04fc964ff"
        );
        for value in ["Jane Doe", "jane@acme.com", "Acme Corp - Renewal 2024", "", "0".repeat(19).as_str()] {
            assert!(RecordId::parse(value).is_err(), "{value}");
        }
    }

    #[test]
    fn entity_ids_refuse_free_text() {
        assert!(EntityId::parse("m100002").is_ok());
        assert!(EntityId::parse("Jane Doe").is_err());
        assert!(EntityId::parse("jane@acme.com").is_err());
    }

    #[test]
    fn enums_round_trip_and_name_choices() {
        for crm in Crm::ALL {
            assert_eq!(Crm::parse(crm.as_str()).unwrap(), *crm);
        }
        let message = Seat::parse("gold").unwrap_err().to_string();
        assert!(message.contains("none team enterprise"), "{message}");
    }
}

//! A strict scan of untrusted SAML XML before any XML-signature library parses it: refuses DTDs
//! (so no entity expansion or external entities can ever be reached), comments (the
//! CVE-2017-11427 class, where C14N drops a comment the application then reads around),
//! processing instructions, and any document with other than exactly one assertion.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::error::XmlGuardError;

/// The few facts the scan learns about a response, all still unauthenticated.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ResponseShape {
    pub in_response_to: Option<String>,
}

/// Refuses DOCTYPE, comments and processing instructions anywhere in the document.
pub fn check_document(xml: &str) -> Result<(), XmlGuardError> {
    scan(xml, |_, _| Ok(()))
}

/// Checks a SAML Response: the document rules above, a `Response` root and exactly one
/// plain `Assertion`. Returns the root's (unauthenticated) `InResponseTo` for the request lookup.
pub fn check_response(xml: &str) -> Result<ResponseShape, XmlGuardError> {
    let mut shape = ResponseShape::default();
    let mut assertions = 0usize;
    scan(xml, |element, depth| {
        let name = element.local_name().into_inner();
        if depth == 0 {
            if name != "Response" {
                return Err(XmlGuardError::UnexpectedRoot(name.to_owned(), "Response"));
            }
            shape.in_response_to = attribute(element, "InResponseTo")?;
        }
        match name {
            "Assertion" => assertions += 1,
            "EncryptedAssertion" => return Err(XmlGuardError::EncryptedAssertion),
            _ => {}
        }
        Ok(())
    })?;
    if assertions != 1 {
        return Err(XmlGuardError::AssertionCount(assertions));
    }
    Ok(shape)
}

/// Walks every event; `on_element` sees each start tag with its depth (0 = root).
fn scan(
    xml: &str,
    mut on_element: impl FnMut(&BytesStart<'_>, usize) -> Result<(), XmlGuardError>,
) -> Result<(), XmlGuardError> {
    let mut reader = Reader::from_str(xml);
    let mut depth = 0usize;
    loop {
        match reader.read_event().map_err(|error| XmlGuardError::Malformed(error.to_string()))? {
            Event::DocType(_) => return Err(XmlGuardError::Doctype),
            Event::Comment(_) => return Err(XmlGuardError::Comment),
            Event::PI(_) => return Err(XmlGuardError::ProcessingInstruction),
            Event::Start(element) => {
                on_element(&element, depth)?;
                depth += 1;
            }
            Event::Empty(element) => on_element(&element, depth)?,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

fn attribute(element: &BytesStart<'_>, name: &str) -> Result<Option<String>, XmlGuardError> {
    for attribute in element.attributes() {
        let attribute = attribute.map_err(|error| XmlGuardError::Malformed(error.to_string()))?;
        if attribute.key.into_inner() == name {
            let value = attribute
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|error| XmlGuardError::Malformed(error.to_string()))?;
            return Ok(Some(value.into_owned()));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RESPONSE: &str = r#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" InResponseTo="_req1"><saml:Assertion ID="a1"/></samlp:Response>"#;

    #[test]
    fn a_plain_response_passes_and_yields_in_response_to() {
        let shape = check_response(RESPONSE).unwrap();
        assert_eq!(shape.in_response_to.as_deref(), Some("_req1"));
    }

    #[test]
    fn doctype_is_refused_before_entities_are_seen() {
        let xml = format!(r#"<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>{RESPONSE}"#);
        assert_eq!(check_response(&xml), Err(XmlGuardError::Doctype));
    }

    #[test]
    fn comments_and_processing_instructions_are_refused() {
        let commented = RESPONSE.replace("<saml:Assertion", "<!-- x --><saml:Assertion");
        assert_eq!(check_response(&commented), Err(XmlGuardError::Comment));
        let with_pi = RESPONSE.replace("<saml:Assertion", "<?evil x?><saml:Assertion");
        assert_eq!(check_response(&with_pi), Err(XmlGuardError::ProcessingInstruction));
    }

    #[test]
    fn zero_or_two_assertions_are_refused() {
        let none = RESPONSE.replace(r#"<saml:Assertion ID="a1"/>"#, "");
        assert_eq!(check_response(&none), Err(XmlGuardError::AssertionCount(0)));
        let two = RESPONSE
            .replace("<saml:Assertion ID=\"a1\"/>", "<saml:Assertion ID=\"a1\"/><saml:Assertion ID=\"a2\"/>");
        assert_eq!(check_response(&two), Err(XmlGuardError::AssertionCount(2)));
    }

    #[test]
    fn a_root_other_than_response_is_refused() {
        let xml = r#"<Envelope><Response><Assertion/></Response></Envelope>"#;
        assert!(matches!(check_response(xml), Err(XmlGuardError::UnexpectedRoot(..))));
    }
}

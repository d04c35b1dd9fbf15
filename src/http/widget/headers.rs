//! The headers every widget response carries: framing limited to the tenant's CRM origins, no
//! Referer, no caching (a card holds personal data drawn from CRM values).

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, HttpResponseBuilder};

/// Scripts, styles and requests stay on our origin; only `frame-ancestors` varies.
const WIDGET_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     object-src 'none'; base-uri 'none'; form-action 'self'";

/// Who may frame a widget document.
#[derive(Debug, Clone)]
pub enum Framing {
    /// A known tenant: exactly its allowed CRM origins (none listed: nobody).
    Tenant(Vec<String>),
    /// An org nobody set up: the "not set up" card holds no data and offers no action, so any
    /// CRM page may show it (otherwise the admin would only see a browser error).
    Anyone,
}

impl Framing {
    fn ancestors(&self) -> String {
        match self {
            Self::Anyone => "*".to_owned(),
            Self::Tenant(origins) if origins.is_empty() => "'none'".to_owned(),
            Self::Tenant(origins) => origins.join(" "),
        }
    }

    fn policy(&self) -> String {
        format!("{WIDGET_POLICY}; frame-ancestors {}", self.ancestors())
    }
}

/// An HTML widget response with the widget headers.
pub fn html(status: StatusCode, framing: &Framing, body: String) -> HttpResponse {
    builder(status, framing).content_type("text/html; charset=utf-8").body(body)
}

fn builder(status: StatusCode, framing: &Framing) -> HttpResponseBuilder {
    let mut response = HttpResponse::build(status);
    let policy = HeaderValue::from_str(&framing.policy())
        .unwrap_or_else(|_| HeaderValue::from_static("frame-ancestors 'none'"));
    response
        .insert_header((header::CONTENT_SECURITY_POLICY, policy))
        .insert_header((header::REFERRER_POLICY, "no-referrer"))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::PRAGMA, "no-cache"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ancestors_list_exactly_the_tenant_origins() {
        let framing = Framing::Tenant(vec![
            "https://acme.my.salesforce.com".into(),
            "https://x.crm.dynamics.com".into(),
        ]);
        assert!(
            framing
                .policy()
                .ends_with("frame-ancestors https://acme.my.salesforce.com https://x.crm.dynamics.com")
        );
        assert!(Framing::Tenant(Vec::new()).policy().ends_with("frame-ancestors 'none'"));
    }
}

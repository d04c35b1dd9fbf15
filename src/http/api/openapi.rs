//! `GET /api/v1/openapi.json`: the OpenAPI 3.1 description of the JSON API, written by hand in
//! `openapi.json` beside this file and served with this server's public URL.

use actix_web::{HttpResponse, web};
use serde_json::{Value, json};

use super::problem::{Problem, ProblemKind, answer};
use crate::http::state::AppState;

const DOCUMENT: &str = include_str!("openapi.json");

/// The document with `servers` pointing at `public_url`.
pub fn document(public_url: &str) -> Result<Value, serde_json::Error> {
    let mut document: Value = serde_json::from_str(DOCUMENT)?;
    document["servers"] = json!([{ "url": public_url.trim_end_matches('/') }]);
    Ok(document)
}

pub async fn openapi_show(state: web::Data<AppState>) -> HttpResponse {
    answer(document(&state.public_url).map(|document| HttpResponse::Ok().json(document)).map_err(|error| {
        tracing::error!(%error, "the bundled OpenAPI document is not valid JSON");
        Problem::new(ProblemKind::Internal, "the OpenAPI document could not be built")
    }))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::http::api::request::{COMPANY_FIELDS, CONTEXT_FIELDS, MEMBER_FIELDS};

    fn property_names(document: &Value, schema: &str) -> Vec<String> {
        let mut names: Vec<String> = document["components"]["schemas"][schema]["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        names.sort();
        names
    }

    fn sorted(fields: &[&[&str]]) -> Vec<String> {
        let mut names: Vec<String> = fields.concat().iter().map(|f| (*f).to_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn documented_query_fields_are_exactly_the_accepted_ones() {
        let document = document("http://127.0.0.1:8080").unwrap();
        assert_eq!(property_names(&document, "MemberQuery"), sorted(&[CONTEXT_FIELDS, MEMBER_FIELDS]));
        assert_eq!(property_names(&document, "CompanyQuery"), sorted(&[CONTEXT_FIELDS, COMPANY_FIELDS]));
    }

    #[test]
    fn every_problem_type_is_documented() {
        let document = document("http://127.0.0.1:8080").unwrap();
        let documented = &document["components"]["schemas"]["Problem"]["properties"]["type"]["enum"];
        for kind in ProblemKind::ALL {
            assert!(documented.as_array().unwrap().contains(&json!(kind.type_uri())), "{kind:?}");
        }
    }

    #[test]
    fn servers_name_the_public_url() {
        let document = document("https://crm.example.com/").unwrap();
        assert_eq!(document["servers"][0]["url"], "https://crm.example.com");
        assert_eq!(document["openapi"], "3.1.0");
    }
}

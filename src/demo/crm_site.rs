//! The demo CRM site (`serve --demo`, on `--demo-bind`): Salesforce-like and Dynamics-like list
//! and record pages on a second origin, embedding the widgets through embed.js exactly as a real
//! CRM page does (one loader script, one tag per card, values in `data-` attributes).

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::{App, HttpResponse, HttpServer, web};
use askama::Template;

use super::crm_data::DemoRecord;
use super::seed::{DEMO_DYNAMICS_ORG, DEMO_SALESFORCE_ORG};

/// What the demo pages need: where crmlens is, and the records.
pub struct DemoSite {
    pub crmlens_url: String,
    pub records: Vec<DemoRecord>,
}

#[derive(Template)]
#[template(path = "demo/index.html")]
struct IndexPage<'a> {
    crmlens_url: &'a str,
}

#[derive(Template)]
#[template(path = "demo/list.html")]
struct ListPage<'a> {
    crm: &'a str,
    crm_label: &'static str,
    records: Vec<&'a DemoRecord>,
}

#[derive(Template)]
#[template(path = "demo/record.html")]
struct RecordPage<'a> {
    crm: &'a str,
    crm_label: &'static str,
    org: &'static str,
    crmlens_url: &'a str,
    record: &'a DemoRecord,
    kind: &'static str,
    /// (data- attribute name, value) for the crmlens tag.
    attributes: Vec<(String, &'a str)>,
    labels: Vec<(&'static str, &'a str)>,
}

/// Starts the demo site on `listener`.
pub fn server(listener: TcpListener, site: DemoSite) -> std::io::Result<Server> {
    let site = web::Data::new(Arc::new(site));
    let server = HttpServer::new(move || {
        App::new()
            .app_data(site.clone())
            .route("/", web::get().to(index_show))
            .route("/{crm}", web::get().to(list_show))
            .route("/{crm}/{object}/{record_id}", web::get().to(record_show))
    })
    .workers(1)
    .disable_signals()
    .listen(listener)?
    .run();
    Ok(server)
}

fn crm_label(crm: &str) -> Option<&'static str> {
    match crm {
        "salesforce" => Some("Salesforce"),
        "dynamics" => Some("Dynamics 365"),
        _ => None,
    }
}

fn html(page: &impl Template) -> HttpResponse {
    match page.render() {
        Ok(body) => HttpResponse::Ok().content_type("text/html; charset=utf-8").body(body),
        Err(error) => {
            tracing::error!(%error, "demo page failed to render");
            HttpResponse::InternalServerError().body("demo page failed to render")
        }
    }
}

fn not_found() -> HttpResponse {
    HttpResponse::NotFound().content_type("text/plain; charset=utf-8").body("no such demo page")
}

async fn index_show(site: web::Data<Arc<DemoSite>>) -> HttpResponse {
    html(&IndexPage { crmlens_url: &site.crmlens_url })
}

async fn list_show(site: web::Data<Arc<DemoSite>>, crm: web::Path<String>) -> HttpResponse {
    let Some(label) = crm_label(&crm) else { return not_found() };
    let records = site.records.iter().filter(|r| r.crm == *crm).collect();
    html(&ListPage { crm: &crm, crm_label: label, records })
}

async fn record_show(
    site: web::Data<Arc<DemoSite>>,
    path: web::Path<(String, String, String)>,
) -> HttpResponse {
    let (crm, object, record_id) = path.into_inner();
    let Some(label) = crm_label(&crm) else { return not_found() };
    let Some(record) =
        site.records.iter().find(|r| r.crm == crm && r.object == object && r.record_id == record_id)
    else {
        return not_found();
    };
    let org = if crm == "dynamics" { DEMO_DYNAMICS_ORG } else { DEMO_SALESFORCE_ORG };
    let kind = if record.is_person() { "member" } else { "company" };
    let attributes = record
        .fields
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| (format!("data-{}", name.replace('_', "-")), value.as_str()))
        .collect();
    let labels = record.fields.iter().map(|(name, value)| (field_label(name), value.as_str())).collect();
    html(&RecordPage {
        crm: &record.crm,
        crm_label: label,
        org,
        crmlens_url: &site.crmlens_url,
        record,
        kind,
        attributes,
        labels,
    })
}

fn field_label(field: &str) -> &'static str {
    match field {
        "first_name" => "First Name",
        "last_name" => "Last Name",
        "company" => "Company",
        "title" => "Title",
        "email" => "Email",
        "name" => "Account Name",
        "industry" => "Industry",
        "location" => "Billing City",
        "website" => "Website",
        _ => "Field",
    }
}

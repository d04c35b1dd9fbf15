//! Static files, embedded in the binary so a deployment is one file. Served with an ETag and a
//! cache lifetime; a matching `If-None-Match` gets 304.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use sha2::{Digest, Sha256};

struct Asset {
    path: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

const ASSETS: &[Asset] = &[
    Asset {
        path: "css/crmlens.css",
        content_type: "text/css; charset=utf-8",
        body: include_bytes!("../../static/css/crmlens.css"),
    },
    Asset {
        path: "css/widget.css",
        content_type: "text/css; charset=utf-8",
        body: include_bytes!("../../static/css/widget.css"),
    },
    Asset {
        path: "js/widget.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../../static/js/widget.js"),
    },
    Asset {
        path: "vendor/htmx-2.0.11.min.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../../static/vendor/htmx-2.0.11.min.js"),
    },
    Asset {
        path: "js/signin.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../../static/js/signin.js"),
    },
    Asset {
        path: "js/signin-done.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../../static/js/signin-done.js"),
    },
    Asset {
        path: "embed.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../../static/embed.js"),
    },
];

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/static/{path:.*}").route(web::get().to(asset_show)).route(web::head().to(asset_show)),
    )
    .service(web::resource("/embed.js").route(web::get().to(loader_show)).route(web::head().to(loader_show)));
}

/// The loader CRM pages include from our origin; it is fetched cross-site by design.
async fn loader_show(request: HttpRequest) -> HttpResponse {
    serve(&request, "embed.js")
}

async fn asset_show(request: HttpRequest, path: web::Path<String>) -> HttpResponse {
    serve(&request, &path)
}

fn serve(request: &HttpRequest, path: &str) -> HttpResponse {
    let Some(asset) = ASSETS.iter().find(|a| a.path == path) else {
        return HttpResponse::NotFound().content_type("text/plain; charset=utf-8").body("no such file");
    };
    let etag = format!("\"{}\"", &hex::encode(Sha256::digest(asset.body))[..16]);
    let cached = request
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|tag| tag.trim() == etag));
    let mut response = if cached { HttpResponse::NotModified() } else { HttpResponse::Ok() };
    response
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300")))
        .insert_header(("cross-origin-resource-policy", "cross-origin"));
    if cached { response.finish() } else { response.content_type(asset.content_type).body(asset.body) }
}

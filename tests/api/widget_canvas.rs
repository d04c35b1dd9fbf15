//! CRM entry points: Salesforce Canvas signed requests (verified or refused, named after the
//! attack each refusal stops) and the Dynamics web resource.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::widget::{CANVAS_SECRET, Fixture, LEAD, ORG};

fn envelope(issued_at: i64, org: &str) -> serde_json::Value {
    serde_json::json!({
        "algorithm": "HMACSHA256",
        "issuedAt": issued_at,
        "userId": "005000000000001AAA",
        "client": {"instanceUrl": "https://acme.my.salesforce.com", "targetOrigin": "https://acme.my.salesforce.com"},
        "context": {
            "organization": {"organizationId": org},
            "environment": {
                "record": {"attributes": {"type": "Lead"}, "Id": LEAD},
                "parameters": {"first_name": "Robert", "last_name": "Smith", "email": "robert.smith@acme.com"}
            }
        }
    })
}

fn sign(envelope: &serde_json::Value, secret: &str) -> String {
    let encoded = STANDARD.encode(envelope.to_string());
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(encoded.as_bytes());
    format!("{}.{encoded}", STANDARD.encode(mac.finalize().into_bytes()))
}

fn now() -> i64 {
    crmlens::storage::unix_now()
}

async fn post_canvas(fx: &Fixture, cookie: &str, signed: &str) -> (u16, String) {
    let response = reqwest::Client::new()
        .post(fx.app.url("/embed/salesforce/canvas"))
        .header("cookie", cookie)
        .form(&[("signed_request", signed)])
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

#[actix_web::test]
async fn canvas_request_signed_with_the_org_secret_shows_the_record_card() {
    let fx = Fixture::start().await;
    let rep = fx.rep(&fx.rep_a).await;
    let (status, body) = post_canvas(&fx, &rep.cookie, &sign(&envelope(now(), ORG), CANVAS_SECRET)).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains(r#"data-entity="m000001""#), "{body}");
    assert!(body.contains(&format!(r#"name="record_id" value="{LEAD}""#)), "{body}");
}

#[actix_web::test]
async fn canvas_tampered_envelope_is_refused() {
    let fx = Fixture::start().await;
    let rep = fx.rep(&fx.rep_a).await;
    let signed = sign(&envelope(now(), ORG), CANVAS_SECRET);
    let (signature, _) = signed.split_once('.').unwrap();
    let mut forged = envelope(now(), ORG);
    forged["context"]["environment"]["record"]["Id"] = "00Q000000000666AAA".into();
    let tampered = format!("{signature}.{}", STANDARD.encode(forged.to_string()));
    let (status, body) = post_canvas(&fx, &rep.cookie, &tampered).await;
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("could not be verified") && !body.contains("m000001"), "{body}");
}

#[actix_web::test]
async fn canvas_request_signed_with_another_secret_is_refused() {
    let fx = Fixture::start().await;
    let rep = fx.rep(&fx.rep_a).await;
    let (status, body) = post_canvas(&fx, &rep.cookie, &sign(&envelope(now(), ORG), "guessed-secret")).await;
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("consumer secret"), "{body}");
}

#[actix_web::test]
async fn canvas_replay_of_a_stale_signed_request_is_refused() {
    let fx = Fixture::start().await;
    let rep = fx.rep(&fx.rep_a).await;
    let stale = now() - crmlens::http::widget::MAX_AGE_SECONDS - 5;
    let (status, body) = post_canvas(&fx, &rep.cookie, &sign(&envelope(stale, ORG), CANVAS_SECRET)).await;
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("too old"), "{body}");
}

#[actix_web::test]
async fn canvas_from_an_org_nobody_linked_gets_the_not_set_up_card() {
    let fx = Fixture::start().await;
    let rep = fx.rep(&fx.rep_a).await;
    let signed = sign(&envelope(now(), "00D00000000OTHER1"), CANVAS_SECRET);
    let (status, body) = post_canvas(&fx, &rep.cookie, &signed).await;
    assert_eq!(status, 200);
    assert!(body.contains("not set up"), "{body}");
}

#[actix_web::test]
async fn dynamics_web_resource_for_an_unknown_org_gets_the_not_set_up_card() {
    let fx = Fixture::start().await;
    let rep = fx.rep(&fx.rep_a).await;
    let path = "/embed/dynamics?id=%7B6F9619FF-8B86-D011-B42D-00C04FC964FF%7D&typename=contact&orgname=unknownorg&userlcid=1033&orglcid=1033";
    let body = rep.get(path).await.text().await.unwrap();
    assert!(body.contains("not set up"), "{body}");

    let known = "/embed/dynamics?id=%7B6F9619FF-8B86-D011-B42D-00C04FC964FF%7D&typename=account&orgname=acme-dyn&userlcid=1033&orglcid=1033";
    let response = rep.get(known).await;
    assert!(
        response.headers()["content-security-policy"].to_str().unwrap().contains(super::widget::CRM_ORIGIN)
    );
    let body = response.text().await.unwrap();
    assert!(body.contains(r#"hx-post="/embed/company/card""#), "{body}");
    assert!(body.contains(r#"value="6f9619ff-8b86-d011-b42d-00c04fc964ff""#), "{body}");
    assert!(body.contains("theme-dynamics"), "{body}");
}

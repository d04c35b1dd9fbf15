//! Headless-Chromium widget scenarios against `serve --demo`: cards through embed.js across
//! origins, a correction seen after reload and by a second rep, script payloads inert, framing
//! refused to origins the tenant did not allow; screenshots of every state in both themes.

use std::path::Path;

use crmlens::storage::ids::{Role, Seat, TenantSlug};
use crmlens::storage::tenants::{self, TenantSettings};
use crmlens::storage::users::{self, NewUser, UserChanges};
use crmlens::storage::{credentials, unix_now};
use secrecy::SecretString;

use crate::app::{ServerProcess, free_port};
use crate::browser::{browser, run_scenario};
use crate::widget_demo::{demo_address, start_demo};

const PASSWORD: &str = "correct horse battery staple";
const REP: &str = "rep@demo.crmlens.test";
const REP2: &str = "rep2@demo.crmlens.test";
const NOSEAT: &str = "viewer@demo.crmlens.test";

/// Known passwords for the demo rep, a second rep and a user without a seat; `extra_origin` may
/// also frame the widgets.
fn prepare(server: &ServerProcess, extra_origin: Option<String>) {
    let url =
        crmlens::config::DatabaseUrl::parse(&server.dir().join("test.db").display().to_string()).unwrap();
    let mut conn = crmlens::storage::establish(&url).unwrap();
    let tenant = tenants::find_by_slug(&mut conn, &TenantSlug::parse("demo").unwrap()).unwrap().unwrap();
    let hash = credentials::hash_password(&SecretString::from(PASSWORD)).unwrap();
    let rep = users::find_by_email(&mut conn, tenant.id, REP).unwrap().unwrap();
    let changes = UserChanges { password_hash: Some(hash.clone()), ..Default::default() };
    users::update(&mut conn, rep.id, &changes).unwrap();
    for (email, name, seat) in [(REP2, "Second Rep", Seat::Team), (NOSEAT, "Nora Noseat", Seat::None)] {
        let user = NewUser {
            email: email.into(),
            name: name.into(),
            role: Role::Rep,
            seat,
            member_id: None,
            password_hash: Some(hash.clone()),
        };
        users::add(&mut conn, tenant.id, &user, unix_now()).unwrap();
    }
    if let Some(origin) = extra_origin {
        let mut settings = TenantSettings::named(&tenant.name);
        settings.allowed_origins = tenant.allowed_origins.clone();
        settings.allowed_origins.push(origin);
        tenants::update(&mut conn, tenant.id, &settings).unwrap();
    }
}

fn crmlens_url(server: &ServerProcess) -> String {
    format!("http://localhost:{}", server.address.rsplit(':').next().unwrap())
}

fn screenshots() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir.display().to_string()
}

#[test]
fn browser_demo_cards_load_across_origins_and_a_pick_is_seen_after_reload_and_by_a_second_rep() {
    let Some(executable) = browser() else { return };
    let server = start_demo();
    prepare(&server, None);
    let (crmlens, demo, shots) = (crmlens_url(&server), demo_address(&server), screenshots());
    let env = [
        ("CRMLENS_URL", crmlens.as_str()),
        ("DEMO_URL", demo.as_str()),
        ("REP_EMAIL", REP),
        ("REP2_EMAIL", REP2),
        ("PASSWORD", PASSWORD),
        ("SCREENSHOTS", shots.as_str()),
    ];
    let result = run_scenario("widget_demo", &executable, &env);
    assert!(result["provenance"].as_str().unwrap().contains("Picked by Demo Rep"));
}

#[test]
fn browser_script_payloads_stay_inert_and_unlisted_origins_cannot_frame_the_widget() {
    let Some(executable) = browser() else { return };
    let server = start_demo();
    let (crm_port, other_port) = (free_port(), free_port());
    prepare(&server, Some(format!("http://127.0.0.1:{crm_port}")));
    let crmlens = crmlens_url(&server);
    let (crm_port, other_port) = (crm_port.to_string(), other_port.to_string());
    let env = [
        ("CRMLENS_URL", crmlens.as_str()),
        ("CRMLENS_ORG", "00D000000000DEMO01"),
        ("CRM_PORT", crm_port.as_str()),
        ("OTHER_PORT", other_port.as_str()),
        ("REP_EMAIL", REP),
        ("PASSWORD", PASSWORD),
    ];
    let result = run_scenario("widget_guard", &executable, &env);
    assert_eq!(result["dialogs"], 0);
}

#[test]
fn browser_card_states_render_in_both_themes() {
    let Some(executable) = browser() else { return };
    let server = start_demo();
    prepare(&server, None);
    let (crmlens, shots) = (crmlens_url(&server), screenshots());
    let env = [
        ("CRMLENS_URL", crmlens.as_str()),
        ("SALESFORCE_ORG", "00D000000000DEMO01"),
        ("DYNAMICS_ORG", "demo-dynamics"),
        ("REP_EMAIL", REP),
        ("NOSEAT_EMAIL", NOSEAT),
        ("PASSWORD", PASSWORD),
        ("SCREENSHOTS", shots.as_str()),
    ];
    run_scenario("widget_states", &executable, &env);
}

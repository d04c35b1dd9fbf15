//! Sign-in storage on every backend: sessions' two expiries, the throttle, handoffs, SSO
//! settings and the audit log.

use crmlens::storage::audit::{self, AuditEvent};
use crmlens::storage::ids::{Role, Seat, TenantSlug};
use crmlens::storage::sessions::{self, NewSession};
use crmlens::storage::sso_config::{self, OidcClientConfig, SamlIdpConfig, SsoConfig};
use crmlens::storage::tenants::{self, TenantSettings};
use crmlens::storage::throttle::{self, ThrottlePolicy};
use crmlens::storage::users::{self, NewUser};
use crmlens::storage::{DbConnection, StorageError, handoffs};

use crate::helpers::*;

const NOW: i64 = 1_800_000_000;

fn user(conn: &mut DbConnection) -> users::User {
    let tenant =
        tenants::create(conn, &TenantSlug::parse("acme").unwrap(), &TenantSettings::named("Acme"), NOW)
            .unwrap();
    let new = NewUser {
        email: "rita@acme.com".into(),
        name: "Rita".into(),
        role: Role::Rep,
        seat: Seat::Team,
        member_id: None,
        password_hash: None,
    };
    users::add(conn, tenant.id, &new, NOW).unwrap()
}

#[test]
fn sessions_end_at_the_idle_or_the_absolute_expiry_and_on_revocation() {
    each_backend("sessions_end_at_the_idle_or_the_absolute_expiry_and_on_revocation", |db| {
        let mut conn = db.conn();
        let rita = user(&mut conn);
        let new = |id_hash| NewSession {
            id_hash,
            user: rita.id,
            csrf_token: "t",
            method: "password",
            now: NOW,
            idle_expires_at: NOW + 100,
            absolute_expires_at: NOW + 1000,
        };
        sessions::create(&mut conn, &new("a")).unwrap();
        sessions::create(&mut conn, &new("b")).unwrap();
        let found = sessions::find_active(&mut conn, "a", NOW + 50).unwrap().unwrap();
        assert_eq!((found.csrf_token.as_str(), found.method.as_str()), ("t", "password"));
        assert!(sessions::find_active(&mut conn, "a", NOW + 100).unwrap().is_none(), "idle expiry");
        sessions::touch(&mut conn, "a", NOW + 99, NOW + 5000).unwrap();
        assert!(sessions::find_active(&mut conn, "a", NOW + 999).unwrap().is_some(), "touch moved it");
        assert!(sessions::find_active(&mut conn, "a", NOW + 1000).unwrap().is_none(), "absolute expiry");
        assert_eq!(sessions::revoke_others(&mut conn, rita.id, "a").unwrap(), 1);
        assert!(sessions::find_active(&mut conn, "b", NOW + 1).unwrap().is_none());
        assert_eq!(sessions::revoke_all_for_user(&mut conn, rita.id).unwrap(), 1);
        assert!(sessions::find_active(&mut conn, "a", NOW + 1).unwrap().is_none());
    });
}

#[test]
fn a_session_read_with_its_user_is_refused_once_revoked_or_the_user_disabled() {
    each_backend("a_session_read_with_its_user_is_refused_once_revoked_or_the_user_disabled", |db| {
        let mut conn = db.conn();
        let rita = user(&mut conn);
        let new = |id_hash| NewSession {
            id_hash,
            user: rita.id,
            csrf_token: "t",
            method: "password",
            now: NOW,
            idle_expires_at: NOW + 100,
            absolute_expires_at: NOW + 1000,
        };
        sessions::create(&mut conn, &new("a")).unwrap();
        sessions::create(&mut conn, &new("b")).unwrap();
        let (session, found) = sessions::find_active_with_user(&mut conn, "a", NOW + 1).unwrap().unwrap();
        assert_eq!((session.id_hash.as_str(), &found), ("a", &rita));
        sessions::revoke(&mut conn, "a").unwrap();
        assert!(sessions::find_active_with_user(&mut conn, "a", NOW + 1).unwrap().is_none(), "revoked");
        let disable = users::UserChanges { disabled: Some(true), ..Default::default() };
        users::update(&mut conn, rita.id, &disable).unwrap();
        assert!(sessions::find_active_with_user(&mut conn, "b", NOW + 1).unwrap().is_none(), "disabled");
    });
}

#[test]
fn throttle_locks_a_key_after_repeated_failures_for_the_lockout_only() {
    each_backend("throttle_locks_a_key_after_repeated_failures_for_the_lockout_only", |db| {
        let mut conn = db.conn();
        let policy = ThrottlePolicy { max_failures: 3, window: 60, lockout: 300 };
        assert!(!throttle::record_failure(&mut conn, "account:x", policy, NOW).unwrap());
        assert!(!throttle::record_failure(&mut conn, "account:x", policy, NOW + 1).unwrap());
        assert!(!throttle::is_locked(&mut conn, "account:x", NOW + 2).unwrap());
        assert!(throttle::record_failure(&mut conn, "account:x", policy, NOW + 2).unwrap());
        assert!(throttle::is_locked(&mut conn, "account:x", NOW + 301).unwrap());
        assert!(!throttle::is_locked(&mut conn, "account:x", NOW + 302).unwrap(), "the lockout ends");
        assert!(!throttle::is_locked(&mut conn, "account:y", NOW).unwrap(), "other keys are untouched");
        // Failures outside the window do not add up.
        throttle::clear(&mut conn, "account:x").unwrap();
        throttle::record_failure(&mut conn, "account:x", policy, NOW).unwrap();
        throttle::record_failure(&mut conn, "account:x", policy, NOW + 1).unwrap();
        assert!(!throttle::record_failure(&mut conn, "account:x", policy, NOW + 61).unwrap());
        // Purging keeps a key whose window is current and drops one whose window is over.
        assert_eq!(throttle::purge_stale(&mut conn, NOW + 62, NOW + 61).unwrap(), 0);
        assert_eq!(throttle::purge_stale(&mut conn, NOW + 200, NOW + 200).unwrap(), 1);
        throttle::record_failure(&mut conn, "account:x", policy, NOW + 300).unwrap();
        throttle::record_failure(&mut conn, "account:x", policy, NOW + 300).unwrap();
        throttle::record_failure(&mut conn, "account:x", policy, NOW + 300).unwrap();
        assert_eq!(
            throttle::purge_stale(&mut conn, NOW + 400, NOW + 10_000).unwrap(),
            0,
            "a lockout is kept"
        );
        assert!(throttle::is_locked(&mut conn, "account:x", NOW + 400).unwrap());
    });
}

#[test]
fn handoffs_are_single_use_and_expire() {
    each_backend("handoffs_are_single_use_and_expire", |db| {
        let mut conn = db.conn();
        let rita = user(&mut conn);
        handoffs::put(&mut conn, "h1", rita.id, "oidc", NOW + 60).unwrap();
        assert!(matches!(
            handoffs::put(&mut conn, "h1", rita.id, "oidc", NOW + 60),
            Err(StorageError::Conflict(_))
        ));
        let taken = handoffs::redeem(&mut conn, "h1", NOW + 10).unwrap().unwrap();
        assert_eq!((taken.user, taken.method.as_str()), (rita.id, "oidc"));
        assert!(handoffs::redeem(&mut conn, "h1", NOW + 10).unwrap().is_none(), "single use");
        handoffs::put(&mut conn, "h2", rita.id, "saml", NOW + 60).unwrap();
        assert!(handoffs::redeem(&mut conn, "h2", NOW + 60).unwrap().is_none(), "expired");
    });
}

#[test]
fn sso_settings_round_trip_and_refuse_bad_domains() {
    each_backend("sso_settings_round_trip_and_refuse_bad_domains", |db| {
        let mut conn = db.conn();
        let rita = user(&mut conn);
        assert_eq!(sso_config::get(&mut conn, rita.tenant_id).unwrap(), SsoConfig::default());
        let config = SsoConfig {
            oidc: Some(OidcClientConfig {
                issuer: "https://idp.example.com".into(),
                client_id: "crmlens".into(),
                client_secret: Some("s3cret".into()),
            }),
            saml: Some(SamlIdpConfig { metadata_xml: "<md/>".into(), allow_sha1: true }),
            allowed_domains: vec!["acme.com".into(), "acme.de".into()],
            jit_provisioning: true,
        };
        sso_config::put(&mut conn, rita.tenant_id, &config, NOW).unwrap();
        assert_eq!(sso_config::get(&mut conn, rita.tenant_id).unwrap(), config);
        let disabled = SsoConfig { oidc: None, ..config.clone() };
        sso_config::put(&mut conn, rita.tenant_id, &disabled, NOW).unwrap();
        assert_eq!(sso_config::get(&mut conn, rita.tenant_id).unwrap(), disabled);
        let bad = SsoConfig { allowed_domains: vec!["Acme.com; evil".into()], ..config };
        assert!(matches!(
            sso_config::put(&mut conn, rita.tenant_id, &bad, NOW),
            Err(StorageError::Invalid(_))
        ));
        assert!(!format!("{:?}", disabled.saml).contains("s3cret"));
    });
}

#[test]
fn audit_log_keeps_who_what_how_and_where() {
    each_backend("audit_log_keeps_who_what_how_and_where", |db| {
        let mut conn = db.conn();
        let rita = user(&mut conn);
        let event = AuditEvent {
            tenant: Some(rita.tenant_id),
            user: Some(rita.id),
            actor: "rita@acme.com",
            event: "sign_in",
            method: "saml",
            ip: "203.0.113.9",
            at: NOW,
        };
        audit::record(&mut conn, &event).unwrap();
        audit::record(&mut conn, &AuditEvent { event: "sign_out", at: NOW + 5, ..event.clone() }).unwrap();
        let entries = audit::recent_for_tenant(&mut conn, rita.tenant_id, 10).unwrap();
        assert_eq!(entries.iter().map(|e| e.event.as_str()).collect::<Vec<_>>(), ["sign_out", "sign_in"]);
        assert_eq!((entries[1].ip.as_str(), entries[1].method.as_str()), ("203.0.113.9", "saml"));
        assert_eq!(entries[1].user_id, Some(rita.id.0));
    });
}

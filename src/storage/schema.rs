//! Diesel table definitions, written by hand to match both migration folders (portable types only).

diesel::table! {
    instance_settings (key) {
        key -> Text,
        value -> Text,
    }
}

diesel::table! {
    tenants (id) {
        id -> BigInt,
        slug -> Text,
        name -> Text,
        allowed_origins -> Text,
        sync_enabled -> Bool,
        auto_match_threshold -> Nullable<Double>,
        suggest_threshold -> Nullable<Double>,
        created_at -> BigInt,
    }
}

diesel::table! {
    crm_orgs (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        crm -> Text,
        org_id -> Text,
        canvas_secret -> Nullable<Text>,
        created_at -> BigInt,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        email -> Text,
        name -> Text,
        role -> Text,
        seat -> Text,
        member_id -> Nullable<Text>,
        password_hash -> Nullable<Text>,
        disabled -> Bool,
        created_at -> BigInt,
    }
}

diesel::table! {
    sessions (id_hash) {
        id_hash -> Text,
        user_id -> BigInt,
        created_at -> BigInt,
        last_seen_at -> BigInt,
        expires_at -> BigInt,
        revoked -> Bool,
        absolute_expires_at -> BigInt,
        csrf_token -> Text,
        method -> Text,
    }
}

diesel::table! {
    api_keys (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        name -> Text,
        prefix -> Text,
        key_hash -> Text,
        created_at -> BigInt,
        revoked_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    companies (id) {
        id -> Text,
        name -> Text,
        industry -> Text,
        location -> Text,
        website -> Text,
        size -> Nullable<BigInt>,
        description -> Text,
    }
}

diesel::table! {
    members (id) {
        id -> Text,
        first_name -> Text,
        last_name -> Text,
        headline -> Text,
        title -> Text,
        company_id -> Nullable<Text>,
        company_name -> Text,
        location -> Text,
    }
}

diesel::table! {
    member_past_positions (member_id, ordinal) {
        member_id -> Text,
        ordinal -> Integer,
        company_id -> Nullable<Text>,
        company_name -> Text,
        title -> Text,
    }
}

diesel::table! {
    member_emails (member_id, email_hash) {
        member_id -> Text,
        email_hash -> Text,
        domain -> Text,
    }
}

diesel::table! {
    connections (a, b) {
        a -> Text,
        b -> Text,
    }
}

diesel::table! {
    link_generation (id) {
        id -> Integer,
        generation -> BigInt,
    }
}

diesel::table! {
    record_links (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        source -> Text,
        crm -> Text,
        org_id -> Text,
        object -> Text,
        record_id -> Text,
        kind -> Text,
        entity_id -> Nullable<Text>,
        set_by -> Nullable<BigInt>,
        set_at -> BigInt,
        previous_state -> Nullable<Text>,
        previous_entity_id -> Nullable<Text>,
    }
}

diesel::table! {
    usage_events (id) {
        id -> BigInt,
        tenant_id -> Nullable<BigInt>,
        kind -> Text,
        route -> Text,
        at -> BigInt,
        count -> BigInt,
    }
}

diesel::table! {
    saml_replay (assertion_id) {
        assertion_id -> Text,
        expires_at -> BigInt,
    }
}

diesel::table! {
    auth_pending (state) {
        state -> Text,
        kind -> Text,
        payload -> Text,
        expires_at -> BigInt,
    }
}

diesel::table! {
    tenant_sso (tenant_id) {
        tenant_id -> BigInt,
        oidc_issuer -> Nullable<Text>,
        oidc_client_id -> Nullable<Text>,
        oidc_client_secret -> Nullable<Text>,
        saml_idp_metadata -> Nullable<Text>,
        saml_allow_sha1 -> Bool,
        allowed_domains -> Text,
        jit_provisioning -> Bool,
        updated_at -> BigInt,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        tenant_id -> Nullable<BigInt>,
        user_id -> Nullable<BigInt>,
        actor -> Text,
        event -> Text,
        method -> Text,
        ip -> Text,
        at -> BigInt,
    }
}

diesel::table! {
    sign_in_throttle (key) {
        key -> Text,
        failures -> BigInt,
        window_started_at -> BigInt,
        locked_until -> BigInt,
    }
}

diesel::table! {
    sign_in_handoffs (secret_hash) {
        secret_hash -> Text,
        user_id -> BigInt,
        method -> Text,
        expires_at -> BigInt,
    }
}

diesel::table! {
    sso_links (tenant_id, issuer, subject) {
        tenant_id -> BigInt,
        issuer -> Text,
        subject -> Text,
        user_id -> BigInt,
        created_at -> BigInt,
    }
}

diesel::joinable!(crm_orgs -> tenants (tenant_id));
diesel::joinable!(tenant_sso -> tenants (tenant_id));
diesel::joinable!(sign_in_handoffs -> users (user_id));
diesel::joinable!(users -> tenants (tenant_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(api_keys -> tenants (tenant_id));
diesel::joinable!(member_past_positions -> members (member_id));
diesel::joinable!(member_emails -> members (member_id));

diesel::allow_tables_to_appear_in_same_query!(
    instance_settings,
    tenants,
    crm_orgs,
    users,
    sessions,
    api_keys,
    companies,
    members,
    member_past_positions,
    member_emails,
    connections,
    record_links,
    link_generation,
    usage_events,
    saml_replay,
    auth_pending,
    tenant_sso,
    audit_log,
    sign_in_throttle,
    sign_in_handoffs,
    sso_links,
);

//! Tables of credential lifecycle and the audit log (`2026-12-07-002001_lifecycle_audit`).

diesel::table! {
    auth_tokens (jti) {
        jti -> Text,
        owner_kind -> Text,
        owner_id -> Text,
        issued_at -> BigInt,
        expires_at -> BigInt,
        revoked_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    credential_epoch (id) {
        id -> Integer,
        n -> BigInt,
    }
}

diesel::table! {
    audit_events (id) {
        id -> BigInt,
        chain -> Text,
        seq -> BigInt,
        at -> BigInt,
        actor_kind -> Text,
        actor_partner_id -> Nullable<Text>,
        actor_user_id -> Nullable<Text>,
        actor_customer_id -> Nullable<Text>,
        actor_credential -> Nullable<Text>,
        operation_id -> Text,
        method -> Text,
        path -> Text,
        target_ids -> Text,
        request_id -> Text,
        source -> Nullable<Text>,
        outcome -> Text,
        reason -> Nullable<Text>,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    link_ends (partner_id, id) {
        partner_id -> Text,
        id -> Text,
        kind -> Text,
        counterpart_id -> Text,
        association_type -> Nullable<Text>,
        linked_at -> Nullable<BigInt>,
        ended_at -> BigInt,
        reason -> Text,
    }
}

//! Tables of the delivery migration (issue 21): partner events, webhooks and their deliveries.

diesel::table! {
    partner_events (seq) {
        seq -> BigInt,
        id -> Text,
        partner_id -> Text,
        partner_seq -> BigInt,
        event_type -> Text,
        subjects -> Text,
        created_at -> BigInt,
    }
}

diesel::table! {
    webhooks (seq) {
        seq -> BigInt,
        id -> Text,
        partner_id -> Text,
        url -> Text,
        event_types -> Text,
        description -> Nullable<Text>,
        enabled -> Bool,
        sealed_secret -> Text,
        failing_since -> Nullable<BigInt>,
        disabled_at -> Nullable<BigInt>,
        created_at -> BigInt,
        updated_at -> BigInt,
    }
}

diesel::table! {
    webhook_deliveries (seq) {
        seq -> BigInt,
        id -> Text,
        webhook_id -> Text,
        partner_id -> Text,
        event_id -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> BigInt,
        lease_until -> Nullable<BigInt>,
        last_attempt_at -> Nullable<BigInt>,
        last_status_code -> Nullable<Integer>,
        last_error -> Nullable<Text>,
        last_response -> Nullable<Text>,
        created_at -> BigInt,
    }
}

diesel::allow_tables_to_appear_in_same_query!(partner_events, webhooks, webhook_deliveries);

// Tables of migration 2026-11-30-000000_opportunities, identical on both backends.

use crate::schema::{partner_users, partners};

diesel::table! {
    business_opportunities (id) {
        id -> Text,
        partner_id -> Text,
        customer_id -> Text,
        owner_user_id -> Nullable<Text>,
        opportunity_name -> Text,
        industry -> Text,
        opportunity_type -> Text,
        confidence -> Integer,
        stage -> Text,
        expected_monthly_cents -> BigInt,
        currency -> Text,
        description -> Nullable<Text>,
        close_reason -> Nullable<Text>,
        created_by -> Text,
        created_at -> BigInt,
        updated_at -> BigInt,
        closed_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    po_opportunities (id) {
        id -> Text,
        partner_id -> Text,
        created_by -> Text,
        status -> Text,
        customer_name -> Nullable<Text>,
        industry -> Nullable<Text>,
        product_category -> Nullable<Text>,
        budget_cents -> Nullable<BigInt>,
        decision_maker -> Nullable<Text>,
        requirement -> Nullable<Text>,
        purchase_plan -> Nullable<Text>,
        estimated_revenue_cents -> Nullable<BigInt>,
        currency -> Nullable<Text>,
        expected_close_date -> Nullable<Text>,
        description -> Nullable<Text>,
        submission_count -> Integer,
        submitted_at -> Nullable<BigInt>,
        reviewed_at -> Nullable<BigInt>,
        reason_codes -> Nullable<Text>,
        reason -> Nullable<Text>,
        created_at -> BigInt,
        updated_at -> BigInt,
    }
}

diesel::table! {
    po_settings (id) {
        id -> Integer,
        min_revenue_cents -> BigInt,
        product_categories -> Text,
        updated_at -> BigInt,
    }
}

diesel::table! {
    pce_join_conditions (position) {
        position -> Integer,
        condition_type -> Text,
        path_type -> Nullable<Text>,
        stage -> Nullable<Text>,
        updated_at -> BigInt,
    }
}

diesel::table! {
    pce_members (partner_id) {
        partner_id -> Text,
        joined_at -> BigInt,
        agreement_signed_at -> Nullable<BigInt>,
        qualified_by -> Text,
    }
}

diesel::table! {
    pce_shared_opportunities (id) {
        id -> Text,
        partner_id -> Text,
        customer_name -> Text,
        industry -> Text,
        product_category -> Text,
        description -> Nullable<Text>,
        expected_monthly_cents -> BigInt,
        status -> Text,
        status_reason -> Nullable<Text>,
        shared_at -> BigInt,
        updated_at -> BigInt,
        incentive_id -> Nullable<Text>,
    }
}

diesel::table! {
    pce_benefits (position) {
        position -> Integer,
        code -> Text,
        name -> Text,
        updated_at -> BigInt,
    }
}

diesel::table! {
    pce_incentive_rule (id) {
        id -> Integer,
        percent_hundredths -> Integer,
        cap_cents -> BigInt,
        currency -> Text,
        updated_at -> BigInt,
    }
}

diesel::table! {
    leads (id) {
        id -> Text,
        partner_id -> Text,
        source -> Text,
        status -> Text,
        customer_name -> Text,
        contact_name -> Nullable<Text>,
        mobile_phone -> Nullable<Text>,
        email -> Nullable<Text>,
        industry -> Nullable<Text>,
        description -> Nullable<Text>,
        created_by -> Nullable<Text>,
        created_at -> BigInt,
        updated_at -> BigInt,
    }
}

diesel::table! {
    lead_follow_ups (id) {
        id -> Text,
        lead_id -> Text,
        partner_id -> Text,
        user_id -> Text,
        kind -> Text,
        content -> Nullable<Text>,
        created_at -> BigInt,
    }
}

// The visibility scope of S13 is a subquery on partners (resellers) and partner_users (team).
diesel::allow_tables_to_appear_in_same_query!(business_opportunities, partners);
diesel::allow_tables_to_appear_in_same_query!(business_opportunities, partner_users);

diesel::table! {
    outbound_calls (id) {
        id -> Text,
        lead_id -> Text,
        partner_id -> Text,
        user_id -> Text,
        status -> Text,
        duration_secs -> BigInt,
        created_at -> BigInt,
        ended_at -> Nullable<BigInt>,
        updated_at -> BigInt,
    }
}

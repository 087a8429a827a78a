//! Tables of the vouchers migration (coupon quotas, operation records, test vouchers); kept
//! apart from `schema.rs` so each feature's tables are read in one place.

diesel::table! {
    coupon_quotas (id) {
        id -> Text,
        partner_id -> Text,
        parent_quota_id -> Nullable<Text>,
        granted_by_partner_id -> Nullable<Text>,
        quota_type -> Integer,
        quota_cents -> BigInt,
        balance_cents -> BigInt,
        status -> Integer,
        effective_time -> BigInt,
        expire_time -> BigInt,
        face_min_cents -> Nullable<BigInt>,
        face_max_cents -> Nullable<BigInt>,
        cloud_service_types -> Nullable<Text>,
        product_ids -> Nullable<Text>,
        create_time -> BigInt,
        last_update_time -> BigInt,
    }
}

diesel::table! {
    coupon_quota_records (seq) {
        seq -> BigInt,
        id -> Text,
        partner_id -> Text,
        indirect_partner_id -> Text,
        quota_id -> Nullable<Text>,
        parent_quota_id -> Text,
        operation_type -> Text,
        amount_cents -> BigInt,
        operator -> Text,
        result -> Text,
        remark -> Nullable<Text>,
        operation_time -> BigInt,
    }
}

diesel::table! {
    partner_coupon_records (seq) {
        seq -> BigInt,
        id -> Text,
        partner_id -> Text,
        quota_id -> Nullable<Text>,
        quota_type -> Integer,
        coupon_id -> Nullable<Text>,
        customer_id -> Nullable<Text>,
        operation_type -> Text,
        amount_cents -> BigInt,
        result -> Text,
        remark -> Nullable<Text>,
        operation_time -> BigInt,
    }
}

diesel::table! {
    partner_solutions (id) {
        id -> Text,
        partner_id -> Text,
        name -> Text,
        certification -> Text,
        created_at -> BigInt,
        kind -> Text,
    }
}

diesel::table! {
    test_coupon_applications (id) {
        id -> Text,
        partner_id -> Text,
        solution_id -> Text,
        customer_id -> Text,
        amount_cents -> BigInt,
        approved_cents -> Nullable<BigInt>,
        purpose -> Text,
        resource_list_url -> Nullable<Text>,
        reason -> Nullable<Text>,
        status -> Text,
        review_reason_codes -> Nullable<Text>,
        review_reason -> Nullable<Text>,
        coupon_id -> Nullable<Text>,
        created_at -> BigInt,
        decided_at -> Nullable<BigInt>,
        solution_ids -> Nullable<Text>,
    }
}

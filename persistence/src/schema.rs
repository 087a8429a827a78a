diesel::define_sql_function! {
    /// SQL `lower()`, the same on SQLite and PostgreSQL for login names.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

// What the migrations create; `tests/tests/api/storage_schema.rs` checks the two agree.

diesel::table! {
    partners (id) {
        id -> Text,
        domain_id -> Text,
        name -> Text,
        account_name -> Text,
        partner_type -> Text,
        country_code -> Text,
        reseller_program_joined -> Bool,
        marketing_plan_version -> Text,
        email -> Nullable<Text>,
        mobile_phone -> Nullable<Text>,
        parent_id -> Nullable<Text>,
        associated_at -> Nullable<BigInt>,
        account_manager_user_id -> Nullable<Text>,
        created_at -> BigInt,
        suspended_at -> Nullable<BigInt>,
        suspend_reason -> Nullable<Text>,
    }
}

diesel::table! {
    partner_users (id) {
        id -> Text,
        partner_id -> Text,
        user_name -> Text,
        display_name -> Nullable<Text>,
        roles -> Text,
        supervisor_user_id -> Nullable<Text>,
        password_hash -> Nullable<Text>,
        created_at -> BigInt,
        active -> Bool,
        email -> Nullable<Text>,
        mobile_phone -> Nullable<Text>,
        language -> Text,
    }
}

diesel::table! {
    customers (id) {
        id -> Text,
        domain_id -> Text,
        domain_name -> Text,
        country_code -> Text,
        has_credit_account -> Bool,
        is_partner -> Bool,
        special_contract -> Bool,
        email -> Nullable<Text>,
        mobile_phone -> Nullable<Text>,
        customer_name -> Nullable<Text>,
        password_hash -> Nullable<Text>,
        partner_id -> Nullable<Text>,
        association_type -> Nullable<Text>,
        associated_at -> Nullable<BigInt>,
        label -> Nullable<Text>,
        account_manager_user_id -> Nullable<Text>,
        xaccount_id -> Nullable<Text>,
        xaccount_type -> Nullable<Text>,
        created_at -> BigInt,
    }
}

diesel::table! {
    credentials (access_key) {
        access_key -> Text,
        secret_enc -> Text,
        owner_kind -> Text,
        owner_id -> Text,
        domain_id -> Text,
        created_at -> BigInt,
        status -> Text,
        last_used_at -> Nullable<BigInt>,
        expires_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    accounts (id) {
        id -> Text,
        owner_kind -> Text,
        owner_id -> Text,
        account_type -> Integer,
        balance_cents -> BigInt,
        credit_limit_cents -> BigInt,
        designated_cents -> BigInt,
        created_at -> BigInt,
    }
}

diesel::table! {
    ledger_entries (seq) {
        seq -> BigInt,
        id -> Text,
        account_id -> Text,
        owner_kind -> Text,
        owner_id -> Text,
        account_type -> Integer,
        trade_type -> Text,
        trade_detail_type -> Text,
        trade_id -> Text,
        amount_cents -> BigInt,
        balance_after_cents -> BigInt,
        customer_id -> Nullable<Text>,
        counterparty_id -> Nullable<Text>,
        remark -> Nullable<Text>,
        created_at -> BigInt,
    }
}

diesel::table! {
    idempotency_keys (scope, idem_key) {
        scope -> Text,
        idem_key -> Text,
        request_hash -> Text,
        response_status -> Integer,
        response_body -> Text,
        created_at -> BigInt,
    }
}

diesel::table! {
    orders (id) {
        id -> Text,
        customer_id -> Text,
        partner_id -> Nullable<Text>,
        service_type_code -> Text,
        service_type_name -> Nullable<Text>,
        source_type -> Integer,
        status -> Integer,
        order_type -> Integer,
        official_cents -> BigInt,
        amount_cents -> BigInt,
        discount_cents -> BigInt,
        coupon_cents -> BigInt,
        cash_paid_cents -> BigInt,
        credit_paid_cents -> BigInt,
        refunded_cents -> BigInt,
        payer_kind -> Nullable<Text>,
        payer_id -> Nullable<Text>,
        applied_discount_id -> Nullable<Text>,
        agent_pay_status -> Nullable<Text>,
        agent_pay_reason -> Nullable<Text>,
        pending_payment_end_time -> Nullable<BigInt>,
        create_time -> BigInt,
        payment_time -> Nullable<BigInt>,
        discount_count -> Integer,
    }
}

diesel::table! {
    order_line_items (id) {
        id -> Text,
        order_id -> Text,
        line_no -> Integer,
        product_id -> Text,
        cloud_service_type -> Nullable<Text>,
        period_type -> Integer,
        period_num -> Integer,
        subscription_num -> Integer,
        official_cents -> BigInt,
        discount_ratio -> Nullable<Text>,
        amount_cents -> BigInt,
        effective_time -> Nullable<BigInt>,
        expire_time -> Nullable<BigInt>,
    }
}

diesel::table! {
    order_discounts (order_id, discount_id) {
        order_id -> Text,
        discount_id -> Text,
        discount_type -> Integer,
        discount_mode -> Integer,
        discount_value -> Text,
    }
}

diesel::table! {
    coupons (id) {
        id -> Text,
        customer_id -> Text,
        coupon_type -> Integer,
        source -> Text,
        partner_id -> Nullable<Text>,
        quota_id -> Nullable<Text>,
        face_value_cents -> BigInt,
        balance_cents -> BigInt,
        status -> Integer,
        effective_time -> BigInt,
        expire_time -> BigInt,
        with_partner_discount -> Bool,
        with_contract_discount -> Bool,
        with_promotion_discount -> Bool,
        min_consume_discount -> Nullable<Text>,
        used_by_order_id -> Nullable<Text>,
        last_used_time -> Nullable<BigInt>,
        memo -> Nullable<Text>,
        create_time -> BigInt,
        cloud_service_types -> Nullable<Text>,
        product_ids -> Nullable<Text>,
    }
}

diesel::table! {
    order_coupons (order_id, coupon_id) {
        order_id -> Text,
        coupon_id -> Text,
        amount_cents -> BigInt,
    }
}

diesel::table! {
    refunds (id) {
        id -> Text,
        order_id -> Text,
        customer_id -> Text,
        amount_cents -> BigInt,
        to_cash_cents -> BigInt,
        to_credit_cents -> BigInt,
        payer_kind -> Text,
        payer_id -> Text,
        create_time -> BigInt,
    }
}

diesel::table! {
    reseller_invitations (id) {
        id -> Text,
        distributor_id -> Text,
        reseller_id -> Text,
        status -> Text,
        remark -> Nullable<Text>,
        invited_by -> Text,
        created_at -> BigInt,
        expire_at -> BigInt,
        answered_at -> Nullable<BigInt>,
        answered_by -> Nullable<Text>,
    }
}

diesel::table! {
    customer_invitations (id) {
        id -> Text,
        partner_id -> Text,
        customer_id -> Nullable<Text>,
        invitee -> Text,
        association_type -> Text,
        code -> Text,
        previous_code -> Nullable<Text>,
        code_used_at -> Nullable<BigInt>,
        status -> Text,
        failure_reason -> Nullable<Text>,
        failed_at -> Nullable<BigInt>,
        remark -> Nullable<Text>,
        invited_by -> Text,
        created_at -> BigInt,
        sent_at -> BigInt,
        expire_at -> BigInt,
        associated_at -> Nullable<BigInt>,
        resend_count -> Integer,
    }
}

diesel::table! {
    verification_codes (id) {
        id -> Text,
        partner_id -> Text,
        mobile_phone -> Text,
        scene -> Integer,
        customer_id -> Nullable<Text>,
        code_hash -> Text,
        created_at -> BigInt,
        expire_at -> BigInt,
        failed_attempts -> Integer,
        used_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    outbox_messages (seq) {
        seq -> BigInt,
        id -> Text,
        channel -> Text,
        recipient -> Text,
        purpose -> Text,
        content -> Text,
        created_at -> BigInt,
        subject -> Nullable<Text>,
        html -> Nullable<Text>,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> BigInt,
        lease_until -> Nullable<BigInt>,
        last_attempt_at -> Nullable<BigInt>,
        last_error -> Nullable<Text>,
        sent_at -> Nullable<BigInt>,
    }
}

//! Tables of the consumption migration (issue 22): usage fee records, bill-cycle sums,
//! customers' arrears and cloud resources.

diesel::table! {
    usage_fee_records (seq) {
        seq -> BigInt,
        id -> Text,
        platform -> Text,
        record_id -> Text,
        customer_id -> Text,
        partner_id -> Nullable<Text>,
        resource_id -> Text,
        resource_name -> Nullable<Text>,
        service_type_code -> Text,
        resource_type_code -> Text,
        region_code -> Text,
        product_id -> Nullable<Text>,
        charging_mode -> Integer,
        bill_type -> Integer,
        usage_amount -> Text,
        usage_unit -> Text,
        official_cents -> BigInt,
        discount_cents -> BigInt,
        amount_cents -> BigInt,
        coupon_cents -> BigInt,
        cash_cents -> BigInt,
        credit_cents -> BigInt,
        debt_cents -> BigInt,
        writeoff_cents -> BigInt,
        bill_cycle -> Text,
        bill_date -> Text,
        usage_begin -> BigInt,
        usage_end -> BigInt,
        currency -> Text,
        created_at -> BigInt,
    }
}

diesel::table! {
    bill_cycle_sums (customer_id, bill_cycle, service_type_code, resource_type_code, charging_mode, bill_type) {
        customer_id -> Text,
        bill_cycle -> Text,
        service_type_code -> Text,
        resource_type_code -> Text,
        charging_mode -> Integer,
        bill_type -> Integer,
        partner_id -> Nullable<Text>,
        official_cents -> BigInt,
        discount_cents -> BigInt,
        amount_cents -> BigInt,
        coupon_cents -> BigInt,
        cash_cents -> BigInt,
        credit_cents -> BigInt,
        debt_cents -> BigInt,
        record_count -> BigInt,
    }
}

diesel::table! {
    customer_debts (customer_id) {
        customer_id -> Text,
        debt_cents -> BigInt,
        updated_at -> BigInt,
    }
}

diesel::table! {
    cloud_resources (id) {
        id -> Text,
        customer_id -> Text,
        partner_id -> Nullable<Text>,
        service_type_code -> Text,
        resource_type_code -> Text,
        region_code -> Text,
        resource_name -> Nullable<Text>,
        product_id -> Nullable<Text>,
        charging_mode -> Integer,
        period_type -> Nullable<Integer>,
        period_num -> Nullable<Integer>,
        order_id -> Nullable<Text>,
        effective_time -> BigInt,
        expire_time -> Nullable<BigInt>,
        auto_renew -> Bool,
        status -> Integer,
        created_at -> BigInt,
        term_amount_cents -> Nullable<BigInt>,
        auto_renew_times -> Nullable<Integer>,
        updated_at -> Nullable<BigInt>,
        auto_renew_period -> Nullable<Text>,
    }
}

diesel::table! {
    order_resources (order_id, resource_id) {
        order_id -> Text,
        resource_id -> Text,
        amount_cents -> BigInt,
        period_type -> Integer,
        period_num -> Integer,
        term_start -> Nullable<BigInt>,
        term_end -> Nullable<BigInt>,
        refunded -> Bool,
    }
}

use crate::schema::customers;
diesel::allow_tables_to_appear_in_same_query!(usage_fee_records, customers);
diesel::allow_tables_to_appear_in_same_query!(bill_cycle_sums, customers);
diesel::allow_tables_to_appear_in_same_query!(cloud_resources, customers);
diesel::allow_tables_to_appear_in_same_query!(order_resources, cloud_resources);

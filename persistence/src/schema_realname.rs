//! Tables of real-name authentication (S11, #22).

diesel::table! {
    realname_auths (seq) {
        seq -> BigInt,
        id -> Text,
        partner_id -> Text,
        customer_id -> Text,
        subject -> Text,
        identify_type -> Integer,
        change_type -> Nullable<Integer>,
        status -> Text,
        name -> Text,
        verified_number -> Text,
        details -> Text,
        xaccount_type -> Text,
        submitted_at -> BigInt,
        reviewed_at -> Nullable<BigInt>,
        reason_codes -> Nullable<Text>,
        reason -> Nullable<Text>,
    }
}

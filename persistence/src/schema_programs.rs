// Tables of migration 2026-11-27-000001_programs, identical on both backends.

diesel::table! {
    development_paths (partner_id, path_type) {
        partner_id -> Text,
        path_type -> Text,
        stage -> Text,
        joined_at -> BigInt,
        stage_changed_at -> BigInt,
    }
}

diesel::table! {
    capability_labels (partner_id, label_code) {
        partner_id -> Text,
        label_code -> Text,
        path_type -> Nullable<Text>,
        granted_at -> BigInt,
        expire_at -> Nullable<BigInt>,
        certification_id -> Nullable<Text>,
    }
}

diesel::table! {
    differentiation_certifications (id) {
        id -> Text,
        partner_id -> Text,
        path_type -> Text,
        status -> Text,
        business_plan -> Text,
        requested_labels -> Text,
        submission_count -> Integer,
        submitted_at -> BigInt,
        reviewed_at -> Nullable<BigInt>,
        reason_codes -> Nullable<Text>,
        reason -> Nullable<Text>,
        granted_labels -> Nullable<Text>,
        created_at -> BigInt,
    }
}

diesel::table! {
    personnel_profiles (user_id) {
        user_id -> Text,
        certification_level -> Text,
        infosec_exam_passed -> Bool,
        pm_certified -> Bool,
        updated_at -> BigInt,
    }
}

diesel::table! {
    fh_qualifications (id) {
        id -> Text,
        partner_id -> Text,
        path_type -> Text,
        fh_type -> Text,
        status -> Text,
        specialist_ids -> Text,
        agreement_signed_at -> BigInt,
        submitted_at -> BigInt,
        reviewed_at -> Nullable<BigInt>,
        reason_codes -> Nullable<Text>,
        reason -> Nullable<Text>,
    }
}

diesel::table! {
    fh_holders (user_id) {
        user_id -> Text,
        qualification_id -> Text,
        path_type -> Text,
    }
}

diesel::table! {
    business_info_certifications (id) {
        id -> Text,
        partner_id -> Text,
        status -> Text,
        company_name -> Text,
        account_type -> Text,
        account_name -> Text,
        account_number -> Text,
        bank_name -> Text,
        bank_branch -> Nullable<Text>,
        taxpayer_id -> Text,
        taxpayer_type -> Text,
        submitted_at -> BigInt,
        reviewed_at -> Nullable<BigInt>,
        reason_codes -> Nullable<Text>,
        reason -> Nullable<Text>,
    }
}

diesel::table! {
    incentives (id) {
        id -> Text,
        partner_id -> Text,
        incentive_type -> Text,
        amount_cents -> BigInt,
        currency -> Text,
        source_id -> Nullable<Text>,
        remark -> Nullable<Text>,
        created_at -> BigInt,
    }
}

diesel::table! {
    payout_applications (id) {
        id -> Text,
        incentive_id -> Text,
        partner_id -> Text,
        business_info_id -> Text,
        status -> Text,
        applied_at -> BigInt,
        bank_reference -> Nullable<Text>,
        paid_cents -> Nullable<BigInt>,
        paid_currency -> Nullable<Text>,
        reason_codes -> Nullable<Text>,
        reason -> Nullable<Text>,
        decided_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    projects (id) {
        id -> Text,
        partner_id -> Text,
        project_name -> Text,
        customer_name -> Nullable<Text>,
        country_code -> Text,
        currency -> Text,
        annual_scale_cents -> BigInt,
        registered_at -> BigInt,
    }
}

diesel::table! {
    project_members (project_id, user_id) {
        project_id -> Text,
        user_id -> Text,
        role -> Text,
    }
}

diesel::table! {
    subsidy_applications (id) {
        id -> Text,
        project_id -> Text,
        partner_id -> Text,
        status -> Text,
        currency -> Text,
        annual_scale_cents -> BigInt,
        labels_held -> Text,
        remark -> Nullable<Text>,
        applied_at -> BigInt,
        reviewed_at -> Nullable<BigInt>,
        reason_codes -> Nullable<Text>,
        reason -> Nullable<Text>,
        incentive_id -> Nullable<Text>,
    }
}

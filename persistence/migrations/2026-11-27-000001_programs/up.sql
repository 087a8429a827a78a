-- Programs and incentives (S4, S5, S7, S12, S14, S18). Times are unix seconds (UTC), money is
-- integer cents; lists of codes are stored comma-separated. Partial unique indexes hold the
-- "one at a time" rules even under concurrent requests.
CREATE TABLE development_paths (
    partner_id TEXT NOT NULL REFERENCES partners(id),
    path_type TEXT NOT NULL,
    stage TEXT NOT NULL,
    joined_at BIGINT NOT NULL,
    stage_changed_at BIGINT NOT NULL,
    PRIMARY KEY (partner_id, path_type)
);

CREATE TABLE capability_labels (
    partner_id TEXT NOT NULL REFERENCES partners(id),
    label_code TEXT NOT NULL,
    path_type TEXT,
    granted_at BIGINT NOT NULL,
    expire_at BIGINT,
    certification_id TEXT,
    PRIMARY KEY (partner_id, label_code)
);

CREATE TABLE differentiation_certifications (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners(id),
    path_type TEXT NOT NULL,
    status TEXT NOT NULL,
    business_plan TEXT NOT NULL,
    requested_labels TEXT NOT NULL,
    submission_count INTEGER NOT NULL,
    submitted_at BIGINT NOT NULL,
    reviewed_at BIGINT,
    reason_codes TEXT,
    reason TEXT,
    granted_labels TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX differentiation_certifications_partner
    ON differentiation_certifications (partner_id, path_type, created_at);
CREATE UNIQUE INDEX differentiation_certifications_one_pending
    ON differentiation_certifications (partner_id, path_type) WHERE status = 'REVIEWING';

CREATE TABLE personnel_profiles (
    user_id TEXT PRIMARY KEY REFERENCES partner_users(id),
    certification_level TEXT NOT NULL,
    infosec_exam_passed BOOLEAN NOT NULL,
    pm_certified BOOLEAN NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE fh_qualifications (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners(id),
    path_type TEXT NOT NULL,
    fh_type TEXT NOT NULL,
    status TEXT NOT NULL,
    specialist_ids TEXT NOT NULL,
    agreement_signed_at BIGINT NOT NULL,
    submitted_at BIGINT NOT NULL,
    reviewed_at BIGINT,
    reason_codes TEXT,
    reason TEXT
);
CREATE INDEX fh_qualifications_partner ON fh_qualifications (partner_id, submitted_at);

-- Who holds FH (under review or approved): one row per person, so one path per person.
CREATE TABLE fh_holders (
    user_id TEXT PRIMARY KEY REFERENCES partner_users(id),
    qualification_id TEXT NOT NULL REFERENCES fh_qualifications(id),
    path_type TEXT NOT NULL
);
CREATE INDEX fh_holders_qualification ON fh_holders (qualification_id);

-- Every submission is kept; all but the current one are SUPERSEDED.
CREATE TABLE business_info_certifications (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners(id),
    status TEXT NOT NULL,
    company_name TEXT NOT NULL,
    account_type TEXT NOT NULL,
    account_name TEXT NOT NULL,
    account_number TEXT NOT NULL,
    bank_name TEXT NOT NULL,
    bank_branch TEXT,
    taxpayer_id TEXT NOT NULL,
    taxpayer_type TEXT NOT NULL,
    submitted_at BIGINT NOT NULL,
    reviewed_at BIGINT,
    reason_codes TEXT,
    reason TEXT
);
CREATE UNIQUE INDEX business_info_current
    ON business_info_certifications (partner_id) WHERE status <> 'SUPERSEDED';

CREATE TABLE incentives (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners(id),
    incentive_type TEXT NOT NULL,
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    currency TEXT NOT NULL,
    source_id TEXT,
    remark TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX incentives_partner ON incentives (partner_id, created_at);

CREATE TABLE payout_applications (
    id TEXT PRIMARY KEY,
    incentive_id TEXT NOT NULL UNIQUE REFERENCES incentives(id),
    partner_id TEXT NOT NULL REFERENCES partners(id),
    business_info_id TEXT NOT NULL REFERENCES business_info_certifications(id),
    status TEXT NOT NULL,
    applied_at BIGINT NOT NULL
);

CREATE TABLE projects (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners(id),
    project_name TEXT NOT NULL,
    customer_name TEXT,
    country_code TEXT NOT NULL,
    currency TEXT NOT NULL,
    annual_scale_cents BIGINT NOT NULL CHECK (annual_scale_cents > 0),
    registered_at BIGINT NOT NULL
);
CREATE INDEX projects_partner ON projects (partner_id, registered_at);

CREATE TABLE project_members (
    project_id TEXT NOT NULL REFERENCES projects(id),
    user_id TEXT NOT NULL REFERENCES partner_users(id),
    role TEXT NOT NULL,
    PRIMARY KEY (project_id, user_id)
);

CREATE TABLE subsidy_applications (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id),
    partner_id TEXT NOT NULL REFERENCES partners(id),
    status TEXT NOT NULL,
    currency TEXT NOT NULL,
    annual_scale_cents BIGINT NOT NULL,
    labels_held TEXT NOT NULL,
    remark TEXT,
    applied_at BIGINT NOT NULL,
    reviewed_at BIGINT,
    reason_codes TEXT,
    reason TEXT,
    incentive_id TEXT REFERENCES incentives(id)
);
CREATE INDEX subsidy_applications_project ON subsidy_applications (project_id, applied_at);
CREATE UNIQUE INDEX subsidy_applications_live
    ON subsidy_applications (project_id) WHERE status IN ('REVIEWING', 'APPROVED');

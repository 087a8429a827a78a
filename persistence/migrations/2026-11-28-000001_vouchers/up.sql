-- Vouchers (S9, S15): coupon quotas and their moves, operation records of coupons, limits on
-- partner-issued coupons, and test-voucher solutions and applications. Money is integer cents.
CREATE TABLE coupon_quotas (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners(id),
    parent_quota_id TEXT REFERENCES coupon_quotas(id),
    granted_by_partner_id TEXT REFERENCES partners(id),
    quota_type INTEGER NOT NULL,
    quota_cents BIGINT NOT NULL CHECK (quota_cents >= 0),
    balance_cents BIGINT NOT NULL CHECK (balance_cents >= 0),
    status INTEGER NOT NULL,
    effective_time BIGINT NOT NULL,
    expire_time BIGINT NOT NULL,
    face_min_cents BIGINT,
    face_max_cents BIGINT,
    cloud_service_types TEXT,
    product_ids TEXT,
    create_time BIGINT NOT NULL,
    last_update_time BIGINT NOT NULL
);
CREATE INDEX coupon_quotas_partner ON coupon_quotas (partner_id, create_time);
CREATE INDEX coupon_quotas_granted ON coupon_quotas (granted_by_partner_id, create_time);
CREATE INDEX coupon_quotas_parent ON coupon_quotas (parent_quota_id, partner_id, status);
CREATE INDEX coupon_quotas_expiry ON coupon_quotas (status, expire_time);

CREATE TABLE coupon_quota_records (
    seq BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    partner_id TEXT NOT NULL,
    indirect_partner_id TEXT NOT NULL,
    quota_id TEXT,
    parent_quota_id TEXT NOT NULL,
    operation_type TEXT NOT NULL,
    amount_cents BIGINT NOT NULL,
    operator TEXT NOT NULL,
    result TEXT NOT NULL,
    remark TEXT,
    operation_time BIGINT NOT NULL
);
CREATE INDEX coupon_quota_records_partner ON coupon_quota_records (partner_id, operation_time, seq);

CREATE TABLE partner_coupon_records (
    seq BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    partner_id TEXT NOT NULL,
    quota_id TEXT,
    quota_type INTEGER NOT NULL,
    coupon_id TEXT,
    customer_id TEXT,
    operation_type TEXT NOT NULL,
    amount_cents BIGINT NOT NULL,
    result TEXT NOT NULL,
    remark TEXT,
    operation_time BIGINT NOT NULL
);
CREATE INDEX partner_coupon_records_partner ON partner_coupon_records (partner_id, operation_time, seq);
CREATE INDEX partner_coupon_records_coupon ON partner_coupon_records (coupon_id);

ALTER TABLE coupons ADD COLUMN cloud_service_types TEXT;
ALTER TABLE coupons ADD COLUMN product_ids TEXT;
CREATE INDEX coupons_expiry ON coupons (status, expire_time);
CREATE INDEX coupons_quota ON coupons (quota_id);

CREATE TABLE partner_solutions (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners(id),
    name TEXT NOT NULL,
    certification TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX partner_solutions_partner ON partner_solutions (partner_id);

CREATE TABLE test_coupon_applications (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners(id),
    solution_id TEXT NOT NULL REFERENCES partner_solutions(id),
    customer_id TEXT NOT NULL REFERENCES customers(id),
    amount_cents BIGINT NOT NULL,
    approved_cents BIGINT,
    purpose TEXT NOT NULL,
    resource_list_url TEXT,
    reason TEXT,
    status TEXT NOT NULL,
    review_reason_codes TEXT,
    review_reason TEXT,
    coupon_id TEXT,
    created_at BIGINT NOT NULL,
    decided_at BIGINT
);
CREATE INDEX test_coupon_applications_partner ON test_coupon_applications (partner_id, created_at);
-- No new application while one is pending, even under concurrent requests.
CREATE UNIQUE INDEX test_coupon_applications_one_pending
    ON test_coupon_applications (partner_id) WHERE status = 'PENDING';

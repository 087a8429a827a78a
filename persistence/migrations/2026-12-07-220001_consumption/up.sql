-- Consumption (issue 22): rated usage records, their bill-cycle rollups, customers' arrears
-- and cloud resources. Money is integer cents; times unix seconds.
CREATE TABLE usage_fee_records (
    seq BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    platform TEXT NOT NULL,
    record_id TEXT NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    partner_id TEXT,
    resource_id TEXT NOT NULL,
    resource_name TEXT,
    service_type_code TEXT NOT NULL,
    resource_type_code TEXT NOT NULL,
    region_code TEXT NOT NULL,
    product_id TEXT,
    charging_mode INTEGER NOT NULL,
    bill_type INTEGER NOT NULL,
    usage_amount TEXT NOT NULL,
    usage_unit TEXT NOT NULL,
    official_cents BIGINT NOT NULL,
    discount_cents BIGINT NOT NULL,
    amount_cents BIGINT NOT NULL,
    coupon_cents BIGINT NOT NULL,
    cash_cents BIGINT NOT NULL,
    credit_cents BIGINT NOT NULL,
    debt_cents BIGINT NOT NULL,
    writeoff_cents BIGINT NOT NULL DEFAULT 0,
    bill_cycle TEXT NOT NULL,
    bill_date TEXT NOT NULL,
    usage_begin BIGINT NOT NULL,
    usage_end BIGINT NOT NULL,
    currency TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (platform, record_id)
);
CREATE INDEX usage_fee_customer_cycle ON usage_fee_records (customer_id, bill_cycle, seq);
CREATE INDEX usage_fee_partner_cycle ON usage_fee_records (partner_id, bill_cycle, seq);
-- Records whose arrears are not yet written off, oldest first.
CREATE INDEX usage_fee_open_debt ON usage_fee_records (customer_id, seq) WHERE debt_cents > writeoff_cents;

-- One row per customer, cycle, service type, resource type, charging mode and sum type
-- (1 consumption, 2 refund), kept as records arrive; a closed cycle's rows never change.
CREATE TABLE bill_cycle_sums (
    customer_id TEXT NOT NULL,
    bill_cycle TEXT NOT NULL,
    service_type_code TEXT NOT NULL,
    resource_type_code TEXT NOT NULL,
    charging_mode INTEGER NOT NULL,
    bill_type INTEGER NOT NULL,
    partner_id TEXT,
    official_cents BIGINT NOT NULL,
    discount_cents BIGINT NOT NULL,
    amount_cents BIGINT NOT NULL,
    coupon_cents BIGINT NOT NULL,
    cash_cents BIGINT NOT NULL,
    credit_cents BIGINT NOT NULL,
    debt_cents BIGINT NOT NULL,
    record_count BIGINT NOT NULL,
    PRIMARY KEY (customer_id, bill_cycle, service_type_code, resource_type_code, charging_mode, bill_type)
);
CREATE INDEX bill_cycle_sums_partner ON bill_cycle_sums (partner_id, bill_cycle, customer_id);

-- What a customer owes: the sum of its records' arrears not yet written off.
CREATE TABLE customer_debts (
    customer_id TEXT PRIMARY KEY REFERENCES customers(id),
    debt_cents BIGINT NOT NULL CHECK (debt_cents >= 0),
    updated_at BIGINT NOT NULL
);

CREATE TABLE cloud_resources (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    partner_id TEXT,
    service_type_code TEXT NOT NULL,
    resource_type_code TEXT NOT NULL,
    region_code TEXT NOT NULL,
    resource_name TEXT,
    product_id TEXT,
    charging_mode INTEGER NOT NULL,
    period_type INTEGER,
    period_num INTEGER,
    order_id TEXT,
    effective_time BIGINT NOT NULL,
    expire_time BIGINT,
    auto_renew BOOLEAN NOT NULL DEFAULT FALSE,
    status INTEGER NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX cloud_resources_customer ON cloud_resources (customer_id, charging_mode, created_at);
CREATE INDEX cloud_resources_partner ON cloud_resources (partner_id, charging_mode, created_at);

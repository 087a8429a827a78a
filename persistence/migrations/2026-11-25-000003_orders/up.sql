-- Orders, their lines and discounts, customers' coupons, and refunds (S17, S19).
-- Ratios and discount values are exact decimal text; money is integer cents.
CREATE TABLE orders (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    partner_id TEXT,
    service_type_code TEXT NOT NULL,
    service_type_name TEXT,
    source_type INTEGER NOT NULL,
    status INTEGER NOT NULL,
    order_type INTEGER NOT NULL,
    official_cents BIGINT NOT NULL,
    amount_cents BIGINT NOT NULL,
    discount_cents BIGINT NOT NULL DEFAULT 0,
    coupon_cents BIGINT NOT NULL DEFAULT 0,
    cash_paid_cents BIGINT NOT NULL DEFAULT 0,
    credit_paid_cents BIGINT NOT NULL DEFAULT 0,
    refunded_cents BIGINT NOT NULL DEFAULT 0,
    payer_kind TEXT,
    payer_id TEXT,
    applied_discount_id TEXT,
    agent_pay_status TEXT,
    agent_pay_reason TEXT,
    pending_payment_end_time BIGINT,
    create_time BIGINT NOT NULL,
    payment_time BIGINT
);
CREATE INDEX orders_customer_time ON orders (customer_id, create_time);
CREATE INDEX orders_partner_time ON orders (partner_id, create_time);
CREATE INDEX orders_agent_pay ON orders (partner_id, agent_pay_status, create_time);

CREATE TABLE order_line_items (
    id TEXT PRIMARY KEY,
    order_id TEXT NOT NULL REFERENCES orders(id),
    line_no INTEGER NOT NULL,
    product_id TEXT NOT NULL,
    cloud_service_type TEXT,
    period_type INTEGER NOT NULL,
    period_num INTEGER NOT NULL,
    subscription_num INTEGER NOT NULL,
    official_cents BIGINT NOT NULL,
    discount_ratio TEXT,
    amount_cents BIGINT NOT NULL,
    effective_time BIGINT,
    expire_time BIGINT
);
CREATE INDEX order_lines_order ON order_line_items (order_id, line_no);

CREATE TABLE order_discounts (
    order_id TEXT NOT NULL REFERENCES orders(id),
    discount_id TEXT NOT NULL,
    discount_type INTEGER NOT NULL,
    discount_mode INTEGER NOT NULL,
    discount_value TEXT NOT NULL,
    PRIMARY KEY (order_id, discount_id)
);

CREATE TABLE coupons (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    coupon_type INTEGER NOT NULL,
    source TEXT NOT NULL,
    partner_id TEXT,
    quota_id TEXT,
    face_value_cents BIGINT NOT NULL,
    balance_cents BIGINT NOT NULL CHECK (balance_cents >= 0),
    status INTEGER NOT NULL,
    effective_time BIGINT NOT NULL,
    expire_time BIGINT NOT NULL,
    with_partner_discount BOOLEAN NOT NULL,
    with_contract_discount BOOLEAN NOT NULL,
    with_promotion_discount BOOLEAN NOT NULL,
    min_consume_discount TEXT,
    used_by_order_id TEXT,
    last_used_time BIGINT,
    memo TEXT,
    create_time BIGINT NOT NULL
);
CREATE INDEX coupons_customer ON coupons (customer_id, status, expire_time);
CREATE INDEX coupons_partner ON coupons (partner_id, create_time);

CREATE TABLE order_coupons (
    order_id TEXT NOT NULL REFERENCES orders(id),
    coupon_id TEXT NOT NULL REFERENCES coupons(id),
    amount_cents BIGINT NOT NULL,
    PRIMARY KEY (order_id, coupon_id)
);

CREATE TABLE refunds (
    id TEXT PRIMARY KEY,
    order_id TEXT NOT NULL REFERENCES orders(id),
    customer_id TEXT NOT NULL,
    amount_cents BIGINT NOT NULL,
    to_cash_cents BIGINT NOT NULL,
    to_credit_cents BIGINT NOT NULL,
    payer_kind TEXT NOT NULL,
    payer_id TEXT NOT NULL,
    create_time BIGINT NOT NULL
);
CREATE INDEX refunds_order ON refunds (order_id, create_time);

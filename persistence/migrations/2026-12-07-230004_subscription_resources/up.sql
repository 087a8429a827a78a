-- Yearly/monthly resources (issue 22): the price of the term a resource was bought for (what a
-- renewal costs per month), its auto-renewal count, and which orders bought, renewed or
-- unsubscribed which resource, with the term each bought.
ALTER TABLE cloud_resources ADD COLUMN term_amount_cents BIGINT;
ALTER TABLE cloud_resources ADD COLUMN auto_renew_times INTEGER;
ALTER TABLE cloud_resources ADD COLUMN updated_at BIGINT;

CREATE TABLE order_resources (
    order_id TEXT NOT NULL,
    resource_id TEXT NOT NULL,
    -- The resource's share of the order's amount.
    amount_cents BIGINT NOT NULL,
    period_type INTEGER NOT NULL,
    period_num INTEGER NOT NULL,
    -- The term the order bought, once paid.
    term_start BIGINT,
    term_end BIGINT,
    refunded BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (order_id, resource_id)
);
CREATE INDEX order_resources_resource ON order_resources (resource_id, order_id);

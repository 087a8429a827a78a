-- Real-name authentication a partner files for its resale customers (S11, #22): each
-- application waits for the operator's review; a customer's newest one is its result.
CREATE TABLE realname_auths (
    seq BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    partner_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    identify_type INTEGER NOT NULL,
    change_type INTEGER,
    status TEXT NOT NULL,
    name TEXT NOT NULL,
    verified_number TEXT NOT NULL,
    details TEXT NOT NULL,
    xaccount_type TEXT NOT NULL,
    submitted_at BIGINT NOT NULL,
    reviewed_at BIGINT,
    reason_codes TEXT,
    reason TEXT
);
CREATE INDEX realname_auths_customer ON realname_auths (customer_id, submitted_at);
CREATE INDEX realname_auths_queue ON realname_auths (status, submitted_at);
-- One application under review per customer: a racing second one conflicts and is retried.
CREATE UNIQUE INDEX realname_auths_one_reviewing ON realname_auths (customer_id) WHERE status = 'REVIEWING';

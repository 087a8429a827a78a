-- Events and webhooks (issue 21). An event is written in the transaction of its change;
-- partner_seq numbers one partner's events without gaps in commit order (appends to one
-- partner queue on a lock), so a feed read by `after` never skips or repeats one.
CREATE TABLE partner_events (
    seq BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    partner_id TEXT NOT NULL,
    partner_seq BIGINT NOT NULL,
    event_type TEXT NOT NULL,
    subjects TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (partner_id, partner_seq)
);

-- A partner's endpoint; the signing secret is sealed with the master key.
CREATE TABLE webhooks (
    seq BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    partner_id TEXT NOT NULL,
    url TEXT NOT NULL,
    event_types TEXT NOT NULL,
    description TEXT,
    enabled BOOLEAN NOT NULL,
    sealed_secret TEXT NOT NULL,
    failing_since BIGINT,
    disabled_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX webhooks_partner ON webhooks (partner_id, seq);

-- One event to one webhook; written with the event, sent by the delivery worker, which
-- leases a due row (lease_until) so no two workers send it at once.
CREATE TABLE webhook_deliveries (
    seq BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    partner_id TEXT NOT NULL,
    event_id TEXT NOT NULL REFERENCES partner_events(id),
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    lease_until BIGINT,
    last_attempt_at BIGINT,
    last_status_code INTEGER,
    last_error TEXT,
    last_response TEXT,
    created_at BIGINT NOT NULL,
    UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_deliveries_hook ON webhook_deliveries (webhook_id, seq);

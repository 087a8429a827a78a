-- S16 outbound calls (#21): the voice gateway bridges the calling partner user with the
-- lead's number. A call's id is the id of the lead follow-up that records it; the gateway
-- reports the outcome to a signed callback. No number is stored here: the lead holds it.
CREATE TABLE outbound_calls (
    id TEXT PRIMARY KEY,
    lead_id TEXT NOT NULL,
    partner_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    status TEXT NOT NULL,
    duration_secs BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    ended_at BIGINT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX outbound_calls_lead ON outbound_calls (lead_id, created_at);

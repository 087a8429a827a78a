-- Relationships end (#20): each ended reseller link or customer association is recorded with
-- the period it lasted and why it ended, so both sides can still tell what happened while linked.
CREATE TABLE link_ends (
    partner_id TEXT NOT NULL,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    counterpart_id TEXT NOT NULL,
    association_type TEXT,
    linked_at BIGINT,
    ended_at BIGINT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (partner_id, id)
);
CREATE INDEX link_ends_counterpart ON link_ends (counterpart_id);

-- Payouts (S14): the operator pays (bank reference, amount, currency) or rejects (reasons).
ALTER TABLE payout_applications ADD COLUMN bank_reference TEXT;
ALTER TABLE payout_applications ADD COLUMN paid_cents BIGINT;
ALTER TABLE payout_applications ADD COLUMN paid_currency TEXT;
ALTER TABLE payout_applications ADD COLUMN reason_codes TEXT;
ALTER TABLE payout_applications ADD COLUMN reason TEXT;
ALTER TABLE payout_applications ADD COLUMN decided_at BIGINT;

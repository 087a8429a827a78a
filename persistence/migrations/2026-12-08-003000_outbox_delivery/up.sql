-- Delivery of outbox messages (issue 21). A message is written PENDING in the transaction of
-- its change; the delivery worker leases due messages of the channels it can send
-- (lease_until, FOR UPDATE SKIP LOCKED on PostgreSQL), sends them, and records SENT, a retry
-- (next_attempt_at, attempts, last_error) or FAILED. Messages written before delivery
-- existed are UNSENT and stay for the operator. E-mails carry a subject and an HTML part.
ALTER TABLE outbox_messages ADD COLUMN subject TEXT;
ALTER TABLE outbox_messages ADD COLUMN html TEXT;
ALTER TABLE outbox_messages ADD COLUMN status TEXT NOT NULL DEFAULT 'UNSENT';
ALTER TABLE outbox_messages ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox_messages ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox_messages ADD COLUMN lease_until BIGINT;
ALTER TABLE outbox_messages ADD COLUMN last_attempt_at BIGINT;
ALTER TABLE outbox_messages ADD COLUMN last_error TEXT;
ALTER TABLE outbox_messages ADD COLUMN sent_at BIGINT;
CREATE INDEX outbox_messages_due ON outbox_messages (channel, next_attempt_at) WHERE status = 'PENDING';

-- The language a partner user reads notices in: 'zh-CN' or 'en'.
ALTER TABLE partner_users ADD COLUMN language TEXT NOT NULL DEFAULT 'zh-CN';

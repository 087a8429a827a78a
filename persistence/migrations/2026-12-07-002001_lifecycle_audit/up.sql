-- Credentials can end (#20): a key has a status, a last use and, once rotated, an end of its
-- grace period; a partner user can be deactivated; tokens are recorded so they can be revoked.
ALTER TABLE credentials ADD COLUMN status TEXT NOT NULL DEFAULT 'ACTIVE';
ALTER TABLE credentials ADD COLUMN last_used_at BIGINT;
ALTER TABLE credentials ADD COLUMN expires_at BIGINT;
ALTER TABLE partner_users ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE partner_users ADD COLUMN email TEXT;
ALTER TABLE partner_users ADD COLUMN mobile_phone TEXT;
-- A suspended partner keeps its money and data; its users and keys are refused (403).
ALTER TABLE partners ADD COLUMN suspended_at BIGINT;
ALTER TABLE partners ADD COLUMN suspend_reason TEXT;

CREATE TABLE auth_tokens (
    jti TEXT PRIMARY KEY,
    owner_kind TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    issued_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX auth_tokens_owner ON auth_tokens (owner_kind, owner_id);

-- Bumped in the transaction of every revocation: each replica compares it with the value its
-- credential cache was filled under and forgets the cache when it moved.
CREATE TABLE credential_epoch (
    id INTEGER PRIMARY KEY,
    n BIGINT NOT NULL
);
INSERT INTO credential_epoch (id, n) VALUES (1, 0);

-- The audit log: one event per successful state-changing request, written in its transaction.
-- Each event carries the hash of its chain's previous event (one chain per actor scope:
-- the operator, a partner, a customer); UNIQUE (chain, seq) makes two appends to one chain
-- conflict, and the loser's transaction is retried.
CREATE TABLE audit_events (
    id BIGSERIAL PRIMARY KEY,
    chain TEXT NOT NULL,
    seq BIGINT NOT NULL,
    at BIGINT NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_partner_id TEXT,
    actor_user_id TEXT,
    actor_customer_id TEXT,
    actor_credential TEXT,
    operation_id TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    target_ids TEXT NOT NULL,
    request_id TEXT NOT NULL,
    source TEXT,
    outcome TEXT NOT NULL,
    reason TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (chain, seq)
);
CREATE INDEX audit_events_partner ON audit_events (actor_partner_id, id);
CREATE INDEX audit_events_at ON audit_events (at, id);

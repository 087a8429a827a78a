ALTER TABLE payout_applications DROP COLUMN decided_at;
ALTER TABLE payout_applications DROP COLUMN reason;
ALTER TABLE payout_applications DROP COLUMN reason_codes;
ALTER TABLE payout_applications DROP COLUMN paid_currency;
ALTER TABLE payout_applications DROP COLUMN paid_cents;
ALTER TABLE payout_applications DROP COLUMN bank_reference;
DROP TABLE link_ends;

-- The bare payment transaction: lock the customer's cash and credit accounts in id order, two
-- balance updates, two ledger inserts, the order marked paid.
\set c random(1, :ncust)
\set cash 2 * :c - 1
\set credit 2 * :c
\set o random(1, :norders)
BEGIN;
SELECT id, balance FROM cal_accounts WHERE id IN (:cash, :credit) ORDER BY id FOR UPDATE;
UPDATE cal_accounts SET balance = balance - 1 WHERE id = :cash;
UPDATE cal_accounts SET balance = balance - 1 WHERE id = :credit;
INSERT INTO cal_ledger (account_id, amount, created_at) VALUES (:cash, -1, 0);
INSERT INTO cal_ledger (account_id, amount, created_at) VALUES (:credit, -1, 0);
UPDATE cal_orders SET status = 5 WHERE id = :o;
END;

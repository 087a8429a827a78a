-- Calibration tables, shaped like the service's accounts, ledger and orders.
DROP TABLE IF EXISTS cal_ledger, cal_accounts, cal_orders;
CREATE TABLE cal_accounts (id BIGINT PRIMARY KEY, balance BIGINT NOT NULL);
CREATE TABLE cal_ledger (seq BIGSERIAL PRIMARY KEY, account_id BIGINT NOT NULL, amount BIGINT NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE cal_orders (id BIGINT PRIMARY KEY, status INTEGER NOT NULL);
INSERT INTO cal_accounts SELECT g, 1000000000 FROM generate_series(1, 2 * :ncust) g;
INSERT INTO cal_orders SELECT g, 6 FROM generate_series(1, :norders) g;
ANALYZE cal_accounts;
ANALYZE cal_orders;

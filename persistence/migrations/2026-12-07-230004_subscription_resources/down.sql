DROP TABLE order_resources;
ALTER TABLE cloud_resources DROP COLUMN updated_at;
ALTER TABLE cloud_resources DROP COLUMN auto_renew_times;
ALTER TABLE cloud_resources DROP COLUMN term_amount_cents;

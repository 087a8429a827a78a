DROP INDEX cloud_resources_auto_renew_due;
ALTER TABLE cloud_resources DROP COLUMN auto_renew_period;

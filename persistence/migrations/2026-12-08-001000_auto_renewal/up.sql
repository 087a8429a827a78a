-- Auto-renewal at expiry (issue 22): the term each automatic renewal buys (MONTH or YEAR; none:
-- the resource's own term), and an index for the sweep that finds resources whose term ended.
ALTER TABLE cloud_resources ADD COLUMN auto_renew_period TEXT;
CREATE INDEX cloud_resources_auto_renew_due ON cloud_resources (auto_renew, expire_time);

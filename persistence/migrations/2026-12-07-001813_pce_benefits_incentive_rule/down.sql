DROP INDEX incentives_pce_shared_once;
ALTER TABLE pce_shared_opportunities DROP COLUMN incentive_id;
DROP TABLE pce_incentive_rule;
DROP TABLE pce_benefits;

ALTER TABLE test_coupon_applications DROP COLUMN solution_ids;
ALTER TABLE partner_solutions DROP COLUMN kind;

-- #18 item 10 (S15): a partner registers its own services, apps and solutions, and one
-- test-voucher application names several of them (solution_id stays the first).
ALTER TABLE partner_solutions ADD COLUMN kind TEXT NOT NULL DEFAULT 'SOLUTION';
ALTER TABLE test_coupon_applications ADD COLUMN solution_ids TEXT;

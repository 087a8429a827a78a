DROP TABLE test_coupon_applications;
DROP TABLE partner_solutions;
DROP INDEX coupons_quota;
DROP INDEX coupons_expiry;
ALTER TABLE coupons DROP COLUMN product_ids;
ALTER TABLE coupons DROP COLUMN cloud_service_types;
DROP TABLE partner_coupon_records;
DROP TABLE coupon_quota_records;
DROP TABLE coupon_quotas;

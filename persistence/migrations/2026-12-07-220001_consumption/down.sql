DROP TABLE cloud_resources;
DROP TABLE customer_debts;
DROP TABLE bill_cycle_sums;
DROP TABLE usage_fee_records;

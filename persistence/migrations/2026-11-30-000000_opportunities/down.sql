DROP TABLE lead_follow_ups;
DROP TABLE leads;
DROP TABLE pce_shared_opportunities;
DROP TABLE pce_members;
DROP TABLE pce_join_conditions;
DROP TABLE po_settings;
DROP TABLE po_opportunities;
DROP TABLE business_opportunities;

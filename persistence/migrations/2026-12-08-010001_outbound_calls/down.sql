DROP TABLE outbound_calls;

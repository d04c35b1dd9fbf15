ALTER TABLE usage_events DROP COLUMN count;

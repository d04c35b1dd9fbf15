-- A usage row counts the events of one kind on one route in one second (the server counts page
-- views in memory and writes one row per second, not one per view). Earlier rows count one each.
ALTER TABLE usage_events ADD COLUMN count BIGINT NOT NULL DEFAULT 1;

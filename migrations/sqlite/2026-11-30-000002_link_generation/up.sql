-- A number that changes with every change to record_links, in the same transaction: servers
-- cache the links they read and drop that cache when the number moves (see src/link_cache.rs).
-- Triggers bump it, so no write path (cascading deletes included) can forget to.
CREATE TABLE link_generation (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    generation BIGINT NOT NULL
);
INSERT INTO link_generation (id, generation) VALUES (1, 0);

CREATE TRIGGER record_links_inserted AFTER INSERT ON record_links
BEGIN
    UPDATE link_generation SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER record_links_updated AFTER UPDATE ON record_links
BEGIN
    UPDATE link_generation SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER record_links_deleted AFTER DELETE ON record_links
BEGIN
    UPDATE link_generation SET generation = generation + 1 WHERE id = 1;
END;

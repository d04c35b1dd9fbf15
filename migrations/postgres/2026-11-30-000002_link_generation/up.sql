-- A number that changes with every change to record_links, in the same transaction: servers
-- cache the links they read and drop that cache when the number moves (see src/link_cache.rs).
-- A trigger bumps it, so no write path (cascading deletes included) can forget to.
CREATE TABLE link_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    generation BIGINT NOT NULL
);
INSERT INTO link_generation (id, generation) VALUES (1, 0);

CREATE FUNCTION bump_link_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE link_generation SET generation = generation + 1 WHERE id = 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER record_links_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON record_links
    FOR EACH STATEMENT EXECUTE FUNCTION bump_link_generation();

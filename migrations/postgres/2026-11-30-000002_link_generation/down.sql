DROP TRIGGER record_links_changed ON record_links;
DROP FUNCTION bump_link_generation();
DROP TABLE link_generation;

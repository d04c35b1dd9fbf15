DROP TRIGGER record_links_deleted;
DROP TRIGGER record_links_updated;
DROP TRIGGER record_links_inserted;
DROP TABLE link_generation;

-- A post capture made from a Wayback Machine memento's raw bytes (endpoint 'wayback-memento', when the live post was
-- already gone at its first capture) names the memento row it is a copy of. Null for captures of live endpoints.
-- Portable SQL: H2 and PostgreSQL.
alter table post_capture add column memento_ref bigint references memento(id);

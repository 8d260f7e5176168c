-- Shared politeness (issue 13): each host's request rate (net.rate.*) as a Bucket4j token bucket kept here, so that
-- every worker on this database takes its turns from one bucket. One row per host and configured rate (the id is
-- '<host> <requests>/<period>'); the state is Bucket4j's serialised bucket, written by its PostgreSQL proxy manager
-- (select for update). Only PostgreSQL stores use it; on H2 the table stays empty. Portable SQL (blob is bytea on
-- PostgreSQL through PortableTypes).
create table host_bucket (
  id    varchar(300) primary key,
  state blob
);

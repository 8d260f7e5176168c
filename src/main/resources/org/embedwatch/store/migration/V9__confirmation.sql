-- Issue 6: unavailability is confirmed over several checks and endpoints. Portable SQL (H2 and PostgreSQL).
-- Every endpoint asked in one check of a post shares the check's number; observations stored before are unnumbered
-- (null: each counts as a check of its own).
alter table observation add column check_seq integer;
-- Why the post is in its state: the fold's explanation, in observations, kept on the post and on each transition
-- with the observations behind it.
alter table post add column state_evidence varchar(4000);
alter table post_state add column evidence varchar(4000);
create table state_evidence (
  post_state_id  bigint not null references post_state(id),
  observation_id bigint not null references observation(id),
  constraint state_evidence_pk primary key (post_state_id, observation_id)
);
-- One unavailable observation used to be the state UNAVAILABLE; under the confirmation rule it is a suspicion. The
-- next check re-derives every state from the observations.
update post set state = 'SUSPECTED_UNAVAILABLE' where state = 'UNAVAILABLE';
update post_state set state = 'SUSPECTED_UNAVAILABLE' where state = 'UNAVAILABLE';

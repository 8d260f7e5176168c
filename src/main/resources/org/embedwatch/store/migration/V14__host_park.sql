-- Hosts told to wait (a 429 with Retry-After or x-rate-limit-reset, or x-rate-limit-remaining: 0), kept across runs
-- so that the next run (a scheduled check) does not ask them again before the time they gave. Portable SQL.
create table host_park (
  host         varchar(253) primary key,
  parked_until timestamp with time zone not null
);

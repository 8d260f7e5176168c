-- Scheduler (issue 13): db-scheduler's own table, in the evidence database, so that a task and the evidence it
-- records live in one place. The layout is db-scheduler's (16.x, with the priority column); names and sizes portable
-- (H2 and PostgreSQL; blob is bytea on PostgreSQL through PortableTypes).
-- post.next_check_at becomes a cache of each post's 'check-post' execution time: every existing post gets its task here.
create table scheduled_tasks (
  task_name            varchar(100) not null,
  task_instance        varchar(250) not null,
  task_data            blob,
  execution_time       timestamp with time zone not null,
  picked               boolean not null,
  picked_by            varchar(100),
  last_success         timestamp with time zone,
  last_failure         timestamp with time zone,
  consecutive_failures integer,
  last_heartbeat       timestamp with time zone,
  version              bigint not null,
  priority             smallint,
  primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time_idx on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_time_idx on scheduled_tasks (priority desc, execution_time asc);
insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version, priority,
    consecutive_failures)
  select 'check-post', cast(id as varchar(40)), null, next_check_at, false, 1, 50, 0 from post
  where next_check_at is not null;

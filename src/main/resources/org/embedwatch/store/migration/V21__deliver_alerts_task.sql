-- The one 'deliver-alerts' task (instance 'all'), due at once (a fixed past time, whatever the clock of the process
-- that migrates): a daemon delivers new alerts to the configured sinks every alert.interval. Portable SQL.
insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version, priority,
    consecutive_failures)
  values ('deliver-alerts', 'all', null, cast('2000-01-01 00:00:00+00' as timestamp with time zone), false, 1, 50, 0);

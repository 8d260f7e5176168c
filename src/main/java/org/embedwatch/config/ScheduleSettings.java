package org.embedwatch.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The scheduler's settings ({@code schedule.*}, {@code daemon.*}, {@code watch.*}).
 *
 * @param postCadence when a post is checked, as offsets from its first check ({@code schedule.post-cadence})
 * @param postThen the interval after the last offset ({@code schedule.post-then}, quarterly)
 * @param retryFirst the wait before a check that reached no endpoint is tried again ({@code schedule.retry-first}),
 *     doubled at each such check in a row
 * @param retryMax the longest such wait ({@code schedule.retry-max})
 * @param articleDailyFor how long after its first capture an article is re-captured daily
 *     ({@code schedule.article-daily-for})
 * @param articleThen the interval of re-captures after that ({@code schedule.article-then})
 * @param remnantRetry the wait before unresolved remnants are tried again ({@code schedule.remnant-retry})
 * @param watchEvery the polling interval of a watch added without {@code --every} ({@code watch.every})
 * @param pollInterval how often a daemon asks the database for due tasks ({@code daemon.poll-interval})
 * @param heartbeat how often a daemon marks its running tasks alive ({@code daemon.heartbeat}); a task whose worker
 *     missed several heartbeats is run by another
 * @param shutdownWait how long a stopping daemon waits for running tasks ({@code daemon.shutdown-wait})
 * @param summaryEvery how often a daemon prints its summary line ({@code daemon.summary-every})
 */
public record ScheduleSettings(
    List<Duration> postCadence,
    Duration postThen,
    Duration retryFirst,
    Duration retryMax,
    Duration articleDailyFor,
    Duration articleThen,
    Duration remnantRetry,
    Duration watchEvery,
    Duration pollInterval,
    Duration heartbeat,
    Duration shutdownWait,
    Duration summaryEvery) {
  public ScheduleSettings {
    postCadence = List.copyOf(postCadence);
  }

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ScheduleSettings.class);
  /** The single re-check interval before the decay cadence: still known, to say that it is ignored. */
  static final String REPLACED_INTERVAL = "check.interval";

  /** The keys read here. */
  static final Set<String> KEYS = Set.of(REPLACED_INTERVAL, "schedule.post-cadence", "schedule.post-then", "schedule.retry-first",
      "schedule.retry-max", "schedule.article-daily-for", "schedule.article-then", "schedule.remnant-retry",
      "watch.every", "daemon.poll-interval", "daemon.heartbeat", "daemon.shutdown-wait", "daemon.summary-every");

  static ScheduleSettings read(Properties p, String source) {
    if (p.containsKey(REPLACED_INTERVAL)) {
      // An older configuration: the single re-check interval became the decay cadence (issue 13).
      log.warn("{}={} in {} is replaced by schedule.post-cadence and schedule.post-then and is ignored; remove it",
          REPLACED_INTERVAL, p.getProperty(REPLACED_INTERVAL), source);
    }
    return new ScheduleSettings(
        cadence(p, "schedule.post-cadence", source),
        SettingsLoader.duration(p, "schedule.post-then", source),
        SettingsLoader.duration(p, "schedule.retry-first", source),
        SettingsLoader.duration(p, "schedule.retry-max", source),
        SettingsLoader.duration(p, "schedule.article-daily-for", source),
        SettingsLoader.duration(p, "schedule.article-then", source),
        SettingsLoader.duration(p, "schedule.remnant-retry", source),
        SettingsLoader.duration(p, "watch.every", source),
        SettingsLoader.duration(p, "daemon.poll-interval", source),
        SettingsLoader.duration(p, "daemon.heartbeat", source),
        SettingsLoader.duration(p, "daemon.shutdown-wait", source),
        SettingsLoader.duration(p, "daemon.summary-every", source));
  }

  /** Comma-separated ISO-8601 durations, each positive and longer than the one before. */
  private static List<Duration> cadence(Properties p, String key, String source) {
    String v = SettingsLoader.require(p, key, source);
    List<Duration> out = new ArrayList<>();
    for (String part : v.split(",")) {
      Duration d;
      try {
        d = Duration.parse(part.trim());
      } catch (DateTimeParseException e) {
        throw new ConfigException(key + "=" + v + " in " + source + ": '" + part.trim()
            + "' is not an ISO-8601 duration (write e.g. PT1H,PT6H,P1D)", e);
      }
      if (d.isNegative() || d.isZero() || (!out.isEmpty() && d.compareTo(out.get(out.size() - 1)) <= 0)) {
        throw new ConfigException(key + "=" + v + " in " + source
            + " must list positive durations, each longer than the one before");
      }
      out.add(d);
    }
    return out;
  }
}

package org.embedwatch;

import org.embedwatch.evidence.Platform;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.embedwatch.alert.AlertDispatcher;
import org.embedwatch.archive.BlobStore;
import org.embedwatch.archive.CrashDebris;
import org.embedwatch.archive.PrivateFiles;
import org.embedwatch.archive.TempSpace;
import org.embedwatch.archive.ExchangeRecorder;
import org.embedwatch.archive.WarcArchive;
import org.embedwatch.archive.WarcinfoFields;
import org.embedwatch.capture.CheckRunner;
import org.embedwatch.capture.MediaFetcher;
import org.embedwatch.capture.WaybackCorroboration;
import org.embedwatch.evidence.Cadence;
import org.embedwatch.evidence.CheckPolicy;
import org.embedwatch.config.ScheduleSettings;
import org.embedwatch.evidence.EvidenceEvent;
import org.embedwatch.evidence.EvidenceEvent.HostParked;
import org.embedwatch.evidence.ConfirmationRule;
import org.embedwatch.config.Settings;
import org.embedwatch.config.SettingsLoader;
import org.embedwatch.extract.ReferenceExtractor;
import org.embedwatch.net.HttpFetcher;
import org.embedwatch.net.HostLimits;
import org.embedwatch.net.SharedSpacing;
import org.embedwatch.net.Sleeper;
import org.apache.hc.client5.http.DnsResolver;
import org.embedwatch.platform.PostEndpoint;
import org.embedwatch.platform.bluesky.BlueskyClient;
import org.embedwatch.platform.mastodon.MastodonClient;
import org.embedwatch.platform.oembed.OEmbedEndpoint;
import org.embedwatch.platform.x.OEmbedClient;
import org.embedwatch.platform.wayback.AvailabilityClient;
import org.embedwatch.platform.wayback.CdxClient;
import org.embedwatch.platform.wayback.MementoClient;
import org.embedwatch.platform.wayback.WaybackClients;
import org.embedwatch.schedule.WaybackLookups;
import com.github.kagkarlsson.scheduler.task.Task;
import org.embedwatch.platform.x.SyndicationClient;
import org.embedwatch.platform.x.V1Client;
import org.embedwatch.platform.x.V2Client;
import org.embedwatch.read.ContentSniffer;
import org.embedwatch.read.InputExpander;
import org.embedwatch.resolve.RemnantResolver;
import org.embedwatch.platform.x.V2Search;
import org.embedwatch.store.AlertRows;
import com.github.kagkarlsson.scheduler.task.Task;
import org.embedwatch.schedule.AlertDeliveries;
import org.embedwatch.schedule.CheckPostTask;
import org.embedwatch.schedule.Daemon;
import org.embedwatch.schedule.RunTally;
import org.embedwatch.schedule.WatchTasks;
import org.embedwatch.store.WatchTable;
import org.embedwatch.store.Database;
import org.embedwatch.store.ScheduledTasks;
import org.embedwatch.store.SchedulerRuns;
import org.embedwatch.store.EvidenceReader;
import org.embedwatch.store.EvidenceStore;
import org.embedwatch.store.SharedBuckets;
import org.embedwatch.store.UnusableArchiveException;

/**
 * The composition root: builds every object of a run from {@link Settings}, by hand, in one place. Owns the
 * resources (HTTP client, WARC writer, database) and closes them.
 */
public final class App implements AutoCloseable {
  /** The software name and version written into every WARC file's warcinfo record. */
  public static final String SOFTWARE = "Embedwatch/0.1.0";

  private final Settings settings;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final ContentSniffer sniffer = new ContentSniffer();
  private final ReferenceExtractor extractor = new ReferenceExtractor();
  private final WarcArchive warc;
  private final HttpFetcher http;
  private final Database db;
  private final EvidenceStore store;
  private final EvidenceReader evidence;
  private final CheckRunner checker;
  private final InputExpander inputs;
  private final Archiver archiver;
  private final Map<Platform, String> missingClients;
  private final ExecutorService checkThreads;
  private final TempSpace temp;
  private final AlertDispatcher alerts;
  private final Task<?> waybackLookups;
  private final RunTally tally = new RunTally();
  private Daemon daemon; // built at first use (daemon, daemon --once), stopped at close
  private Daemon checks; // built at first use (check), stopped at close

  private App(Settings settings, Clock clock, Sleeper sleeper, DnsResolver dns, Database db) {
    this.settings = settings;
    this.clock = clock;
    this.db = db;
    if (settings.store().url().equals(SettingsLoader.defaultDatabaseUrl(settings.archiveDir()))) {
      PrivateFiles.restrictIfExists(settings.archiveDir().resolve("embedwatch.mv.db")); // H2 made it with the umask
    }
    CrashDebris.clean(settings.archiveDir());
    this.temp = new TempSpace(settings.archiveDir().resolve("tmp"));
    this.warc = new WarcArchive(settings.archiveDir().resolve("warc"), settings.net().warcMaxFileBytes(),
        warcinfo(settings), clock);
    // Every WARC record an event points at is on the disk before its commit (blobs are forced as they are stored).
    this.store = new EvidenceStore(db, warc::sync);
    this.evidence = new EvidenceReader(db);
    // A park is stored when it is taken (and cut when too long), so that other processes and the next run keep it; on
    // PostgreSQL each host's rate is a bucket in the database and others' parks are read before each request.
    HostLimits.ParkListener parks = HostLimits.ParkListener.of((h, u) -> store.record(new HostParked(h, u)),
        (h, u) -> store.record(new EvidenceEvent.HostParkCut(h, u)));
    this.http = new HttpFetcher(settings.net(), warc, clock, sleeper, db.vendor() == Database.Vendor.POSTGRESQL
        ? new HostLimits.Sharing(new SharedSpacing(SharedBuckets.on(db, clock), sleeper), parks, evidence::park)
        : HostLimits.Sharing.local(clock, sleeper, parks), dns);
    http.limits().restoreAll(evidence.parks(clock.instant()));
    List<PostEndpoint> endpoints = new ArrayList<>(List.of(new SyndicationClient(http, json),
        new OEmbedClient(http, json)));
    settings.xV1().ifPresent(credentials ->
        endpoints.add(new V1Client(credentials, settings.net(), http.routes(), http.limits(), warc, json,
            clock)));
    settings.xV2().ifPresent(token -> endpoints.add(new V2Client(token, http, json, clock)));
    endpoints.addAll(List.of(new BlueskyClient(http, json), new MastodonClient(http, json),
        OEmbedEndpoint.youtube(http, json), OEmbedEndpoint.tiktok(http, json)));
    Map<Platform, String> missing = new LinkedHashMap<>();
    settings.metaOEmbed().ifPresentOrElse(token -> {
      endpoints.add(OEmbedEndpoint.instagram(http, json, token.value()));
      endpoints.add(OEmbedEndpoint.facebook(http, json, token.value()));
    }, () -> {
      missing.put(Platform.INSTAGRAM, "needs meta.oembed-token");
      missing.put(Platform.FACEBOOK, "needs meta.oembed-token");
    });
    this.missingClients = Map.copyOf(missing);
    this.checkThreads = checkThreads(settings.check().concurrency());
    ConfirmationRule rule = new ConfirmationRule(settings.check().confirmChecks(), settings.check().confirmSpan(),
        settings.check().confirmEndpoints());
    CheckPolicy policy = new CheckPolicy(rule, List.of(), "not checked yet", settings.check().refetchPhotos());
    WaybackCorroboration wayback = new WaybackCorroboration(new WaybackClients(new CdxClient(http, json),
        new AvailabilityClient(http, json), new MementoClient(http, json)), store, evidence,
        new WaybackLookups(db.dataSource()), clock);
    this.waybackLookups = WaybackLookups.task(wayback);
    this.checker = CheckRunner.of(endpoints, new MediaFetcher(http, new BlobStore(settings.archiveDir()
        .resolve("media"), temp), sniffer, settings.media(), clock), evidence, store, wayback, policy,
        Cadence.of(settings.schedule(), rule), clock, checkThreads);
    this.inputs = new InputExpander(http, sniffer, settings.read().maxBytes(), clock);
    RemnantResolver remnants = new RemnantResolver(new CdxClient(http, json), new MementoClient(http, json),
        settings.xV2().map(token -> new V2Search(token, http, json)), store, clock);
    this.archiver = new Archiver(extractor, new BlobStore(settings.archiveDir().resolve("articles"), temp), store,
        checker, evidence, clock, remnants, inputs, settings.read().maxReferences());
    this.alerts = AlertDispatcher.of(settings.alerts(), settings.archiveDir(), db, json, clock);
    // A sink counts from the first time the archive is opened with it configured: the next check's findings are its.
    alerts.registerSinks(clock.instant());
  }

  /** The threads posts are checked on: {@code check.concurrency} of them (0: as many as there are posts). */
  private static ExecutorService checkThreads(int concurrency) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory named = r -> {
      Thread t = new Thread(r, "check-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    return concurrency == 0 ? Executors.newCachedThreadPool(named) : Executors.newFixedThreadPool(concurrency, named);
  }

  /**
   * Opens the existing archive and everything that writes to it, applying this version's pending migrations; for
   * {@code check} and {@code resolve}.
   *
   * @param sleeper how the HTTP stack waits between requests to a host and before retries
   * @param dns how host names are resolved (the system's resolver; tests map names without asking any DNS)
   * @throws EmbedwatchException when there is no archive at the configured place (saying what to run)
   */
  public static App open(Settings settings, Clock clock, Sleeper sleeper, DnsResolver dns) {
    return start(settings, clock, sleeper, dns, ArchiveOpening.usable(settings, Database::openExisting));
  }

  /**
   * Opens the archive, creating it when there is none at the configured place, and everything that writes to it; for
   * {@code archive} (and the demo), the commands that may start an archive.
   *
   * @param sleeper how the HTTP stack waits between requests to a host and before retries
   * @param dns how host names are resolved (the system's resolver; tests map names without asking any DNS)
   */
  public static App openOrCreate(Settings settings, Clock clock, Sleeper sleeper, DnsResolver dns) {
    PrivateFiles.createArchiveDirectory(settings.archiveDir()); // 0700, before the database or anything is put in it
    return start(settings, clock, sleeper, dns, Database.open(settings.store()));
  }

  private static App start(Settings settings, Clock clock, Sleeper sleeper, DnsResolver dns, Database db) {
    try {
      return new App(settings, clock, sleeper, dns, db);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /**
   * Opens the existing archive for reading only, for {@code status} and {@code report}: the database and nothing else
   * (no migration, no WARC writer, no HTTP client), and nothing is written, on open or on close.
   *
   * @throws EmbedwatchException when there is no archive at the configured place, or its schema is not this version's
   *     (saying what to run)
   */
  public static ReadOnlyEvidence openReadOnly(Settings settings, Clock clock) {
    return new ReadOnlyEvidence(ArchiveOpening.usable(settings, Database::openForReading), clock);
  }

  /**
   * Input expansion and extraction that store nothing (no WARC, no database), for {@code extract}.
   *
   * @param dns how host names are resolved
   * @return the expander, the extractor and the HTTP client they use, which the caller closes
   */
  public static ReadOnly readOnly(Settings settings, Clock clock, Sleeper sleeper, DnsResolver dns) {
    HttpFetcher http = new HttpFetcher(settings.net(), ExchangeRecorder.none(), clock, sleeper,
        HostLimits.ParkListener.none(), dns);
    return new ReadOnly(new InputExpander(http, new ContentSniffer(), settings.read().maxBytes(), clock),
        new ReferenceExtractor(), http);
  }

  /** What {@code extract} needs: reading and extraction, storing nothing. */
  public record ReadOnly(InputExpander inputs, ReferenceExtractor extractor, HttpFetcher http)
      implements AutoCloseable {
    @Override
    public void close() {
      try {
        http.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close the HTTP client", e);
      }
    }
  }

  /** The warcinfo fields (see {@link WarcinfoFields}). */
  static Map<String, String> warcinfo(Settings s) {
    return WarcinfoFields.of(s, SOFTWARE, Cadence.of(s.schedule(), new ConfirmationRule(s.check().confirmChecks(),
        s.check().confirmSpan(), s.check().confirmEndpoints())).describe());
  }

  /**
   * Every task kind this process's scheduler knows, in one list: {@code check-post}, the watch and article tasks
   * ({@link WatchTasks}), {@code wayback-lookup} and {@code deliver-alerts}. Every worker knows every kind, so none is
   * left unresolved.
   */
  public List<Task<?>> tasks() {
    List<Task<?>> tasks = new ArrayList<>();
    tasks.add(checkPostTask());
    tasks.addAll(watchTasks());
    tasks.add(waybackLookups);
    tasks.add(new AlertDeliveries(alerts, settings.alerts().interval(), clock).task());
    return tasks;
  }

  private Task<?> checkPostTask() {
    ScheduleSettings s = settings.schedule();
    return new CheckPostTask(checker, tally, s.retryFirst(),
        s.postCadence().isEmpty() ? s.postThen() : s.postCadence().get(0), clock).task();
  }

  /** This process's scheduler, running every task kind, built at first use and stopped at close. */
  public synchronized Daemon daemon() {
    if (daemon == null) {
      daemon = Daemon.of(db, tasks(), settings, tally, clock);
    }
    return daemon;
  }

  /** This process's scheduler for {@code check}: the due {@code check-post} executions only, the rest left alone. */
  public synchronized Daemon checks() {
    if (checks == null) {
      java.util.Set<String> others = new java.util.HashSet<>();
      tasks().forEach(t -> others.add(t.getName()));
      others.remove(CheckPostTask.NAME);
      checks = Daemon.of(db, List.of(checkPostTask()), others, settings, tally, clock);
    }
    return checks;
  }

  /** The results of the checks this process's scheduled tasks make, counted; commands listen to print them. */
  public RunTally tally() {
    return tally;
  }

  public Settings settings() {
    return settings;
  }

  public Clock clock() {
    return clock;
  }

  /** Expands the inputs of {@code archive}; fetches go to WARC. */
  public InputExpander inputs() {
    return inputs;
  }

  public Archiver archiver() {
    return archiver;
  }

  public CheckRunner checker() {
    return checker;
  }

  /**
   * Platforms whose client exists but is not configured, each with what it needs ({@code needs meta.oembed-token}).
   * Their posts are stored and not captured, like those of platforms without a client.
   */
  public Map<Platform, String> missingClients() {
    return missingClients;
  }

  public EvidenceReader evidence() {
    return evidence;
  }

  /** The store's write path, for what the commands record themselves (claims of due posts). */
  public EvidenceStore store() {
    return store;
  }

  public ObjectMapper json() {
    return json;
  }

  /** Delivers new alerts to the configured sinks ({@code alert.*}): for {@code alerts send} and the daemon. */
  public AlertDispatcher alerts() {
    return alerts;
  }

  /** The database: watches ({@code WatchTable}) and db-scheduler's tasks live in it beside the evidence. */
  public Database database() {
    return db;
  }

  /** The task kinds of watches and articles, for the scheduler: poll-watch, archive-article, recapture, remnants. */
  public List<Task<?>> watchTasks() {
    return new WatchTasks(archiver, inputs, evidence, new WatchTable(db),
        settings.schedule(), clock).tasks();
  }

  /** Closes the HTTP client, the WARC writer and the database; writes nothing (parks are stored as they are taken). */
  @Override
  public void close() {
    try {
      http.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the HTTP client", e);
    } finally {
      try {
        synchronized (this) {
          if (daemon != null) {
            daemon.stop();
          }
          if (checks != null) {
            checks.stop();
          }
        }
        checkThreads.shutdownNow();
        warc.close();
      } finally {
        try {
          temp.close();
        } finally {
          db.close();
        }
      }
    }
  }
}

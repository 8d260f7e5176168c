package org.embedwatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.embedwatch.App;
import org.embedwatch.config.Settings;
import org.embedwatch.config.SettingsLoader;
import org.embedwatch.report.AuditReportBuilder;
import org.embedwatch.report.ReportFormat;
import org.embedwatch.report.ReportWriter;
import org.embedwatch.sandbox.Change;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.sandbox.Sandbox;
import org.embedwatch.sandbox.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the whole lifecycle in one process, against the built-in simulated platform and a fresh archive:
 * archive the example article, let a day pass in which one cited post is deleted and another edited, re-check, live
 * through an outage that must not count as deletion, and print the report.
 */
@Command(name = "demo", description = "Run the whole lifecycle against the built-in simulated platform.")
final class DemoCommand implements Callable<Integer> {
  static final String ARTICLE_URL = "https://news.example/2023/08/what-the-posts-said.html";
  static final String DELETED_POST = "1641086480675225601";
  static final String EDITED_POST = "1641895049427550208";
  static final String EDITED_TEXT = "#ReactNative's new renderer brings view flattening to iOS."
      + " (Edited: it needs some setup after all.)";

  @ParentCommand Main main;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Archive directory for the demo (default: a new temporary directory).")
  Path dir;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = Main.out(spec);
    PrintWriter err = spec.commandLine().getErr();
    Path archiveDir = dir == null ? Files.createTempDirectory("embedwatch-demo-") : main.workingDir().resolve(dir);
    MutableClock clock = new MutableClock(main.clock().instant());
    URI article = URI.create(ARTICLE_URL);
    Scenario scenario = new Scenario(Scenario.demo().posts(), List.of(new Scenario.Article(article.getHost(),
        article.getPath(), null, "/org/embedwatch/cli/examples/example-article.html", "text/html; charset=utf-8")));
    try (Sandbox sandbox = Sandbox.start(0, scenario, clock)) {
      Settings settings = settingsFor(archiveDir, sandbox);
      try (App app = App.openOrCreate(settings, clock, clock::advance, main.dns())) {
        out.println("== Embedwatch demo: archive in " + archiveDir + ", simulated platform at " + sandbox.baseUri());
        out.println("\n== 1. " + clock.instant() + ": archive the example article and capture the posts it cites");
        out.flush();
        int code = ArchiveCommand.run(app, List.of(ARTICLE_URL), ScopeOption.ARTICLE, main.workingDir(), InputStream.nullInputStream(),
            out, err);
        if (code != 0) {
          return code;
        }
        clock.advance(Duration.ofDays(1));
        sandbox.apply(DELETED_POST, Change.deleted());
        sandbox.apply(EDITED_POST, Change.edited(EDITED_TEXT));
        out.println("\n== 2. " + clock.instant() + ": the platform deleted post " + DELETED_POST + " and the author"
            + " edited post " + EDITED_POST + "; re-check everything");
        CheckCommand.run(app, true, out);
        clock.advance(Duration.ofHours(12));
        sandbox.setFault(Fault.status(503));
        out.println("\n== 3. " + clock.instant() + ": the platform is down (HTTP 503); a re-check must not call"
            + " anything deleted, nor count toward confirming the deletion");
        CheckCommand.run(app, true, out);
        sandbox.setFault(Fault.none());
        for (int i = 4; i <= 5; i++) {
          clock.advance(Duration.ofHours(12));
          out.println("\n== " + i + ". " + clock.instant() + ": the platform is back; re-check everything (a deletion is"
              + " confirmed at the third unavailable check, at least 24 hours after the first, via 2 endpoints)");
          CheckCommand.run(app, true, out);
        }
        out.println("\n== 6. The audit report (embedwatch report --format md)\n");
        new ReportWriter(app.json()).write(new AuditReportBuilder(app.evidence(), clock).build(), ReportFormat.MD,
            out);
        out.println("\nThe demo archive stays in " + archiveDir + "; inspect it with"
            + " `embedwatch --set archive.dir=" + archiveDir + " status`.");
        out.flush();
      }
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException("demo failed in " + archiveDir + ": " + e.getMessage(), e.getCause());
    }
    return 0;
  }

  private Settings settingsFor(Path archiveDir, Sandbox sandbox) {
    List<String> overrides = new ArrayList<>(main.overrides());
    overrides.add("archive.dir=" + archiveDir);
    overrides.add("store.url=" + SettingsLoader.defaultDatabaseUrl(archiveDir));
    Map<String, String> routes = new TreeMap<>(sandbox.routes());
    routes.forEach((key, base) -> overrides.add(key + "=" + base));
    overrides.add("net.only-routed=true"); // the demo never leaves the machine
    // The demo's own H2 file, with H2's default login whatever store.user and store.password say.
    return new SettingsLoader(main.workingDir()).load(java.util.Optional.ofNullable(main.config)
        .map(main.workingDir()::resolve), overrides)
        .withStore(new Settings.Store(SettingsLoader.defaultDatabaseUrl(archiveDir), "", java.util.Optional.empty()));
  }
}

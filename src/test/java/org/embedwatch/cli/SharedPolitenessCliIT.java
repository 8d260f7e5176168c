package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.embedwatch.testsupport.ArrivalTimes;
import org.embedwatch.testsupport.ChildCli;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.PageServer;
import org.embedwatch.testsupport.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two real {@code archive} processes (child JVMs, real clock and sleeps) on one archive whose store is one PostgreSQL
 * database fetch their articles from one host at {@code net.rate.default=10/s} at the same time: the server's
 * request log shows the two together within 10/s over sliding windows, and each process's WARC files are its own.
 * Needs {@code -Dembedwatch.test.postgres} (on H2 each process keeps its own rate: see {@code SharedRateIT}).
 */
class SharedPolitenessCliIT {
  private static final Logger log = LoggerFactory.getLogger(SharedPolitenessCliIT.class);
  private static final int RATE = 10;
  private static final int EACH = 50;
  /** How much later than its turn a request may reach the server, beyond another's (see SharedRateIT). */
  private static final long JITTER_MILLIS = 250;

  @TempDir Path work;

  @Test
  void twoArchiveProcessesOnOnePostgresDatabaseTogetherHoldTheRate() throws Exception {
    assumeTrue(PostgresServer.configured().isPresent(), "the rate is shared through PostgreSQL only");
    List<Long> a = new CopyOnWriteArrayList<>();
    List<Long> b = new CopyOnWriteArrayList<>();
    try (PageServer server = PageServer.start();
        CliRunner cli = new CliRunner(work, Clock.systemUTC(), Map.of("net.rate.default", RATE + "/s"))) {
      server.behaviour("/a", exchange -> article(exchange, a));
      server.behaviour("/b", exchange -> article(exchange, b));
      server.behaviour("/first", exchange -> article(exchange, new ArrayList<>()));
      cli.allow(server);
      assertThat(cli.run("archive", server.url("/first")).exit()).as("makes the archive").isZero();
      ChildCli children = new ChildCli(cli, null);
      CompletableFuture<ChildCli.Run> first = CompletableFuture.supplyAsync(() -> archive(children, server, "/a"));
      CompletableFuture<ChildCli.Run> second = CompletableFuture.supplyAsync(() -> archive(children, server, "/b"));
      for (ChildCli.Run run : List.of(first.get(5, TimeUnit.MINUTES), second.get(5, TimeUnit.MINUTES))) {
        assertThat(run.exit()).as(run.err()).isZero();
      }

      List<Long> both = new ArrayList<>(a);
      both.addAll(b);
      Collections.sort(both);
      double overlap = (Math.min(Collections.max(a), Collections.max(b))
          - Math.max(Collections.min(a), Collections.min(b))) / 1e9;
      String figures = String.format("two archive processes, %d requests: together %.1f/s (most in any 1 s: %d),"
          + " a %.1f/s, b %.1f/s, overlapping %.1f s; configured %d/s", both.size(), new ArrivalTimes(both).perSecond(),
          new ArrivalTimes(both).mostWithin(1_000), new ArrivalTimes(a).perSecond(), new ArrivalTimes(b).perSecond(),
          overlap, RATE);
      log.info("measured: {}", figures);
      assertThat(both).hasSize(2 * EACH);
      assertThat(overlap).as(figures + ": the two ran at the same time").isGreaterThan(3.0);
      for (long millis : new long[] {1_000, 3_000}) {
        assertThat(new ArrivalTimes(both).mostWithin(millis)).as(figures + "; window " + millis + " ms")
            .isLessThanOrEqualTo((int) (RATE * (millis + JITTER_MILLIS) / 1_000) + 1);
      }
      try (Stream<Path> files = Files.list(cli.archiveDir().resolve("warc"))) {
        assertThat(files.filter(p -> p.toString().endsWith(".warc.gz")).count())
            .as("each process wrote its own WARC file").isGreaterThanOrEqualTo(3);
      }
    }
  }

  private static ChildCli.Run archive(ChildCli children, PageServer server, String path) {
    List<String> args = new ArrayList<>(List.of("archive"));
    for (int i = 0; i < EACH; i++) {
      args.add(server.url(path + "?n=" + i));
    }
    try {
      return children.run(List.of("-Xmx256m"), Map.of(), Duration.ofMinutes(4), args);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void article(HttpExchange exchange, List<Long> times) throws IOException {
    times.add(System.nanoTime());
    byte[] page = ("<html><head><title>Note</title></head><body><article><p>Nothing cited in "
        + exchange.getRequestURI() + ".</p></article></body></html>").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(200, page.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(page);
    }
  }


}

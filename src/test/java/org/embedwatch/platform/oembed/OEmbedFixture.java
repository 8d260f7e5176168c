package org.embedwatch.platform.oembed;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.embedwatch.archive.ExchangeRecorder;
import org.embedwatch.config.SettingsLoader;
import org.embedwatch.net.HttpFetcher;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.sandbox.Sandbox;
import org.embedwatch.sandbox.Scenario;
import org.embedwatch.testsupport.PageServer;

/**
 * The oEmbed endpoints on an HTTP stack (politeness off, no retries, a short read timeout) routed either to a sandbox
 * serving a scenario, or to a page server that gives one fixed answer, for bodies the sandbox never sends. Close it.
 */
final class OEmbedFixture implements AutoCloseable {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final ObjectMapper json = new ObjectMapper();
  private final Sandbox sandbox;
  private final PageServer pages;
  private final HttpFetcher http;

  private OEmbedFixture(Path dir, Scenario scenario, PageServer pages, Map<String, String> routes) {
    try {
      this.sandbox = scenario == null ? null : Sandbox.start(0, scenario, clock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the sandbox", e);
    }
    this.pages = pages;
    List<String> settings = new ArrayList<>();
    (sandbox == null ? routes : sandbox.routes()).forEach((key, value) -> settings.add(key + "=" + value));
    settings.addAll(List.of("net.read-timeout=PT0.5S", "net.rate.default=off", "net.only-routed=true",
        "net.retries=0"));
    this.http = new HttpFetcher(new SettingsLoader(dir).load(Optional.empty(), settings).net(),
        ExchangeRecorder.none(), clock, wait -> { });
  }

  /** Endpoints asking a sandbox that serves {@code scenario}. */
  static OEmbedFixture sandboxed(Path dir, Scenario scenario) {
    return new OEmbedFixture(dir, scenario, null, Map.of());
  }

  /** Endpoints whose {@code host} answers {@code path} with {@code status} and {@code body}, and nothing else. */
  static OEmbedFixture answering(Path dir, String host, String path, int status, String contentType, String body) {
    PageServer pages = PageServer.start().answer("/" + host + path, status, contentType, body);
    return new OEmbedFixture(dir, null, pages, Map.of("net.route." + host, pages.url("/" + host)));
  }

  MutableClock clock() {
    return clock;
  }

  Sandbox sandbox() {
    return sandbox;
  }

  /** What the page server was asked, path and query. */
  List<String> requested() {
    return pages.requested();
  }

  OEmbedEndpoint youtube() {
    return OEmbedEndpoint.youtube(http, json);
  }

  OEmbedEndpoint tiktok() {
    return OEmbedEndpoint.tiktok(http, json);
  }

  OEmbedEndpoint instagram(String token) {
    return OEmbedEndpoint.instagram(http, json, token);
  }

  OEmbedEndpoint facebook(String token) {
    return OEmbedEndpoint.facebook(http, json, token);
  }

  @Override
  public void close() {
    try {
      http.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the HTTP client", e);
    } finally {
      if (sandbox != null) {
        sandbox.close();
      }
      if (pages != null) {
        pages.close();
      }
    }
  }
}

package org.embedwatch.read;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.embedwatch.archive.ExchangeRecorder;
import org.embedwatch.config.SettingsLoader;
import org.embedwatch.net.HttpFetcher;

/** Runs an {@link InputExpander} (storing nothing) in a directory and collects its items, for the tests here. */
final class Expansions implements AutoCloseable {
  private final Path dir;
  private final HttpFetcher http;
  private final InputExpander expander;

  Expansions(Path dir, long maxBytes) {
    this(dir, maxBytes, List.of());
  }

  /** An expander whose HTTP stack also has the {@code key=value} settings {@code sets}. */
  Expansions(Path dir, long maxBytes, List<String> sets) {
    this.dir = dir;
    Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    List<String> all = new ArrayList<>(List.of("net.only-routed=true"));
    all.addAll(sets);
    this.http = new HttpFetcher(new SettingsLoader(dir).load(Optional.empty(), all).net(),
        ExchangeRecorder.none(), clock, wait -> { });
    this.expander = new InputExpander(http, new ContentSniffer(), maxBytes, clock);
  }

  Expansions(Path dir) {
    this(dir, 1_000_000);
  }

  HttpFetcher http() {
    return http;
  }

  InputExpander expander() {
    return expander;
  }

  List<InputItem> expand(String... inputs) {
    return expandWithStdin(new byte[0], inputs);
  }

  List<InputItem> expandWithStdin(byte[] stdin, String... inputs) {
    List<InputItem> items = new ArrayList<>();
    try (InputStream in = new ByteArrayInputStream(stdin)) {
      expander.expand(List.of(inputs), dir, in, items::add);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return items;
  }

  /** One line per item: what a test compares. */
  static List<String> lines(List<InputItem> items) {
    return items.stream().map(Expansions::line).toList();
  }

  static String line(InputItem item) {
    return switch (item.kind()) {
      case ARTICLE -> {
        ArticleCapture c = ((InputItem.Article) item).capture();
        yield item.input() + " article " + c.mediaType();
      }
      case EXPANSION -> {
        InputItem.Expansion e = (InputItem.Expansion) item;
        yield item.input() + " " + e.container().label() + " " + e.entries() + (e.leftOut() > 0 ? "+" + e.leftOut() : "")
            + (e.overLimit() > 0 ? " (" + e.overLimit() + " over the limit)" : "");
      }
      case SKIPPED -> item.input() + " skipped: " + ((InputItem.Skipped) item).reason();
      case PROBLEM -> {
        InputItem.Problem p = (InputItem.Problem) item;
        yield item.input() + " " + p.problem().key() + ": " + p.reason();
      }
    };
  }

  @Override
  public void close() throws java.io.IOException {
    http.close();
  }
}

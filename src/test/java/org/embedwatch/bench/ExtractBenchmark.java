package org.embedwatch.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.embedwatch.extract.ReferenceExtractor;
import org.embedwatch.read.ContentSniffer;
import org.jsoup.Jsoup;

/**
 * Extraction throughput over the corpus pages next to a bare jsoup parse of the same pages, in the same run. Each round
 * processes every page once; rounds of the two workloads alternate so that both see the same JIT and GC conditions.
 * Prints figures; asserts nothing (the test suite checks correctness, this command measures speed).
 */
final class ExtractBenchmark {

  private record Page(String name, String mediaType, String text, byte[] bytes) {}

  private final List<Page> pages;
  private final ReferenceExtractor extractor = new ReferenceExtractor();
  private final ContentSniffer sniffer = new ContentSniffer();
  private long sink;

  private ExtractBenchmark(List<Page> pages) {
    this.pages = pages;
  }

  static void run(Path corpus, int warmupRounds, int rounds, PrintStream out) throws IOException {
    ContentSniffer sniffer = new ContentSniffer();
    List<Page> pages = new ArrayList<>();
    try (Stream<Path> files = Files.list(corpus)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file) || name.endsWith(".tsv") || name.startsWith(".")) {
          continue;
        }
        byte[] bytes = Files.readAllBytes(file);
        String type = sniffer.mediaType(bytes, name, null);
        Charset charset = sniffer.charset(bytes, type, null);
        pages.add(new Page(name, type, new String(bytes, charset), bytes));
      }
    }
    if (pages.isEmpty()) {
      throw new IllegalArgumentException("no pages in " + corpus + " (give a directory of article files)");
    }
    long totalBytes = pages.stream().mapToLong(p -> p.bytes().length).sum();
    out.printf(Locale.ROOT, "extract benchmark: %d pages (%.1f MB) from %s, %d warm-up + %d measured rounds (median round)%n",
        pages.size(), totalBytes / 1e6, corpus, warmupRounds, rounds);

    ExtractBenchmark bench = new ExtractBenchmark(pages);
    for (int i = 0; i < warmupRounds; i++) {
      bench.parseRound();
      bench.extractRound();
      bench.readAndExtractRound();
    }
    long[] parseNanos = new long[rounds];
    long[] extractNanos = new long[rounds];
    long[] readNanos = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      long t0 = System.nanoTime();
      bench.parseRound();
      long t1 = System.nanoTime();
      bench.extractRound();
      long t2 = System.nanoTime();
      bench.readAndExtractRound();
      long t3 = System.nanoTime();
      parseNanos[i] = t1 - t0;
      extractNanos[i] = t2 - t1;
      readNanos[i] = t3 - t2;
    }
    // Medians: one round disturbed by a GC pause or another process on the machine does not move them.
    double parseRate = pages.size() / (median(parseNanos) / 1e9);
    double extractRate = pages.size() / (median(extractNanos) / 1e9);
    double readRate = pages.size() / (median(readNanos) / 1e9);
    out.printf(Locale.ROOT, "  bare jsoup parse           %8.1f pages/s%n", parseRate);
    out.printf(Locale.ROOT, "  extract (decoded text)     %8.1f pages/s  = %.2f x bare parse (target >= 0.70)%n",
        extractRate, extractRate / parseRate);
    out.printf(Locale.ROOT, "  sniff + decode + extract   %8.1f pages/s  = %.2f x bare parse%n",
        readRate, readRate / parseRate);
    out.printf(Locale.ROOT, "  (checksum %d)%n", bench.sink);
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
  }

  private void parseRound() {
    for (Page p : pages) {
      sink += Jsoup.parse(p.text(), "https://example.org/article").childNodeSize();
    }
  }

  private void extractRound() {
    for (Page p : pages) {
      sink += extractor.extract(p.text(), p.mediaType(), "https://example.org/article").size();
    }
  }

  private void readAndExtractRound() {
    for (Page p : pages) {
      String type = sniffer.mediaType(p.bytes(), p.name(), null);
      String text = new String(p.bytes(), sniffer.charset(p.bytes(), type, null));
      sink += extractor.extract(text, type, "https://example.org/article").size();
    }
  }
}

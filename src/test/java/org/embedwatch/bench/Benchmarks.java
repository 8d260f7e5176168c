package org.embedwatch.bench;

import java.nio.file.Path;

/**
 * Entry point of {@code mvn -Pbench}: runs the benchmarks named by {@code -Dbench=} (default: all) and prints their
 * figures to stdout. Not part of the test suite: figures depend on the machine, so nothing here asserts a time.
 */
public final class Benchmarks {
  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    String which = System.getProperty("bench", "all");
    if (which.equals("all") || which.equals("extract")) {
      Path corpus = Path.of(System.getProperty("bench.corpus", "src/test/resources/org/embedwatch/extract/corpus"));
      ExtractBenchmark.run(corpus, Integer.getInteger("bench.warmup", 5), Integer.getInteger("bench.rounds", 20),
          System.out);
    }
    if (which.equals("all") || which.equals("capture")) {
      CaptureBenchmark.run(Integer.getInteger("bench.posts", 1000), Integer.getInteger("bench.capture-warmup", 500),
          System.out);
    }
    if (which.equals("all") || which.equals("claims")) {
      ClaimBenchmark.run(Integer.getInteger("bench.tracked-posts", 1_000_000), System.out);
    }
  }
}

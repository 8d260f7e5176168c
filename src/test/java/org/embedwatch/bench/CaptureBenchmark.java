package org.embedwatch.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.ManyPosts;
import org.embedwatch.testsupport.SandboxedCli;

/**
 * {@code archive} of one article citing {@code posts} X posts, through the real CLI against the sandbox, politeness
 * off: prints posts/s and requests per post (by host) of the archive (the first captures) and of a later check, and
 * beside it the sandbox's own floor, the time of {@code posts} plain GETs of the syndication endpoint on one
 * HttpClient (no WARC, no store), so the figure can be judged.
 */
final class CaptureBenchmark {
  private CaptureBenchmark() {}

  /**
   * @param warmup posts archived first, in a separate archive and sandbox, so the JIT, H2's seed generator and the
   *     class loading of a cold JVM are not in the figure (0: none)
   */
  static void run(int posts, int warmup, PrintStream out) throws IOException, InterruptedException {
    // Without TCP_NODELAY the JDK HttpServer under the sandbox adds a delayed-ACK stall (~40 ms) to each answer, and
    // the figure would measure that. Read by the server when it is first created, so set it before the sandbox starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    out.println("capture: sun.net.httpserver.nodelay=" + System.getProperty("sun.net.httpserver.nodelay"));
    if (warmup > 0) {
      long start = System.nanoTime();
      archive(ManyPosts.of(warmup));
      out.printf("capture: warm-up, %d posts archived in %.2f s (not measured)%n", warmup,
          (System.nanoTime() - start) / 1e9);
    }
    ManyPosts many = ManyPosts.of(posts);
    Path work = Files.createTempDirectory("embedwatch-bench-capture");
    try (SandboxedCli env = SandboxedCli.start(work, many.scenario(),
        Map.of("net.rate.default", "off", "net.concurrency.default", "off"))) {
      Path article = Files.writeString(work.resolve("many.html"), many.article());

      long floorNanos = syndicationFloor(env, many.ids());
      long floorRequests = env.sandbox().requests().size();

      long start = System.nanoTime();
      CliRunner.Run run = env.cli().run("archive", article.toString());
      long archiveNanos = System.nanoTime() - start;
      if (run.exit() != 0) {
        throw new IllegalStateException("archive failed (exit " + run.exit() + "): " + run.err());
      }
      long captured = (Long) env.cli().query("select count(distinct post_ref) as n from post_capture")
          .get(0).get("n");
      long requests = env.sandbox().requests().size();
      out.printf("capture: %d posts, %d captured, %d sandbox requests by the archive (%.1f per post)%n", posts,
          captured, requests - floorRequests, (double) (requests - floorRequests) / posts);
      java.util.Map<String, Long> byHost = new java.util.TreeMap<>();
      env.sandbox().requests().subList((int) floorRequests, (int) requests)
          .forEach(r -> byHost.merge(r.host(), 1L, Long::sum));
      out.println("capture: requests by host " + byHost);
      out.printf("capture: archive %.2f s = %.0f posts/s (target: at least 200 posts/s)%n", archiveNanos / 1e9,
          posts / (archiveNanos / 1e9));
      long distinctMedia = env.sandbox().requests().subList((int) floorRequests, (int) requests).stream()
          .filter(r -> r.host().equals("pbs.twimg.com") || r.host().equals("video.twimg.com"))
          .map(r -> r.hostPath()).distinct().count();
      out.printf("capture: %d distinct media URLs (the scenario reuses three samples' media and authors under new"
          + " ids, so a run fetches each once; real posts have their own photos)%n", distinctMedia);
      laterCheck(env, posts, out);
      out.printf("capture: sandbox floor, %d plain syndication GETs on one HttpClient: %.2f s = %.0f requests/s%n",
          posts, floorNanos / 1e9, posts / (floorNanos / 1e9));
      double perPost = (double) (requests - floorRequests) / posts;
      out.printf("capture: at that floor, %.1f requests per post allow %.0f posts/s on one connection;"
          + " this machine has %d cores, shared by the sandbox and the client%n", perPost,
          posts / (floorNanos / 1e9) / perPost, Runtime.getRuntime().availableProcessors());
    } finally {
      deleteTree(work);
    }
  }

  /** A day later, {@code check} of every post (nothing changed): posts/s and requests per post. */
  private static void laterCheck(SandboxedCli env, int posts, PrintStream out) {
    env.clock().advance(java.time.Duration.ofDays(1));
    int before = env.sandbox().requests().size();
    long start = System.nanoTime();
    CliRunner.Run run = env.cli().run("check");
    long nanos = System.nanoTime() - start;
    if (run.exit() != 0) {
      throw new IllegalStateException("check failed (exit " + run.exit() + "): " + run.err());
    }
    int requests = env.sandbox().requests().size() - before;
    java.util.Map<String, Long> byHost = new java.util.TreeMap<>();
    env.sandbox().requests().subList(before, before + requests).forEach(r -> byHost.merge(r.host(), 1L, Long::sum));
    out.printf("capture: a later check of every post: %d sandbox requests (%.1f per post) %s, %.2f s = %.0f posts/s%n",
        requests, (double) requests / posts, byHost, nanos / 1e9, posts / (nanos / 1e9));
  }

  /** Archives {@code many} from a fresh sandbox into a fresh archive, politeness off, and deletes it. */
  private static void archive(ManyPosts many) throws IOException {
    Path work = Files.createTempDirectory("embedwatch-bench-warmup");
    try (SandboxedCli env = SandboxedCli.start(work, many.scenario(),
        Map.of("net.rate.default", "off", "net.concurrency.default", "off"))) {
      Path article = Files.writeString(work.resolve("many.html"), many.article());
      CliRunner.Run run = env.cli().run("archive", article.toString());
      if (run.exit() != 0) {
        throw new IllegalStateException("warm-up archive failed (exit " + run.exit() + "): " + run.err());
      }
    } finally {
      deleteTree(work);
    }
  }

  /** Time of one plain GET per post of {@code tweet-result}, sequential, after a warm-up of the same. */
  private static long syndicationFloor(SandboxedCli env, List<String> ids) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    String base = env.sandbox().baseUri() + "/cdn.syndication.twimg.com/tweet-result?token=x&id=";
    for (int i = 0; i < Math.min(200, ids.size()); i++) {
      get(client, base + ids.get(i));
    }
    long start = System.nanoTime();
    for (String id : ids) {
      get(client, base + id);
    }
    return System.nanoTime() - start;
  }

  private static void get(HttpClient client, String uri) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(uri)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(uri + " answered " + r.statusCode());
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

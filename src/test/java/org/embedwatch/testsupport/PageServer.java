package org.embedwatch.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A static HTTP server on 127.0.0.1 (port 0) for tests: serves the bytes and headers registered per path, 404
 * otherwise, and records every path asked for. Thread-safe. Close it after the test.
 */
public final class PageServer implements AutoCloseable {
  private record Page(int status, byte[] body, Map<String, String> headers) {}

  /** A path answered by code: a hostile behaviour (slow drip, a lying Content-Length, a hang) rather than bytes. */
  @FunctionalInterface
  public interface Behaviour {
    void answer(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final Map<String, Page> pages = new ConcurrentHashMap<>();
  private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
  private final List<String> requested = new CopyOnWriteArrayList<>();

  private PageServer(HttpServer server) {
    this.server = server;
  }

  public static PageServer start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      PageServer pages = new PageServer(server);
      server.createContext("/", pages::handle);
      // One thread per exchange: a behaviour that drips or hangs must not hold back the other paths.
      server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "page-server");
        t.setDaemon(true);
        return t;
      }));
      server.start();
      return pages;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the page server", e);
    }
  }

  /** Serves {@code body} at {@code path} with the given headers (none means no Content-Type at all). */
  public PageServer page(String path, byte[] body, Map<String, String> headers) {
    pages.put(path, new Page(200, body.clone(), Map.copyOf(headers)));
    return this;
  }

  /** Answers {@code path} with {@code status} and {@code body} (UTF-8) of type {@code contentType}. */
  public PageServer answer(String path, int status, String contentType, String body) {
    pages.put(path, new Page(status, body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        Map.of("Content-Type", contentType)));
    return this;
  }

  /** Answers {@code path} with a redirect {@code status} to {@code location}, sent exactly as given. */
  public PageServer redirect(String path, int status, String location) {
    pages.put(path, new Page(status, new byte[0], Map.of("Location", location)));
    return this;
  }

  /**
   * Answers {@code path} with {@code behaviour}, which writes the whole answer itself (status, headers, body, or
   * nothing at all). The exchange is closed after it returns or throws.
   */
  public PageServer behaviour(String path, Behaviour behaviour) {
    behaviours.put(path, behaviour);
    return this;
  }

  /** The port this server listens on (127.0.0.1). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** This server's {@code net.allow-addresses} entry: exactly its address and port, {@code 127.0.0.1:<port>}. */
  public String allowEntry() {
    return "127.0.0.1:" + port();
  }

  /** The setting that lets a fetcher ask this server directly (not through a route), and nothing else on loopback. */
  public String allowSetting() {
    return "net.allow-addresses=" + allowEntry();
  }

  /** The absolute URL of {@code path} on this server. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Every path asked for (with its query), in order. */
  public List<String> requested() {
    return List.copyOf(requested);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    requested.add(query == null ? path : path + "?" + query);
    Behaviour behaviour = behaviours.get(path);
    if (behaviour != null) {
      try (exchange) {
        behaviour.answer(exchange);
      } catch (IOException e) {
        // The client went away in the middle of a hostile answer: that is the point of most of them.
      }
      return;
    }
    Page page = pages.get(path);
    try (exchange; OutputStream out = exchange.getResponseBody()) {
      if (page == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      page.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(page.status(), page.body().length == 0 ? -1 : page.body().length);
      out.write(page.body());
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

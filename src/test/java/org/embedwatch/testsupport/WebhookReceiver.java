package org.embedwatch.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A webhook receiver on 127.0.0.1 (port 0) for tests: records every request (method, path, headers, raw body) and
 * answers with the statuses queued ({@link #answer}), then 200. A test may also hold requests ({@link #onRequest}).
 */
public final class WebhookReceiver implements AutoCloseable {
  /** One request as received. Header names are lower case. */
  public record Received(String method, String path, Map<String, String> headers, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(8);
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Deque<Integer> statuses = new ArrayDeque<>();
  private volatile Consumer<Received> onRequest = r -> { };

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  public static WebhookReceiver start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      WebhookReceiver receiver = new WebhookReceiver(server);
      server.setExecutor(receiver.threads);
      server.createContext("/", exchange -> {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
          body = in.readAllBytes();
        }
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        Received r = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
            + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
            headers, body);
        receiver.received.add(r);
        receiver.onRequest.accept(r);
        int status = receiver.nextStatus();
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
      });
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private synchronized int nextStatus() {
    Integer s = statuses.pollFirst();
    return s == null ? 200 : s;
  }

  /** Answers the next requests with {@code codes}, in order; 200 after them. */
  public synchronized WebhookReceiver answer(int... codes) {
    for (int c : codes) {
      statuses.addLast(c);
    }
    return this;
  }

  /** Runs {@code hook} on each request before it is answered (on the server's thread). */
  public WebhookReceiver onRequest(Consumer<Received> hook) {
    this.onRequest = hook;
    return this;
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}

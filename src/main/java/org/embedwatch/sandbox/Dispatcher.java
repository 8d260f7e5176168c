package org.embedwatch.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every request, routes it by its first path segment (the simulated host) and writes the answer; applies the
 * fault set for the request's host, else the global fault (a random one drawn per request); parks held requests
 * until {@link #releaseHeld()}. Thread-safe.
 */
final class Dispatcher implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final Map<String, Route> routes;
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.none());
  private final Map<String, Fault> hostFaults = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> arrivals = new ConcurrentHashMap<>();
  private final AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(1));
  private final AtomicInteger held = new AtomicInteger();
  /** Notified whenever one more request is held. */
  private final Object moreHeld = new Object();
  /** Notified on every request received, for {@link #awaitRequests}. */
  private final Object received = new Object();

  Dispatcher(Map<String, Route> routes) {
    this.routes = Map.copyOf(routes);
  }

  List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /**
   * Waits until {@code count} requests in all have been received, or {@code timeout} has passed.
   *
   * @return whether they had been received
   */
  boolean awaitRequests(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (received) {
      while (requests.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(received, left);
      }
      return true;
    }
  }

  void fault(Fault next) {
    fault.set(next);
  }

  /**
   * Sets the fault of one simulated host; {@link Fault#none()} clears it.
   *
   * @throws IllegalArgumentException if the sandbox does not serve {@code host}
   */
  void fault(String host, Fault next) {
    if (!routes.containsKey(host)) {
      throw new IllegalArgumentException("the sandbox does not serve host '" + host + "' (it serves "
          + new java.util.TreeSet<>(routes.keySet()) + ")");
    }
    if (next.active()) {
      hostFaults.put(host, next);
    } else {
      hostFaults.remove(host);
    }
  }

  int heldCount() {
    return held.get();
  }

  /** Waits until at least {@code n} requests are held, for at most {@code timeout}; returns whether they are. */
  boolean awaitHeld(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (moreHeld) {
      while (held.get() < n) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(moreHeld, left);
      }
      return true;
    }
  }

  /** Counts one more held request and wakes {@link #awaitHeld}. */
  private void holding() {
    synchronized (moreHeld) {
      held.incrementAndGet();
      moreHeld.notifyAll();
    }
  }

  /** Lets every request held so far go: a timed-out one is then answered 504, a slow one normally. */
  void releaseHeld() {
    gate.getAndSet(new CountDownLatch(1)).countDown();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      RecordedRequest request = new RecordedRequest(
          exchange.getRequestMethod(),
          exchange.getRequestURI().getRawPath(),
          exchange.getRequestURI().getRawQuery(),
          exchange.getRequestHeaders(),
          System.nanoTime());
      requests.add(request);
      synchronized (received) {
        received.notifyAll();
      }
      Route route = routes.get(request.host());
      if (route == null) {
        send(exchange, Answer.htmlError(404, "Not Found"));
        return;
      }
      Fault applied = takeFault(request);
      Answer answer = switch (applied.kind()) {
        case NONE, TRUNCATED -> answer(route, request);
        case SLOW -> {
          holdFor(((Fault.Slow) applied).delay());
          yield answer(route, request);
        }
        case STATUS, TIMEOUT -> route.faulted(applied, request);
        case MIXED -> throw new IllegalStateException("a random fault is drawn before it is applied");
      };
      if (answer instanceof Answer.Hold) {
        answer = hold();
      }
      if (applied.kind() == Fault.Kind.TRUNCATED) {
        sendTruncated(exchange, (Answer.Reply) answer);
      } else {
        send(exchange, (Answer.Reply) answer);
      }
    }
  }

  private static Answer answer(Route route, RecordedRequest request) {
    try {
      return route.answer(request);
    } catch (RuntimeException e) {
      log.warn("sandbox route for {} failed on {}?{}", request.host(), request.path(), request.query(), e);
      return Answer.htmlError(500, "Internal Server Error");
    }
  }

  /**
   * The fault for this request: its host's, else the global one; a fault with a count is used up one request at a
   * time, and a random fault is drawn for this request.
   */
  private Fault takeFault(RecordedRequest request) {
    String key = request.method() + " " + request.path() + (request.query().isEmpty() ? "" : "?" + request.query());
    long arrival = arrivals.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    Fault[] taken = {Fault.none()};
    hostFaults.computeIfPresent(request.host(), (host, f) -> {
      taken[0] = f;
      Fault next = f.afterOneRequest();
      return next.active() ? next : null;
    });
    if (!taken[0].active()) {
      fault.updateAndGet(f -> {
        taken[0] = f;
        return f.afterOneRequest();
      });
    }
    return taken[0] instanceof Fault.Mixed mixed ? mixed.draw(key, arrival) : taken[0];
  }

  private Answer.Reply hold() {
    CountDownLatch latch = gate.get();
    holding();
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the server is stopping
    } finally {
      held.decrementAndGet();
    }
    return Answer.htmlError(504, "Gateway Timeout");
  }

  /** Waits {@code delay}, or less when held requests are released (or the sandbox closes) first. */
  private void holdFor(Duration delay) {
    CountDownLatch latch = gate.get();
    holding();
    try {
      boolean released = latch.await(delay.toNanos(), TimeUnit.NANOSECONDS);
      log.debug("slow answer sent after {}", released ? "a release" : delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the server is stopping
    } finally {
      held.decrementAndGet();
    }
  }

  private static void headers(HttpExchange exchange, Answer.Reply reply) {
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
  }

  private static void send(HttpExchange exchange, Answer.Reply reply) throws IOException {
    headers(exchange, reply);
    byte[] body = reply.body();
    boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
    exchange.sendResponseHeaders(reply.status(), head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /**
   * Promises the whole body (at least one byte) in {@code Content-Length}, sends its first half and ends the
   * exchange short. The JDK server then throws "insufficient bytes written to stream" and drops the connection, so
   * the client sees the transfer break; the exception is that server's, and it is let through for that reason.
   */
  private static void sendTruncated(HttpExchange exchange, Answer.Reply reply) throws IOException {
    headers(exchange, reply);
    byte[] body = reply.body();
    exchange.sendResponseHeaders(reply.status(), Math.max(1, body.length));
    OutputStream out = exchange.getResponseBody();
    out.write(body, 0, body.length / 2);
    out.flush();
    out.close();
  }
}

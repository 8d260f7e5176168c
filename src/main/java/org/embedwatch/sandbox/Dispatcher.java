package org.embedwatch.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every request, routes it by its first path segment (the simulated host) and writes the answer; applies the
 * global fault; parks held requests until {@link #releaseHeld()}. Thread-safe.
 */
final class Dispatcher implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final Map<String, Route> routes;
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.none());
  private final AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(1));
  private final AtomicInteger held = new AtomicInteger();

  Dispatcher(Map<String, Route> routes) {
    this.routes = Map.copyOf(routes);
  }

  List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  void fault(Fault next) {
    fault.set(next);
  }

  int heldCount() {
    return held.get();
  }

  /** Lets every request held so far go; each is then answered 504. */
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
          exchange.getRequestHeaders());
      requests.add(request);
      Answer answer = answer(request);
      if (answer instanceof Answer.Hold) {
        answer = hold();
      }
      send(exchange, (Answer.Reply) answer);
    }
  }

  private Answer answer(RecordedRequest request) {
    Route route = routes.get(request.host());
    if (route == null) {
      return Answer.htmlError(404, "Not Found");
    }
    Fault global = takeFault();
    if (global.active()) {
      return route.faulted(global, request);
    }
    try {
      return route.answer(request);
    } catch (RuntimeException e) {
      log.warn("sandbox route for {} failed on {}?{}", request.host(), request.path(), request.query(), e);
      return Answer.htmlError(500, "Internal Server Error");
    }
  }

  /** The global fault for this request; a fault with a count is used up one request at a time. */
  private Fault takeFault() {
    Fault[] taken = new Fault[1];
    fault.updateAndGet(f -> {
      taken[0] = f;
      if (f.times() == 1) {
        return Fault.none();
      }
      return f.times() > 1 ? new Fault(f.kind(), f.status(), f.headers(), f.times() - 1) : f;
    });
    return taken[0];
  }

  private Answer.Reply hold() {
    CountDownLatch latch = gate.get();
    held.incrementAndGet();
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the server is stopping
    } finally {
      held.decrementAndGet();
    }
    return Answer.htmlError(504, "Gateway Timeout");
  }

  private static void send(HttpExchange exchange, Answer.Reply reply) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    byte[] body = reply.body();
    boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
    exchange.sendResponseHeaders(reply.status(), head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}

package org.embedwatch.alert;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.embedwatch.App;
import org.embedwatch.config.AlertSettings;
import org.embedwatch.report.VisibleText;
import org.embedwatch.store.AlertRows;
import org.embedwatch.store.StoredAlert;

/**
 * The HTTP webhook: one signed POST per alert to the operator's URL. A 2xx answer is a delivery; any other answer, a
 * redirect (never followed), a refused connection or a timeout is a failure, tried again later. The URL is the
 * operator's choice, so it is not held to the guard that keeps fetches of untrusted addresses off private networks;
 * its user info and query are never printed or logged. Thread-safe.
 */
final class WebhookSink implements AlertSink {
  static final String NAME = "webhook";
  /** At most this many alerts per round, so that a round ends; the rest stay due for the next one. */
  private static final int ROUND_LIMIT = 1000;
  private static final int BATCH = 100;

  private final AlertSettings.Webhook webhook;
  private final Deliveries deliveries;
  private final AlertJson json;
  private final Clock clock;
  /** Made at the first send: most commands that open an archive send nothing. Guarded by this. */
  private HttpClient http;

  WebhookSink(AlertSettings.Webhook webhook, Deliveries deliveries, AlertJson json, Clock clock) {
    this.webhook = webhook;
    this.deliveries = deliveries;
    this.json = json;
    this.clock = clock;
  }

  private synchronized HttpClient http() {
    if (http == null) {
      http = HttpClient.newBuilder().connectTimeout(webhook.timeout()).followRedirects(HttpClient.Redirect.NEVER)
          .proxy(HttpClient.Builder.NO_PROXY).version(HttpClient.Version.HTTP_1_1).build();
    }
    return http;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String target() {
    return webhook.shownUrl();
  }

  /** How long a claim holds: longer than one exchange can take. */
  private Duration lease() {
    return webhook.timeout().multipliedBy(2).plusMinutes(1);
  }

  @Override
  public SinkRound deliver(AlertRows.Sink sink, Instant now) {
    int delivered = 0;
    int failed = 0;
    int givenUp = 0;
    int seen = 0;
    while (seen < ROUND_LIMIT) {
      List<StoredAlert> due = deliveries.rows().due(sink, now, BATCH);
      if (due.isEmpty()) {
        break;
      }
      for (StoredAlert alert : due) {
        seen++;
        Optional<AlertRows.Claim> claim = deliveries.claim(NAME, alert, now, lease());
        if (claim.isEmpty()) {
          continue; // another process has it, or delivered it meanwhile
        }
        Optional<String> error = send(alert, claim.get());
        if (error.isEmpty()) {
          deliveries.delivered(claim.get(), now);
          delivered++;
        } else if (deliveries.failed(claim.get(), target(), now, error.get())) {
          givenUp++;
        } else {
          failed++;
        }
      }
    }
    return new SinkRound(NAME, target(), delivered, failed, givenUp, deliveries.rows().unfinished(sink));
  }

  /** Sends one attempt; empty when the receiver answered 2xx, else what went wrong, in one line. */
  private Optional<String> send(StoredAlert alert, AlertRows.Claim claim) {
    Instant sentAt = clock.instant();
    byte[] body = json.body(alert, claim, sentAt);
    HttpRequest.Builder builder;
    try {
      builder = HttpRequest.newBuilder(webhook.url());
    } catch (IllegalArgumentException e) {
      return Optional.of("the HTTP client refuses alert.webhook.url: " + scrub(String.valueOf(e.getMessage())));
    }
    HttpRequest request = builder.timeout(webhook.timeout())
        .header("Content-Type", "application/json; charset=utf-8")
        .header("User-Agent", App.SOFTWARE)
        .header("X-Embedwatch-Signature", Signature.of(body, webhook.secret().value()))
        .header("X-Embedwatch-Delivery", claim.deliveryId())
        .header("X-Embedwatch-Timestamp", Long.toString(sentAt.getEpochSecond()))
        .header("X-Embedwatch-Alert", alert.id())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    CompletableFuture<HttpResponse<Void>> answer = http().sendAsync(request, HttpResponse.BodyHandlers.discarding());
    try {
      // The request's own timeout ends at the headers; this bounds the whole exchange, the body included.
      int status = answer.get(webhook.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS).statusCode();
      if (status >= 200 && status < 300) {
        return Optional.empty();
      }
      return Optional.of("HTTP " + status + (status >= 300 && status < 400
          ? " (a redirect, not followed: set alert.webhook.url to the address that answers)" : ""));
    } catch (TimeoutException e) {
      answer.cancel(true);
      return Optional.of("no answer within " + webhook.timeout());
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while sending");
    } catch (ExecutionException e) {
      return Optional.of(describe(e.getCause()));
    }
  }

  /** A failure in one line, without the URL's user info or query (an exception message may quote the URL). */
  private String describe(Throwable t) {
    if (t instanceof HttpTimeoutException) {
      return "no answer within " + webhook.timeout();
    }
    if (t instanceof ConnectException) {
      return "cannot connect to " + target() + (t.getMessage() == null ? "" : " (" + scrub(t.getMessage()) + ")");
    }
    String what = t instanceof IOException ? "I/O error" : t.getClass().getSimpleName();
    return what + (t.getMessage() == null ? "" : ": " + scrub(t.getMessage()));
  }

  private String scrub(String message) {
    String s = message.replace(webhook.url().toString(), target());
    for (String secret : new String[] {webhook.url().getRawUserInfo(), webhook.url().getRawQuery(),
        webhook.url().getUserInfo(), webhook.url().getQuery(), webhook.secret().value()}) {
      if (secret != null && !secret.isEmpty()) {
        s = s.replace(secret, "[redacted]");
      }
    }
    return VisibleText.of(s);
  }
}

package org.embedwatch.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code web.archive.org}: the CDX server {@code /cdx/search/cdx} (platform-protocols §5.1): {@code output=json} with
 * {@code fl} (default: the seven fields), a trailing {@code *} or {@code matchType=prefix} (also over a whole account:
 * {@code twitter.com/<user>/status/}), {@code from}/{@code to} (inclusive, 1 to 14 digits), {@code collapse=urlkey}
 * (adjacent rows with the same urlkey kept once), {@code limit}; {@code []} when nothing matches. Its failures: 403 {@code text/plain} "Blocked Site Error", 429 without Retry-After, 5xx HTML.
 * Replays ({@code /web/…}) are the {@link ReplayRoute}'s.
 */
final class CdxRoute implements Route {
  static final String BLOCKED = "org.archive.util.io.RuntimeIOException: "
      + "org.archive.wayback.exception.AdministrativeAccessControlException: Blocked Site Error\n";
  private static final List<String> DEFAULT_FIELDS =
      List.of("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length");

  private final WaybackArchive archive;
  private final ReplayRoute replay;
  private final ObjectMapper json;

  CdxRoute(WaybackArchive archive, ObjectMapper json) {
    this.archive = archive;
    this.replay = new ReplayRoute(archive);
    this.json = json;
  }

  @Override
  public Answer answer(RecordedRequest request) {
    if (request.hostPath().startsWith("/web/")) {
      return replay.answer(request);
    }
    if (!request.hostPath().equals("/cdx/search/cdx")) {
      return Answer.htmlError(404, "Not Found");
    }
    String url = request.queryParam("url").orElse("");
    if (url.isEmpty()) {
      return Answer.text(400, "text/plain;charset=UTF-8", "java.lang.IllegalArgumentException: url param missing\n");
    }
    boolean prefix = url.endsWith("*") || request.queryParam("matchType").filter("prefix"::equals).isPresent();
    List<WaybackArchive.Capture> captures = archive.captures(url.endsWith("*") ? url.substring(0, url.length() - 1)
        : url, prefix);
    String from = request.queryParam("from").filter(f -> f.matches("[0-9]{1,14}")).orElse("");
    String to = request.queryParam("to").filter(t -> t.matches("[0-9]{1,14}")).orElse("");
    // from and to are inclusive and may be partial: 2016 means 20160101000000 as a start, 20161231235959 as an end.
    String low = (from + "00000000000000").substring(0, 14);
    String high = (to + "99999999999999").substring(0, 14);
    captures = captures.stream()
        .filter(c -> c.timestamp().compareTo(low) >= 0 && (to.isEmpty() || c.timestamp().compareTo(high) <= 0))
        .toList();
    if (request.queryParam("collapse").filter("urlkey"::equals).isPresent()) {
      List<WaybackArchive.Capture> collapsed = new ArrayList<>();
      for (WaybackArchive.Capture c : captures) {
        if (collapsed.isEmpty() || !collapsed.get(collapsed.size() - 1).urlkey().equals(c.urlkey())) {
          collapsed.add(c);
        }
      }
      captures = collapsed;
    }
    int limit = request.queryParam("limit").filter(l -> l.matches("[0-9]{1,6}")).map(Integer::parseInt)
        .orElse(Integer.MAX_VALUE);
    captures = captures.subList(0, Math.min(limit, captures.size()));
    List<String> fields = request.queryParam("fl").map(f -> Arrays.asList(f.split(","))).orElse(DEFAULT_FIELDS);
    if (!fields.stream().allMatch(DEFAULT_FIELDS::contains)) {
      return Answer.text(400, "text/plain;charset=UTF-8", "java.lang.IllegalArgumentException: bad fl\n");
    }
    if (!request.queryParam("output").filter("json"::equals).isPresent()) {
      StringBuilder text = new StringBuilder();
      for (WaybackArchive.Capture c : captures) {
        text.append(String.join(" ", fields.stream().map(c::field).toList())).append('\n');
      }
      return Answer.text(200, "text/plain;charset=UTF-8", text.toString());
    }
    List<List<String>> rows = new ArrayList<>();
    if (!captures.isEmpty()) {
      rows.add(fields);
      captures.forEach(c -> rows.add(fields.stream().map(c::field).toList()));
    }
    try {
      return Answer.text(200, "application/json", json.writeValueAsString(rows));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write CDX rows", e);
    }
  }

  @Override
  public Answer.Reply failure(int status) {
    return switch (status) {
      case 403 -> Answer.text(403, "text/plain;charset=UTF-8", BLOCKED);
      case 429 -> Answer.htmlError(429, "Too Many Requests");
      default -> Answer.htmlError(status, "Error");
    };
  }
}

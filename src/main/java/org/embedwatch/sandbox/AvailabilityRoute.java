package org.embedwatch.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;

/**
 * {@code archive.org/wayback/available?url=…[&timestamp=…]} (platform-protocols §5.2): the capture closest to
 * {@code timestamp} (default: the latest), with its {@code http://} rewritten snapshot address and {@code status} as
 * a string; {@code "archived_snapshots": {}} when none.
 */
final class AvailabilityRoute implements Route {
  private final WaybackArchive archive;
  private final ObjectMapper json;

  AvailabilityRoute(WaybackArchive archive, ObjectMapper json) {
    this.archive = archive;
    this.json = json;
  }

  @Override
  public Answer answer(RecordedRequest request) {
    if (!request.hostPath().equals("/wayback/available")) {
      return Answer.htmlError(404, "Not Found");
    }
    String url = request.queryParam("url").orElse("");
    String wanted = request.queryParam("timestamp").filter(t -> t.matches("[0-9]{1,14}"))
        .map(t -> (t + "00000000000000").substring(0, 14)).orElse("99999999999999");
    List<WaybackArchive.Capture> captures = archive.captures(url, true);
    ObjectNode body = json.createObjectNode();
    body.put("url", url);
    ObjectNode snapshots = body.putObject("archived_snapshots");
    captures.stream().min(Comparator.comparingDouble(c -> Math.abs(Double.parseDouble(c.timestamp())
        - Double.parseDouble(wanted)))).ifPresent(c -> {
          ObjectNode closest = snapshots.putObject("closest");
          closest.put("status", c.statuscode());
          closest.put("available", true);
          closest.put("url", "http://web.archive.org/web/" + c.timestamp() + "/" + c.original());
          closest.put("timestamp", c.timestamp());
        });
    try {
      return Answer.text(200, Answer.JSON, json.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an availability answer", e);
    }
  }

  @Override
  public Answer.Reply failure(int status) {
    return Answer.htmlError(status, "Error");
  }
}

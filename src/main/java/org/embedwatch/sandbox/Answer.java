package org.embedwatch.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a route does with a request: reply now, or hold it unanswered (a simulated timeout). */
sealed interface Answer permits Answer.Reply, Answer.Hold {

  String HTML = "text/html; charset=utf-8";
  String JSON = "application/json; charset=utf-8";

  /** A complete HTTP response. */
  record Reply(int status, String contentType, Map<String, String> headers, byte[] body) implements Answer {
    public Reply {
      headers = Map.copyOf(headers);
    }

    Reply withHeaders(Map<String, String> more) {
      Map<String, String> all = new LinkedHashMap<>(headers);
      all.putAll(more);
      return new Reply(status, contentType, all, body);
    }
  }

  /** Leave the request unanswered until the sandbox releases it or closes. */
  record Hold() implements Answer {}

  static Reply reply(int status, String contentType, byte[] body) {
    return new Reply(status, contentType, Map.of(), body);
  }

  static Reply text(int status, String contentType, String body) {
    return reply(status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code body} serialised by {@code mapper} as an {@code application/json} reply. */
  static Reply json(int status, ObjectMapper mapper, JsonNode body) {
    try {
      return reply(status, JSON, mapper.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON answer", e);
    }
  }

  /** A small HTML error page, like the ones CDNs and front ends send. */
  static Reply htmlError(int status, String title) {
    return text(status, HTML, "<!DOCTYPE html>\n<html><head><title>" + status + " " + title
        + "</title></head><body><h1>" + title + "</h1></body></html>\n");
  }
}

package org.embedwatch.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns scenario JSON into a {@link Scenario}; every error message starts with the source and the JSON location. */
final class ScenarioReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TOP = Set.of("posts", "articles");
  private static final Set<String> POST = 
      Set.of("id", "platform", "sample", "text", "handle", "name", "createdAt", "events");
  private static final Set<String> EVENT = Set.of("at", "after", "change", "text", "status", "until");
  private static final Set<String> ARTICLE = Set.of("host", "path", "file", "resource", "contentType");

  private final String source;
  private final Path baseDir;

  ScenarioReader(String source, Path baseDir) {
    this.source = source;
    this.baseDir = baseDir;
  }

  Scenario read(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw fail("$", "a scenario must be a JSON object with 'posts' and optionally 'articles'");
    }
    checkFields(root, TOP, "$");
    List<Scenario.Post> posts = new ArrayList<>();
    JsonNode postNodes = root.path("posts");
    for (int i = 0; i < postNodes.size(); i++) {
      posts.add(post(postNodes.get(i), "posts[" + i + "]"));
    }
    List<Scenario.Article> articles = new ArrayList<>();
    JsonNode articleNodes = root.path("articles");
    for (int i = 0; i < articleNodes.size(); i++) {
      articles.add(article(articleNodes.get(i), "articles[" + i + "]"));
    }
    try {
      return new Scenario(posts, articles);
    } catch (IllegalArgumentException e) {
      throw fail("$", e.getMessage());
    }
  }

  private Scenario.Post post(JsonNode node, String where) {
    checkFields(node, POST, where);
    String id = required(node, "id", where);
    String platform = node.has("platform") ? node.get("platform").asText() : "x";
    Scenario.Service service = Arrays.stream(Scenario.Service.values())
        .filter(v -> v.name().toLowerCase(Locale.ROOT).equals(platform))
        .findFirst()
        .orElseThrow(() -> fail(where + ".platform", "unknown platform '" + platform + "' ("
            + Arrays.stream(Scenario.Service.values()).map(Scenario.Service::key).collect(Collectors.joining(", "))
            + ")"));
    if ((service == Scenario.Service.X || service == Scenario.Service.MASTODON)
        && !Scenario.TWEET_ID.matcher(id).matches()) {
      throw fail(where + ".id", "not a " + (service == Scenario.Service.X ? "tweet" : "status") + " id: '" + id
          + "' (decimal digits expected)");
    }
    String sample = switch (service) {
      case X -> required(node, "sample", where);
      case BLUESKY -> node.has("sample") ? required(node, "sample", where) : Scenario.BLUESKY_SAMPLE;
      case MASTODON -> node.has("sample") ? required(node, "sample", where) : Scenario.MASTODON_SAMPLE;
      case YOUTUBE -> node.has("sample") ? required(node, "sample", where) : Scenario.YOUTUBE_SAMPLE;
      case TIKTOK -> node.has("sample") ? required(node, "sample", where) : Scenario.TIKTOK_SAMPLE;
      case INSTAGRAM -> node.has("sample") ? required(node, "sample", where) : Scenario.INSTAGRAM_SAMPLE;
      case FACEBOOK -> node.has("sample") ? required(node, "sample", where) : Scenario.FACEBOOK_SAMPLE;
    };
    if (!Samples.exists(sample)) {
      throw fail(where + ".sample", "unknown sample '" + sample + "' (bundled: " + Samples.TWEETS + ")");
    }
    Instant createdAt = node.has("createdAt") ? instant(node.get("createdAt").asText(), where + ".createdAt") : null;
    List<Scenario.Event> events = new ArrayList<>();
    JsonNode eventNodes = node.path("events");
    for (int i = 0; i < eventNodes.size(); i++) {
      events.addAll(event(eventNodes.get(i), where + ".events[" + i + "]"));
    }
    try {
      return new Scenario.Post(id, sample, optional(node, "text"), optional(node, "handle"), optional(node, "name"),
          createdAt, events, service);
    } catch (IllegalArgumentException e) {
      throw fail(where, e.getMessage());
    }
  }

  /** One event, or two for a flaky period with {@code until} (the second ends the fault). */
  private List<Scenario.Event> event(JsonNode node, String where) {
    checkFields(node, EVENT, where);
    String changeName = required(node, "change", where);
    Change.Kind kind = Arrays.stream(Change.Kind.values())
        .filter(k -> k.key().equals(changeName.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(() -> fail(where + ".change", "unknown change '" + changeName + "' (known: "
            + Arrays.stream(Change.Kind.values()).map(Change.Kind::key).collect(Collectors.joining(", ")) + ")"));
    Change change = switch (kind) {
      case EDITED -> Change.edited(required(node, "text", where));
      case FLAKY -> Change.flaky(fault(node, where));
      case DELETED, SUSPENDED, PROTECTED, AGE_RESTRICTED, ACCOUNT_GONE, MEDIA_SWAPPED, MEDIA_REENCODED, RESTORED,
          NOT_FOUND_EMPTY,
          NOT_FOUND_404 -> new Change.Simple(kind);
    };
    Scenario.Event event = timed(node, where, change);
    if (!node.has("until")) {
      return List.of(event);
    }
    if (kind != Change.Kind.FLAKY) {
      throw fail(where + ".until", "'until' is only for 'flaky' events");
    }
    String until = node.get("until").asText();
    Scenario.Event end = until.startsWith("P") || until.startsWith("p")
        ? Scenario.Event.after(duration(until, where + ".until"), Change.flaky(Fault.none()))
        : Scenario.Event.at(instant(until, where + ".until"), Change.flaky(Fault.none()));
    return List.of(event, end);
  }

  private Scenario.Event timed(JsonNode node, String where, Change change) {
    if (node.has("at") == node.has("after")) {
      throw fail(where, "an event needs exactly one of 'at' (ISO instant) and 'after' (ISO-8601 duration)");
    }
    return node.has("at")
        ? Scenario.Event.at(instant(node.get("at").asText(), where + ".at"), change)
        : Scenario.Event.after(duration(node.get("after").asText(), where + ".after"), change);
  }

  private Fault fault(JsonNode node, String where) {
    JsonNode status = node.get("status");
    if (status == null) {
      throw fail(where + ".status", "a 'flaky' event needs 'status': 503, 429, 500 or \"timeout\"");
    }
    if (status.isTextual() && status.asText().equals("timeout")) {
      return Fault.timeout();
    }
    int code = status.isInt() ? status.asInt() : -1;
    if (code < 400 || code > 599) {
      throw fail(where + ".status", "bad flaky status " + status + " (an HTTP status 400..599 or \"timeout\")");
    }
    return Fault.status(code);
  }

  private Scenario.Article article(JsonNode node, String where) {
    checkFields(node, ARTICLE, where);
    String host = required(node, "host", where);
    String path = required(node, "path", where);
    String contentType = node.has("contentType") ? node.get("contentType").asText() : "text/html; charset=utf-8";
    String file = optional(node, "file");
    String resource = optional(node, "resource");
    if ((file == null) == (resource == null)) {
      throw fail(where, "an article needs exactly one of 'file' and 'resource'");
    }
    if (!path.startsWith("/")) {
      throw fail(where + ".path", "must start with '/': '" + path + "'");
    }
    if (file != null) {
      Path resolved = baseDir.resolve(file).normalize();
      if (!Files.isRegularFile(resolved)) {
        throw fail(where + ".file", "no such file: " + resolved);
      }
      return new Scenario.Article(host, path, resolved, null, contentType);
    }
    String absolute = resource.startsWith("/") ? resource : "/" + resource;
    if (ScenarioReader.class.getResource(absolute) == null) {
      throw fail(where + ".resource", "no such classpath resource: " + absolute);
    }
    return new Scenario.Article(host, path, null, absolute, contentType);
  }

  private void checkFields(JsonNode node, Set<String> allowed, String where) {
    if (!node.isObject()) {
      throw fail(where, "expected a JSON object, got " + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw fail(where, "unknown field '" + name + "' (allowed: " + allowed.stream().sorted().toList() + ")");
      }
    }
  }

  private String required(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || !value.isValueNode() || value.asText().isEmpty()) {
      throw fail(where + "." + field, "missing or empty");
    }
    return value.asText();
  }

  private static String optional(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private Instant instant(String text, String where) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw fail(where, "bad instant '" + text + "' (expected ISO-8601 like 2026-01-02T00:00:00Z)");
    }
  }

  private Duration duration(String text, String where) {
    try {
      Duration d = Duration.parse(text);
      if (d.isNegative()) {
        throw fail(where, "negative duration '" + text + "'");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw fail(where, "bad duration '" + text + "' (expected ISO-8601 like PT1H or P1D)");
    }
  }

  private IllegalArgumentException fail(String where, String problem) {
    return new IllegalArgumentException(source + ": " + where + ": " + problem);
  }
}

package org.embedwatch.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real response bodies bundled under {@code org/embedwatch/sandbox/samples/} (copied from shared/samples, see its
 * PROVENANCE.md), parsed once per sandbox. Every accessor returns a fresh deep copy, free to modify. Thread-safe.
 */
final class Samples {
  /** The syndication tweet samples a scenario post can use as its template. */
  static final List<String> TWEETS = List.of(
      "photo_tweet_1641086480675225601.json",
      "video_tweet_1684218600456876032.json",
      "quoted_tweet_1641895049427550208.json",
      "card_selfthread_tweet_1629262255744503809.json",
      "text_tweet_highlighted_label_2023357708301455483.json",
      // Constructed, not recorded: the text tweet sample turned into a reply to 1641086480675225601 with the
      // in_reply_to_* fields syndication and v1.1 carry (platform-protocols §3.1).
      "reply_tweet_constructed.json");

  private static final String DIR = "samples/";

  private final ObjectMapper json;
  private final Map<String, JsonNode> parsed = new ConcurrentHashMap<>();

  Samples(ObjectMapper json) {
    this.json = json;
  }

  /** Whether {@code name} is a bundled sample. */
  static boolean exists(String name) {
    return !name.contains("/") && Samples.class.getResource(DIR + name) != null;
  }

  ObjectNode object(String name) {
    JsonNode node = parsed.computeIfAbsent(name, this::load);
    if (!node.isObject()) {
      throw new IllegalStateException("sample " + name + " is not a JSON object");
    }
    return ((ObjectNode) node).deepCopy();
  }

  /** The syndication tombstone for a post deleted by its author. */
  ObjectNode deletedTombstone() {
    return object("tombstone_deleted_by_author.json");
  }

  /** The {@code body} of the entry in response_variants_reported.json whose {@code case} starts with {@code prefix}. */
  JsonNode variant(String prefix) {
    return find("response_variants_reported.json", "case", prefix).get("body").deepCopy();
  }

  /** The v1.1 error body with this error code, from error_bodies.json. */
  ObjectNode v1Error(int code) {
    JsonNode all = parsed.computeIfAbsent("error_bodies.json", this::load);
    for (JsonNode entry : all) {
      JsonNode errors = entry.path("body").path("errors");
      if (errors.isArray() && errors.path(0).path("code").asInt() == code) {
        return ((ObjectNode) entry.get("body")).deepCopy();
      }
    }
    throw new IllegalStateException("error_bodies.json has no v1.1 error code " + code);
  }

  private JsonNode find(String name, String field, String prefix) {
    JsonNode all = parsed.computeIfAbsent(name, this::load);
    for (JsonNode entry : all) {
      if (entry.path(field).asText().startsWith(prefix)) {
        return entry;
      }
    }
    throw new IllegalStateException(name + " has no entry whose " + field + " starts with '" + prefix + "'");
  }

  private JsonNode load(String name) {
    try (InputStream in = Samples.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalArgumentException("unknown sample '" + name + "' (bundled: " + TWEETS + ")");
      }
      return json.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled sample " + name, e);
    }
  }
}

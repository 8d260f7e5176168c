package org.embedwatch.platform.x;

import org.embedwatch.evidence.MediaKind;
import org.embedwatch.evidence.LinkKind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.embedwatch.evidence.ContentFacets;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.platform.PostContent;

/**
 * Reads one v2 tweet object (an element of {@code data}) with the response's {@code includes} into
 * {@link PostContent}. The text is {@code note_tweet.text} when the post is a long one. The fingerprint covers the
 * content-bearing fields (id, text, creation time, author id, expanded links, media keys, types and alt text, quoted
 * and replied-to ids, {@code edit_history_tweet_ids}) and never the volatile ones ({@code public_metrics},
 * {@code edit_controls}, profile fields).
 */
final class V2Tweet {
  private final ObjectMapper json;

  V2Tweet(ObjectMapper json) {
    this.json = json;
  }

  PostContent read(JsonNode tweet, JsonNode includes) {
    Optional<JsonNode> author = find(includes.path("users"), "id", tweet.path("author_id").asText(""));
    return new PostContent(
        tweet.path("id").asText(),
        text(tweet),
        author.map(u -> u.path("username").asText(null)).orElse(null),
        author.map(u -> u.path("name").asText(null)).orElse(null),
        tweet.path("created_at").asText(null),
        media(tweet, includes, author),
        fingerprint(tweet, includes),
        related(tweet, includes))
        .withFacets(facets(tweet));
  }

  /** Links ({@code entities.urls}) and edit ids ({@code edit_history_tweet_ids}); v2 carries no community notes. */
  private static ContentFacets facets(JsonNode tweet) {
    List<String> links = new ArrayList<>();
    tweet.path("entities").path("urls").forEach(u -> links.add(u.path("expanded_url").asText("")));
    List<String> edits = new ArrayList<>();
    tweet.path("edit_history_tweet_ids").forEach(e -> edits.add(e.asText()));
    return new ContentFacets(links, edits, List.of());
  }

  /**
   * The tweets this one quotes and replies to ({@code referenced_tweets}; a retweet's {@code retweeted} is not a
   * link), with their authors' handles when the expansions carry them.
   */
  private static List<PostContent.Related> related(JsonNode tweet, JsonNode includes) {
    List<PostContent.Related> out = new ArrayList<>();
    for (JsonNode ref : tweet.path("referenced_tweets")) {
      String type = ref.path("type").asText("");
      String id = ref.path("id").asText("");
      if (!id.matches("[0-9]{1,19}") || !(type.equals("quoted") || type.equals("replied_to"))) {
        continue;
      }
      String handle = find(includes.path("tweets"), "id", id)
          .flatMap(t -> find(includes.path("users"), "id", t.path("author_id").asText("")))
          .map(u -> u.path("username").asText(null)).orElse(null);
      out.add(new PostContent.Related(LinkKind.parse(type), id, handle));
    }
    return out;
  }

  /** The full text: a long post's {@code note_tweet.text}, else {@code text}. */
  private static String text(JsonNode tweet) {
    JsonNode note = tweet.path("note_tweet").path("text");
    return note.isTextual() ? note.asText() : tweet.path("text").asText("");
  }

  private static List<PostContent.MediaRef> media(JsonNode tweet, JsonNode includes, Optional<JsonNode> author) {
    List<PostContent.MediaRef> out = new ArrayList<>();
    for (JsonNode key : tweet.path("attachments").path("media_keys")) {
      Optional<JsonNode> found = find(includes.path("media"), "media_key", key.asText());
      if (found.isEmpty()) {
        continue;
      }
      JsonNode m = found.get();
      String url = m.path("url").asText(null);
      if (m.path("type").asText().equals("photo")) {
        if (url != null) {
          out.add(new PostContent.MediaRef(MediaKind.PHOTO, url + (url.contains("?") ? "&" : "?") + "name=orig"));
        }
        continue;
      }
      String preview = m.path("preview_image_url").asText(null);
      if (preview != null) {
        out.add(new PostContent.MediaRef(MediaKind.THUMBNAIL, preview));
      }
      List<JsonNode> variants = new ArrayList<>();
      m.path("variants").forEach(variants::add);
      variants.stream()
          .filter(v -> "video/mp4".equals(v.path("content_type").asText()))
          .max(Comparator.comparingLong(v -> v.path("bit_rate").asLong(0)))
          .ifPresent(v -> out.add(new PostContent.MediaRef(MediaKind.VIDEO, v.path("url").asText())));
      variants.stream()
          .filter(v -> "application/x-mpegURL".equalsIgnoreCase(v.path("content_type").asText()))
          .findFirst()
          .ifPresent(v -> out.add(new PostContent.MediaRef(MediaKind.PLAYLIST, v.path("url").asText())));
    }
    author.map(u -> u.path("profile_image_url").asText(null))
        .ifPresent(avatar -> out.add(new PostContent.MediaRef(MediaKind.AVATAR, avatar.replace("_normal.", "."))));
    return out;
  }

  String fingerprint(JsonNode tweet, JsonNode includes) {
    ObjectNode f = json.createObjectNode();
    f.put("id", tweet.path("id").asText());
    f.put("text", Normalizer.normalize(text(tweet), Normalizer.Form.NFC));
    f.put("created_at", tweet.path("created_at").asText(""));
    f.put("author_id", tweet.path("author_id").asText(""));
    JsonNode entities = tweet.path("note_tweet").path("entities").isObject()
        ? tweet.path("note_tweet").path("entities")
        : tweet.path("entities");
    ArrayNode urls = f.putArray("urls");
    entities.path("urls").forEach(u -> urls.add(u.path("expanded_url").asText("")));
    ArrayNode media = f.putArray("media");
    for (JsonNode key : tweet.path("attachments").path("media_keys")) {
      JsonNode m = find(includes.path("media"), "media_key", key.asText()).orElse(json.createObjectNode());
      String url = m.path("url").asText(m.path("preview_image_url").asText(""));
      media.add(key.asText() + " " + m.path("type").asText("") + " " + pathOf(url) + " "
          + m.path("alt_text").asText(""));
    }
    String quoted = "";
    String repliedTo = "";
    for (JsonNode ref : tweet.path("referenced_tweets")) {
      switch (ref.path("type").asText("")) {
        case "quoted" -> quoted = ref.path("id").asText("");
        case "replied_to" -> repliedTo = ref.path("id").asText("");
        default -> { }
      }
    }
    f.put("quoted_id", quoted);
    f.put("in_reply_to", repliedTo);
    ArrayNode edits = f.putArray("edit_ids");
    tweet.path("edit_history_tweet_ids").forEach(e -> edits.add(e.asText()));
    try {
      return Sha256.of(json.writeValueAsString(f).getBytes(StandardCharsets.UTF_8)).hex();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a fingerprint", e);
    }
  }

  private static Optional<JsonNode> find(JsonNode array, String field, String value) {
    for (JsonNode item : array) {
      if (item.path(field).asText("").equals(value) && !value.isEmpty()) {
        return Optional.of(item);
      }
    }
    return Optional.empty();
  }

  private static String pathOf(String url) {
    try {
      return URI.create(url).getPath();
    } catch (IllegalArgumentException e) {
      return url;
    }
  }
}

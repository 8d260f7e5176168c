package org.embedwatch.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a v2 tweet object (and what it expands to in {@code includes}) from a post's syndication sample and its
 * current state, with only the fields a request asked for (v2's defaults: id, text, edit_history_tweet_ids; media_key
 * and type; id, name and username). Fields come in the API's (alphabetical) order. Media keys carry v2's type prefix
 * and the media id from the sample's URLs; variants are renamed {@code bit_rate}. {@code public_metrics} grow with
 * the fetch count. A text over 280 characters is cut there, and the whole text goes to {@code note_tweet}. Stateless.
 */
final class V2TweetJson {
  private static final Pattern MEDIA_ID = Pattern.compile("[0-9]{15,19}");
  private static final int NOTE_TWEET_CHARS = 280;
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private final ObjectMapper json;

  V2TweetJson(ObjectMapper json) {
    this.json = json;
  }

  /** What the fields and expansions parameters asked for. */
  record Fields(Set<String> tweet, Set<String> expansions, Set<String> media, Set<String> user) {
    static Fields of(RecordedRequest request) {
      return new Fields(list(request, "tweet.fields"), list(request, "expansions"), list(request, "media.fields"),
          list(request, "user.fields"));
    }

    private static Set<String> list(RecordedRequest request, String name) {
      Set<String> out = new LinkedHashSet<>();
      for (String item : request.queryParam(name).orElse("").split(",")) {
        if (!item.isBlank()) {
          out.add(item.trim());
        }
      }
      return out;
    }
  }

  /** The expanded objects of one response, each once, in order of first mention. */
  record Includes(
      Map<String, ObjectNode> media, Map<String, ObjectNode> users, Map<String, ObjectNode> tweets) {
    Includes() {
      this(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    void addTo(ObjectNode body) {
      if (media.isEmpty() && users.isEmpty() && tweets.isEmpty()) {
        return;
      }
      ObjectNode includes = body.putObject("includes");
      if (!media.isEmpty()) {
        includes.putArray("media").addAll(media.values());
      }
      if (!users.isEmpty()) {
        includes.putArray("users").addAll(users.values());
      }
      if (!tweets.isEmpty()) {
        includes.putArray("tweets").addAll(tweets.values());
      }
    }
  }

  /**
   * The post as v2 serves it now.
   *
   * @param template the post's syndication sample, id already swapped in
   * @param fetches how many times the post was fetched; the counters grow with it
   * @param includes where the expanded media, author and quoted tweet are added (each once)
   */
  ObjectNode tweet(ObjectNode template, PostState state, long fetches, Fields fields, Includes includes) {
    JsonNode details = template.path("mediaDetails");
    List<String> mediaKeys = new ArrayList<>();
    for (int i = 0; i < details.size(); i++) {
      mediaKeys.add(mediaKey(details.get(i), state.id(), i));
    }
    String authorId = template.path("user").path("id_str").asText("0");
    Set<String> asked = fields.tweet();
    ObjectNode t = json.createObjectNode();
    if (asked.contains("attachments") && !mediaKeys.isEmpty()) {
      ArrayNode keys = t.putObject("attachments").putArray("media_keys");
      mediaKeys.forEach(keys::add);
    }
    if (asked.contains("author_id")) {
      t.put("author_id", authorId);
    }
    if (asked.contains("created_at")) {
      t.put("created_at", DATE.format(state.createdAt()));
    }
    if (asked.contains("edit_controls")) {
      t.set("edit_controls", editControls(template, state));
    }
    ArrayNode history = t.putArray("edit_history_tweet_ids");
    state.editIds().forEach(history::add);
    if (asked.contains("entities")) {
      entities(template.path("entities"), details, mediaKeys).ifPresent(e -> t.set("entities", e));
    }
    t.put("id", state.id());
    addTextAndCounts(t, template, state, fetches, fields, includes);
    if (fields.expansions().contains("attachments.media_keys")) {
      for (int i = 0; i < details.size(); i++) {
        includes.media().putIfAbsent(mediaKeys.get(i), media(details.get(i), mediaKeys.get(i), fields, fetches));
      }
    }
    if (fields.expansions().contains("author_id")) {
      includes.users().putIfAbsent(authorId, user(template.path("user"), authorId, state, fields));
    }
    return t;
  }

  /** The fields from {@code note_tweet} to {@code text}, in order. */
  private void addTextAndCounts(ObjectNode t, ObjectNode template, PostState state, long fetches, Fields fields,
      Includes includes) {
    Set<String> asked = fields.tweet();
    String text = state.text();
    boolean longPost = text.codePointCount(0, text.length()) > NOTE_TWEET_CHARS;
    if (longPost && asked.contains("note_tweet")) {
      t.putObject("note_tweet").put("text", text);
    }
    if (asked.contains("possibly_sensitive")) {
      t.put("possibly_sensitive", state.availability() == PostState.Availability.AGE_RESTRICTED
          || template.path("possibly_sensitive").asBoolean(false));
    }
    if (asked.contains("public_metrics")) {
      ObjectNode metrics = t.putObject("public_metrics");
      metrics.put("retweet_count", fetches);
      metrics.put("reply_count", template.path("conversation_count").asLong(0) + fetches);
      metrics.put("like_count", template.path("favorite_count").asLong(0) + fetches);
      metrics.put("quote_count", 0);
      metrics.put("bookmark_count", fetches / 2);
      metrics.put("impression_count", 1000 * fetches);
    }
    if (asked.contains("referenced_tweets")) {
      references(template, fields, includes).ifPresent(r -> t.set("referenced_tweets", r));
    }
    t.put("text", longPost ? text.substring(0, text.offsetByCodePoints(0, NOTE_TWEET_CHARS - 1)) + "…" : text);
  }

  /** Five edits within an hour of posting; each edit uses one up. */
  private ObjectNode editControls(ObjectNode template, PostState state) {
    ObjectNode controls = json.createObjectNode();
    int remaining = Math.max(0, 5 - (state.editIds().size() - 1));
    controls.put("edits_remaining", remaining);
    controls.put("is_edit_eligible", remaining > 0 && template.path("edit_control").path("is_edit_eligible")
        .asBoolean(true));
    controls.put("editable_until", DATE.format(state.createdAt().plusSeconds(3600)));
    return controls;
  }

  /** The media key: type prefix ({@code 3_} photo, {@code 7_} video, {@code 16_} GIF) and the media id. */
  private static String mediaKey(JsonNode detail, String postId, int index) {
    String prefix = switch (detail.path("type").asText("photo")) {
      case "video" -> "7";
      case "animated_gif" -> "16";
      default -> "3";
    };
    String id = detail.path("id_str").asText("");
    if (id.isEmpty()) {
      Matcher m = MEDIA_ID.matcher(detail.path("media_url_https").asText(""));
      id = m.find() ? m.group() : new BigInteger(postId).add(BigInteger.valueOf(index + 1L)).toString();
    }
    return prefix + "_" + id;
  }

  /** Syndication entities in v2 shape: {@code start}/{@code end}, {@code tag}, {@code username}, media links. */
  private Optional<ObjectNode> entities(JsonNode source, JsonNode details, List<String> mediaKeys) {
    ObjectNode out = json.createObjectNode();
    ArrayNode urls = json.createArrayNode();
    for (JsonNode u : source.path("urls")) {
      urls.add(span(u).put("url", u.path("url").asText()).put("expanded_url", u.path("expanded_url").asText())
          .put("display_url", u.path("display_url").asText()));
    }
    for (int i = 0; i < details.size(); i++) {
      JsonNode d = details.get(i);
      urls.add(span(d).put("url", d.path("url").asText()).put("expanded_url", d.path("expanded_url").asText())
          .put("display_url", d.path("display_url").asText()).put("media_key", mediaKeys.get(i)));
    }
    ArrayNode hashtags = json.createArrayNode();
    source.path("hashtags").forEach(h -> hashtags.add(span(h).put("tag", h.path("text").asText())));
    ArrayNode mentions = json.createArrayNode();
    source.path("user_mentions").forEach(m -> mentions.add(span(m).put("username", m.path("screen_name").asText())
        .put("id", m.path("id_str").asText())));
    if (!hashtags.isEmpty()) {
      out.set("hashtags", hashtags);
    }
    if (!mentions.isEmpty()) {
      out.set("mentions", mentions);
    }
    if (!urls.isEmpty()) {
      out.set("urls", urls);
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(out);
  }

  private ObjectNode span(JsonNode entity) {
    return json.createObjectNode().put("start", entity.path("indices").path(0).asInt())
        .put("end", entity.path("indices").path(1).asInt());
  }

  /** The quoted and replied-to tweets; with {@code referenced_tweets.id}, the quoted one goes to includes. */
  private Optional<ArrayNode> references(ObjectNode template, Fields fields, Includes includes) {
    ArrayNode refs = json.createArrayNode();
    JsonNode quoted = template.path("quoted_tweet");
    if (quoted.path("id_str").isTextual()) {
      refs.addObject().put("type", "quoted").put("id", quoted.path("id_str").asText());
      if (fields.expansions().contains("referenced_tweets.id")) {
        ObjectNode q = json.createObjectNode();
        q.putArray("edit_history_tweet_ids").add(quoted.path("id_str").asText());
        q.put("id", quoted.path("id_str").asText());
        q.put("text", quoted.path("text").asText(""));
        if (fields.tweet().contains("author_id") && quoted.path("user").path("id_str").isTextual()) {
          q.put("author_id", quoted.path("user").path("id_str").asText());
        }
        includes.tweets().putIfAbsent(q.path("id").asText(), q);
      }
    }
    String parent = template.path("in_reply_to_status_id_str").asText("");
    if (!parent.isEmpty()) {
      refs.addObject().put("type", "replied_to").put("id", parent);
    }
    return refs.isEmpty() ? Optional.empty() : Optional.of(refs);
  }

  /** One {@code includes.media} object from a syndication media detail, with the asked-for media fields. */
  private ObjectNode media(JsonNode detail, String key, Fields fields, long fetches) {
    String type = detail.path("type").asText("photo");
    ObjectNode m = json.createObjectNode();
    m.put("media_key", key);
    m.put("type", type);
    String image = detail.path("media_url_https").asText("");
    if (type.equals("photo") && fields.media().contains("url")) {
      m.put("url", image);
    }
    if (!type.equals("photo") && fields.media().contains("preview_image_url")) {
      m.put("preview_image_url", image);
    }
    if (fields.media().contains("alt_text") && detail.path("ext_alt_text").isTextual()) {
      m.put("alt_text", detail.path("ext_alt_text").asText());
    }
    if (fields.media().contains("width")) {
      m.put("width", detail.path("original_info").path("width").asInt());
      m.put("height", detail.path("original_info").path("height").asInt());
    }
    if (!type.equals("photo") && fields.media().contains("duration_ms")) {
      m.put("duration_ms", detail.path("video_info").path("duration_millis").asLong());
    }
    if (!type.equals("photo") && fields.media().contains("public_metrics")) {
      m.putObject("public_metrics").put("view_count",
          detail.path("ext_media_stats").path("view_count").asLong(0) + fetches);
    }
    if (!type.equals("photo") && fields.media().contains("variants")) {
      ArrayNode variants = m.putArray("variants");
      for (JsonNode v : detail.path("video_info").path("variants")) {
        ObjectNode variant = variants.addObject();
        if (v.has("bitrate")) {
          variant.put("bit_rate", v.path("bitrate").asLong()); // v2 spells it bit_rate
        }
        variant.put("content_type", v.path("content_type").asText());
        variant.put("url", v.path("url").asText());
      }
    }
    return m;
  }

  private ObjectNode user(JsonNode source, String id, PostState state, Fields fields) {
    ObjectNode u = json.createObjectNode();
    u.put("id", id);
    u.put("name", state.name());
    if (fields.user().contains("profile_image_url") && source.path("profile_image_url_https").isTextual()) {
      u.put("profile_image_url", source.path("profile_image_url_https").asText());
    }
    if (fields.user().contains("protected")) {
      u.put("protected", false);
    }
    if (fields.user().contains("verified")) {
      u.put("verified", source.path("verified").asBoolean(false));
    }
    u.put("username", state.handle());
    return u;
  }
}

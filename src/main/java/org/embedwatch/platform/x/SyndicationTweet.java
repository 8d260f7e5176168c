package org.embedwatch.platform.x;

import org.embedwatch.evidence.MediaKind;
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
import org.embedwatch.evidence.ContentFacets;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.platform.PostContent;

/**
 * Reads a syndication {@code tweet-result} Tweet object into {@link PostContent}. The fingerprint covers the
 * content-bearing fields listed in platform-protocols §1.3 (id, text, creation time, author id, expanded links,
 * media identity, quoted/replied-to ids, edit ids, the community note when one is shown) and never the volatile ones (counts, views, user profile fields).
 */
final class SyndicationTweet {
  private final ObjectMapper json;

  SyndicationTweet(ObjectMapper json) {
    this.json = json;
  }

  PostContent read(JsonNode tweet) {
    JsonNode user = tweet.path("user");
    return new PostContent(
        tweet.path("id_str").asText(),
        tweet.path("text").asText(""),
        user.isObject() ? user.path("screen_name").asText(null) : null,
        user.isObject() ? user.path("name").asText(null) : null,
        tweet.path("created_at").asText(null),
        media(tweet),
        fingerprint(tweet),
        RelatedTweets.of(tweet, tweet.path("quoted_tweet"), tweet.path("quoted_status_id_str")))
        .withFacets(facets(tweet));
  }

  /** Links ({@code entities.urls}), edit ids ({@code edit_control}) and the community note, if one is shown. */
  static ContentFacets facets(JsonNode tweet) {
    List<String> links = new ArrayList<>();
    tweet.path("entities").path("urls").forEach(u -> links.add(u.path("expanded_url").asText("")));
    List<String> edits = new ArrayList<>();
    tweet.path("edit_control").path("edit_tweet_ids").forEach(e -> edits.add(e.asText()));
    List<String> notes = new ArrayList<>();
    String note = note(tweet.path("birdwatch_pivot"));
    if (note != null) {
      notes.add(note);
    }
    return new ContentFacets(links, edits, notes);
  }

  /** A {@code birdwatch_pivot} as one line ({@code note 123: Readers added context: …}), or null when absent. */
  private static String note(JsonNode pivot) {
    if (!pivot.isObject()) {
      return null;
    }
    String id = pivot.path("note").path("rest_id").asText("");
    String title = pivot.path("title").asText(pivot.path("shorttitle").asText(""));
    String text = pivot.path("subtitle").path("text").asText("");
    return ("note" + (id.isEmpty() ? "" : " " + id) + ": " + title + (text.isEmpty() ? "" : " " + text)).strip();
  }

  private static List<PostContent.MediaRef> media(JsonNode tweet) {
    List<PostContent.MediaRef> out = new ArrayList<>();
    for (JsonNode m : tweet.path("mediaDetails")) {
      String type = m.path("type").asText("photo");
      String url = m.path("media_url_https").asText(null);
      if (type.equals("photo") && url != null) {
        out.add(new PostContent.MediaRef(MediaKind.PHOTO, url + (url.contains("?") ? "&" : "?") + "name=orig"));
        continue;
      }
      if (url != null) {
        out.add(new PostContent.MediaRef(MediaKind.THUMBNAIL, url));
      }
      List<JsonNode> variants = new ArrayList<>();
      m.path("video_info").path("variants").forEach(variants::add);
      variants.stream()
          .filter(v -> "video/mp4".equals(v.path("content_type").asText()))
          .max(Comparator.comparingLong(v -> v.path("bitrate").asLong(0)))
          .ifPresent(v -> out.add(new PostContent.MediaRef(MediaKind.VIDEO, v.path("url").asText())));
      variants.stream()
          .filter(v -> v.path("content_type").asText().contains("mpegURL"))
          .findFirst()
          .ifPresent(v -> out.add(new PostContent.MediaRef(MediaKind.PLAYLIST, v.path("url").asText())));
    }
    String avatar = tweet.path("user").path("profile_image_url_https").asText(null);
    if (avatar != null) {
      out.add(new PostContent.MediaRef(MediaKind.AVATAR, avatar.replace("_normal.", ".")));
    }
    return out;
  }

  String fingerprint(JsonNode tweet) {
    ObjectNode f = json.createObjectNode();
    f.put("id", tweet.path("id_str").asText());
    f.put("text", Normalizer.normalize(tweet.path("text").asText(""), Normalizer.Form.NFC));
    f.put("created_at", tweet.path("created_at").asText(""));
    f.put("user_id", tweet.path("user").path("id_str").asText(""));
    ArrayNode urls = f.putArray("urls");
    tweet.path("entities").path("urls").forEach(u -> urls.add(u.path("expanded_url").asText("")));
    ArrayNode media = f.putArray("media");
    for (JsonNode m : tweet.path("mediaDetails")) {
      String url = m.path("media_url_https").asText("");
      media.add(m.path("type").asText("") + " " + pathOf(url) + " " + m.path("ext_alt_text").asText(""));
    }
    f.put("quoted_id", tweet.path("quoted_tweet").path("id_str").asText(""));
    f.put("quoted_text", tweet.path("quoted_tweet").path("text").asText(""));
    f.put("in_reply_to", tweet.path("in_reply_to_status_id_str").asText(""));
    f.put("note_tweet", tweet.has("note_tweet"));
    ArrayNode edits = f.putArray("edit_ids");
    tweet.path("edit_control").path("edit_tweet_ids").forEach(e -> edits.add(e.asText()));
    String note = note(tweet.path("birdwatch_pivot"));
    if (note != null) {
      f.put("community_note", Normalizer.normalize(note, Normalizer.Form.NFC));
    }
    try {
      return Sha256.of(json.writeValueAsString(f).getBytes(StandardCharsets.UTF_8)).hex();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a fingerprint", e);
    }
  }

  private static String pathOf(String url) {
    try {
      return URI.create(url).getPath();
    } catch (IllegalArgumentException e) {
      return url;
    }
  }
}

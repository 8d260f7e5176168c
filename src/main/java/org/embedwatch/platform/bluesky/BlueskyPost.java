package org.embedwatch.platform.bluesky;

import org.embedwatch.evidence.MediaKind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.platform.PostContent;

/**
 * Reads an AppView {@code postView} into {@link PostContent}. The fingerprint covers the record's identity and content
 * (at-URI, {@code cid}, author DID, text, creation time, facet links, embed images and external/quoted targets) and
 * never the volatile fields (reply/repost/like/quote counts, {@code indexedAt}, viewer state, the author's profile).
 * Records cannot be edited (§6.1), so a changed {@code cid} under the same URI is itself worth flagging.
 */
final class BlueskyPost {
  private final ObjectMapper json;

  BlueskyPost(ObjectMapper json) {
    this.json = json;
  }

  PostContent read(JsonNode post) {
    JsonNode author = post.path("author");
    JsonNode record = post.path("record");
    String uri = post.path("uri").asText();
    return new PostContent(
        uri.substring(uri.lastIndexOf('/') + 1),
        record.path("text").asText(""),
        author.path("handle").asText(author.path("did").asText(null)),
        author.path("displayName").asText(null),
        record.path("createdAt").asText(null),
        media(post),
        fingerprint(post));
  }

  private static List<PostContent.MediaRef> media(JsonNode post) {
    List<PostContent.MediaRef> out = new ArrayList<>();
    collectMedia(post.path("embed"), out);
    String avatar = post.path("author").path("avatar").asText(null);
    if (avatar != null) {
      out.add(new PostContent.MediaRef(MediaKind.AVATAR, avatar));
    }
    return out;
  }

  /** Images (full size), a video's playlist and thumbnail, also inside a record-with-media embed. */
  private static void collectMedia(JsonNode embed, List<PostContent.MediaRef> out) {
    for (JsonNode image : embed.path("images")) {
      String url = image.path("fullsize").asText(image.path("thumb").asText(null));
      if (url != null) {
        out.add(new PostContent.MediaRef(MediaKind.PHOTO, url));
      }
    }
    if (embed.has("playlist")) {
      out.add(new PostContent.MediaRef(MediaKind.PLAYLIST, embed.path("playlist").asText()));
      if (embed.has("thumbnail")) {
        out.add(new PostContent.MediaRef(MediaKind.THUMBNAIL, embed.path("thumbnail").asText()));
      }
    }
    if (embed.path("media").isObject()) {
      collectMedia(embed.path("media"), out);
    }
  }

  String fingerprint(JsonNode post) {
    JsonNode record = post.path("record");
    ObjectNode f = json.createObjectNode();
    f.put("uri", post.path("uri").asText(""));
    f.put("cid", post.path("cid").asText(""));
    f.put("author_did", post.path("author").path("did").asText(""));
    f.put("text", Normalizer.normalize(record.path("text").asText(""), Normalizer.Form.NFC));
    f.put("created_at", record.path("createdAt").asText(""));
    ArrayNode links = f.putArray("links");
    for (JsonNode facet : record.path("facets")) {
      for (JsonNode feature : facet.path("features")) {
        if (feature.has("uri")) {
          links.add(feature.path("uri").asText());
        }
      }
    }
    JsonNode embed = record.path("embed");
    ArrayNode media = f.putArray("embed");
    media.add(embed.path("$type").asText(""));
    embed.path("external").path("uri").asText("").lines().forEach(media::add);
    embed.path("record").path("uri").asText("").lines().forEach(media::add);
    embed.path("record").path("record").path("uri").asText("").lines().forEach(media::add);
    List<JsonNode> images = new ArrayList<>();
    embed.path("images").forEach(images::add);
    embed.path("media").path("images").forEach(images::add);
    for (JsonNode image : images) {
      media.add(image.path("image").path("ref").path("$link").asText("") + " " + image.path("alt").asText(""));
    }
    f.put("reply_parent", record.path("reply").path("parent").path("uri").asText(""));
    try {
      return Sha256.of(json.writeValueAsString(f).getBytes(StandardCharsets.UTF_8)).hex();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a fingerprint", e);
    }
  }
}

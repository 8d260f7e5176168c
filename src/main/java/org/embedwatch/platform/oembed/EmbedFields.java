package org.embedwatch.platform.oembed;

import org.embedwatch.evidence.MediaKind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Objects;
import org.embedwatch.evidence.Platform;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.platform.PostContent;

/**
 * What an oEmbed answer says about a post, whatever the platform.
 *
 * @param text the post text as the endpoint gives it (a video's title, a post's paragraphs), "" when it gives none
 * @param handle the author's handle, or null
 * @param name the author's display name, or null
 * @param link the embed's own link to the post (the iframe source, the blockquote's cite or permalink)
 * @param thumbnail the thumbnail URL, or null
 */
record EmbedFields(String text, String handle, String name, String link, String thumbnail) {
  EmbedFields {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(link, "link");
  }

  /**
   * The post content. The fingerprint covers the platform, id, text (NFC), author handle and name, the embed's link
   * without its query (tracking parameters such as {@code utm_source}, {@code feature=oembed}) and the thumbnail's
   * path without host or query (CDN hosts and signed, expiring queries change between answers). It never covers
   * {@code width}, {@code height}, the thumbnail's sizes, {@code cache_age} or the rest of the embed markup.
   */
  PostContent content(Platform platform, String postId, ObjectMapper json) {
    String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
    ObjectNode f = json.createObjectNode();
    f.put("platform", platform.key());
    f.put("id", postId);
    f.put("text", nfc);
    f.put("handle", handle == null ? "" : handle);
    f.put("name", name == null ? "" : name);
    f.put("link", withoutQuery(link));
    f.put("thumbnail", thumbnail == null ? "" : pathOf(thumbnail));
    String fingerprint;
    try {
      fingerprint = Sha256.of(json.writeValueAsString(f).getBytes(StandardCharsets.UTF_8)).hex();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a fingerprint", e);
    }
    List<PostContent.MediaRef> media = thumbnail == null
        ? List.of()
        : List.of(new PostContent.MediaRef(MediaKind.THUMBNAIL, thumbnail));
    return new PostContent(postId, nfc, handle, name, null, media, fingerprint);
  }

  private static String withoutQuery(String url) {
    int cut = url.length();
    for (char c : new char[] {'?', '#'}) {
      int at = url.indexOf(c);
      if (at >= 0 && at < cut) {
        cut = at;
      }
    }
    return url.substring(0, cut);
  }

  private static String pathOf(String url) {
    try {
      String path = URI.create(url.strip()).getRawPath();
      return path == null ? withoutQuery(url) : path;
    } catch (IllegalArgumentException notAUri) {
      return withoutQuery(url);
    }
  }
}

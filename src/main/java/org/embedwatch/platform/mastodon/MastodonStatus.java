package org.embedwatch.platform.mastodon;

import org.embedwatch.evidence.MediaKind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.platform.PostContent;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads a Mastodon Status entity into {@link PostContent}: the HTML {@code content} as text (paragraphs separated by a
 * blank line, {@code <br>} as a newline), the author as {@code user@host}, media attachments and the avatar. The
 * fingerprint covers id, uri, content, content warning, sensitivity, creation and edit times, the account id,
 * attachments (type, path, description), poll options, reply and reblog targets, and never the counts or the
 * account's profile.
 */
final class MastodonStatus {
  private final ObjectMapper json;

  MastodonStatus(ObjectMapper json) {
    this.json = json;
  }

  PostContent read(JsonNode status, String host) {
    JsonNode account = status.path("account");
    String acct = account.path("acct").asText("");
    return new PostContent(
        status.path("id").asText(),
        text(status.path("content").asText("")),
        acct.isEmpty() ? null : (acct.contains("@") ? acct : acct + "@" + host),
        account.path("display_name").asText(null),
        status.path("created_at").asText(null),
        media(status),
        fingerprint(status));
  }

  static String text(String html) {
    Document doc = Jsoup.parseBodyFragment(html);
    doc.select("br").forEach(br -> br.replaceWith(new org.jsoup.nodes.TextNode("\n")));
    doc.select(".invisible").remove();
    List<String> paragraphs = new ArrayList<>();
    for (Element p : doc.body().select("p")) {
      paragraphs.add(p.wholeText().strip());
    }
    return paragraphs.isEmpty() ? doc.body().wholeText().strip() : String.join("\n\n", paragraphs);
  }

  private static List<PostContent.MediaRef> media(JsonNode status) {
    List<PostContent.MediaRef> out = new ArrayList<>();
    for (JsonNode m : status.path("media_attachments")) {
      String type = m.path("type").asText("");
      String url = m.path("url").asText(null);
      if (url == null) {
        continue;
      }
      switch (type) {
        case "image" -> out.add(new PostContent.MediaRef(MediaKind.PHOTO, url));
        case "video", "gifv", "audio" -> {
          out.add(new PostContent.MediaRef(MediaKind.VIDEO, url));
          if (m.hasNonNull("preview_url")) {
            out.add(new PostContent.MediaRef(MediaKind.THUMBNAIL, m.path("preview_url").asText()));
          }
        }
        default -> out.add(new PostContent.MediaRef(MediaKind.THUMBNAIL, m.path("preview_url").asText(url)));
      }
    }
    String avatar = status.path("account").path("avatar").asText(null);
    if (avatar != null) {
      out.add(new PostContent.MediaRef(MediaKind.AVATAR, avatar));
    }
    return out;
  }

  String fingerprint(JsonNode status) {
    ObjectNode f = json.createObjectNode();
    f.put("id", status.path("id").asText());
    f.put("uri", status.path("uri").asText(""));
    f.put("content", Normalizer.normalize(status.path("content").asText(""), Normalizer.Form.NFC));
    f.put("spoiler_text", status.path("spoiler_text").asText(""));
    f.put("sensitive", status.path("sensitive").asBoolean(false));
    f.put("created_at", status.path("created_at").asText(""));
    f.put("edited_at", status.path("edited_at").asText(""));
    f.put("account_id", status.path("account").path("id").asText(""));
    ArrayNode media = f.putArray("media");
    for (JsonNode m : status.path("media_attachments")) {
      media.add(m.path("type").asText("") + " " + pathOf(m.path("url").asText("")) + " "
          + m.path("description").asText(""));
    }
    ArrayNode poll = f.putArray("poll");
    status.path("poll").path("options").forEach(o -> poll.add(o.path("title").asText("")));
    f.put("in_reply_to_id", status.path("in_reply_to_id").asText(""));
    f.put("reblog_id", status.path("reblog").path("id").asText(""));
    try {
      return Sha256.of(json.writeValueAsString(f).getBytes(StandardCharsets.UTF_8)).hex();
    } catch (JsonProcessingException e) {
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

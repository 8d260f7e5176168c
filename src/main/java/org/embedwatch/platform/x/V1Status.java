package org.embedwatch.platform.x;

import org.embedwatch.evidence.MediaKind;
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
 * Reads a v1.1 status object ({@code statuses/show}, an element of {@code statuses/lookup}) into the content a
 * verification team compares: the fingerprint covers text (NFC), author id, links, media ids, quoted and replied-to
 * ids, never counts.
 */
final class V1Status {
  private final ObjectMapper json;

  V1Status(ObjectMapper json) {
    this.json = json;
  }

  PostContent read(JsonNode s) {
    JsonNode user = s.path("user");
    String text = s.has("full_text") ? s.path("full_text").asText("") : s.path("text").asText("");
    List<PostContent.MediaRef> media = new ArrayList<>();
    for (JsonNode m : s.path("extended_entities").path("media")) {
      if (m.path("type").asText().equals("photo")) {
        media.add(new PostContent.MediaRef(MediaKind.PHOTO, m.path("media_url_https").asText() + "?name=orig"));
      } else {
        media.add(new PostContent.MediaRef(MediaKind.THUMBNAIL, m.path("media_url_https").asText()));
      }
    }
    ObjectNode f = json.createObjectNode();
    f.put("id", s.path("id_str").asText());
    f.put("text", Normalizer.normalize(text, Normalizer.Form.NFC));
    f.put("created_at", s.path("created_at").asText(""));
    f.put("user_id", user.path("id_str").asText(""));
    ArrayNode urls = f.putArray("urls");
    s.path("entities").path("urls").forEach(u -> urls.add(u.path("expanded_url").asText("")));
    ArrayNode mediaIds = f.putArray("media");
    s.path("extended_entities").path("media").forEach(m -> mediaIds.add(m.path("id_str").asText("")));
    f.put("quoted_id", s.path("quoted_status_id_str").asText(""));
    f.put("in_reply_to", s.path("in_reply_to_status_id_str").asText(""));
    String fingerprint = Sha256.of(f.toString().getBytes(StandardCharsets.UTF_8)).hex();
    return new PostContent(s.path("id_str").asText(), text, user.path("screen_name").asText(null),
        user.path("name").asText(null), s.path("created_at").asText(null), media, fingerprint,
        RelatedTweets.of(s, s.path("quoted_status"), s.path("quoted_status_id_str")));
  }
}

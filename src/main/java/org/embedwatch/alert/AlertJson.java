package org.embedwatch.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.embedwatch.store.AlertRows;
import org.embedwatch.store.StoredAlert;

/** The webhook's JSON body of one alert and one attempt to deliver it (documented field by field in README). */
final class AlertJson {
  /** The body's format; a change that removes or renames a field raises it. */
  static final int VERSION = 1;

  private final ObjectMapper json;

  AlertJson(ObjectMapper json) {
    this.json = json;
  }

  /** The body's bytes (UTF-8): exactly what is signed and sent. */
  byte[] body(StoredAlert alert, AlertRows.Claim claim, Instant sentAt) {
    ObjectNode root = json.createObjectNode();
    root.put("version", VERSION);
    ObjectNode a = root.putObject("alert");
    a.put("id", alert.id());
    a.put("kind", alert.kind().key());
    a.put("reason", alert.reason() == null ? null : alert.reason().toLowerCase(java.util.Locale.ROOT));
    a.put("first_seen", alert.firstSeen().toString());
    a.put("summary", alert.summary());
    a.put("detail", alert.detail());
    if (alert.post() == null) {
      a.putNull("post");
    } else {
      ObjectNode p = a.putObject("post");
      p.put("platform", alert.post().platform().key());
      p.put("id", alert.post().postId());
      p.put("url", alert.post().url());
      p.put("handle", alert.post().handle());
    }
    ArrayNode articles = a.putArray("articles");
    alert.articles().forEach(articles::add);
    ObjectNode d = root.putObject("delivery");
    d.put("id", claim.deliveryId());
    d.put("attempt", claim.attempt());
    d.put("sink", claim.sink());
    d.put("sent_at", sentAt.toString());
    try {
      return json.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the JSON of alert " + alert.id(), e);
    }
  }
}

package org.embedwatch.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a post's content carries besides its text, author and media, as an endpoint serves it, for comparing captures:
 * the links it contains (expanded URLs), its edit history (X {@code edit_control.edit_tweet_ids}, v2
 * {@code edit_history_tweet_ids}) and the community notes shown with it (syndication {@code birdwatch_pivot}). Each
 * list is empty when the endpoint does not carry that facet.
 */
public record ContentFacets(List<String> links, List<String> editIds, List<String> notes) {
  /** No facets (an endpoint that carries none of them). */
  public static final ContentFacets NONE = new ContentFacets(List.of(), List.of(), List.of());
  private static final ObjectMapper JSON = new ObjectMapper();

  public ContentFacets {
    links = List.copyOf(links);
    editIds = List.copyOf(editIds);
    notes = List.copyOf(notes);
  }

  /** {@code {"links":[…],"edit_ids":[…],"notes":[…]}}, as stored with a capture. */
  public String json() {
    ObjectNode o = JSON.createObjectNode();
    links.forEach(o.putArray("links")::add);
    editIds.forEach(o.putArray("edit_ids")::add);
    notes.forEach(o.putArray("notes")::add);
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise content facets", e);
    }
  }

  /** The facets {@link #json()} wrote. */
  public static ContentFacets parse(String json) {
    try {
      JsonNode o = JSON.readTree(json);
      return new ContentFacets(strings(o.path("links")), strings(o.path("edit_ids")), strings(o.path("notes")));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not stored content facets: '" + json + "'", e);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}

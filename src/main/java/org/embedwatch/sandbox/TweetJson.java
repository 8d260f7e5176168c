package org.embedwatch.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Builds a syndication Tweet object from a post's sample template and its current state. */
final class TweetJson {
  private static final DateTimeFormatter SYNDICATION_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private TweetJson() {}

  /**
   * The tweet as cdn.syndication.twimg.com would serve it now.
   *
   * @param template the post's sample, id already swapped in (modified and returned)
   * @param fetchCount how many times the post was fetched; the volatile counters grow with it
   */
  static ObjectNode syndication(ObjectNode template, PostState state, long fetchCount) {
    ObjectNode tweet = template;
    tweet.put("id_str", state.id());
    tweet.put("text", state.text());
    tweet.put("created_at", SYNDICATION_DATE.format(state.createdAt()));
    ArrayNode range = tweet.putArray("display_text_range");
    range.add(0).add(state.text().codePointCount(0, state.text().length()));
    if (state.availability() == PostState.Availability.ACCOUNT_GONE
        || state.availability() == PostState.Availability.SUSPENDED) {
      tweet.remove("user");
    } else if (tweet.path("user").isObject()) {
      ObjectNode user = (ObjectNode) tweet.get("user");
      user.put("screen_name", state.handle());
      user.put("name", state.name());
    }
    if (state.availability() == PostState.Availability.AGE_RESTRICTED) {
      tweet.put("possibly_sensitive", true);
    }
    ObjectNode edit = tweet.path("edit_control").isObject()
        ? (ObjectNode) tweet.get("edit_control")
        : tweet.putObject("edit_control");
    ArrayNode ids = edit.putArray("edit_tweet_ids");
    state.editIds().forEach(ids::add);
    int remaining = Math.max(0, 5 - (state.editIds().size() - 1));
    edit.put("edits_remaining", Integer.toString(remaining));
    tweet.put("isEdited", state.edited());
    // Volatile counters: a client hashing the raw body sees a "change" on every fetch.
    bump(tweet, "favorite_count", fetchCount);
    bump(tweet, "conversation_count", fetchCount);
    return tweet;
  }

  private static void bump(ObjectNode node, String field, long by) {
    JsonNode value = node.get(field);
    node.put(field, (value == null ? 0 : value.asLong()) + by);
  }

  /** The v1.1 {@code created_at} format, e.g. {@code Thu Nov 08 02:31:41 +0000 2012}. */
  static String v1Date(Instant instant) {
    return DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ENGLISH)
        .withZone(ZoneOffset.UTC)
        .format(instant);
  }
}

package org.embedwatch.platform.x;

import org.embedwatch.evidence.LinkKind;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.embedwatch.platform.PostContent;

/** The tweets a tweet quotes and replies to, as syndication and v1.1 name them (same field names but the quote's). */
final class RelatedTweets {
  private static final Pattern ID = Pattern.compile("[0-9]{1,19}");

  private RelatedTweets() {}

  /**
   * @param quoted the embedded quoted tweet object ({@code quoted_tweet} in syndication, {@code quoted_status} in
   *     v1.1), possibly missing
   * @param quotedId the quoted id field ({@code quoted_status_id_str}), possibly missing; used when the quoted tweet is
   *     not embedded (it was deleted or withheld)
   */
  static List<PostContent.Related> of(JsonNode tweet, JsonNode quoted, JsonNode quotedId) {
    List<PostContent.Related> out = new ArrayList<>();
    String q = quoted.path("id_str").asText(quotedId.asText(""));
    if (ID.matcher(q).matches()) {
      out.add(new PostContent.Related(LinkKind.QUOTED, q, handle(quoted.path("user").path("screen_name"))));
    }
    String r = tweet.path("in_reply_to_status_id_str").asText("");
    if (ID.matcher(r).matches()) {
      out.add(new PostContent.Related(LinkKind.REPLIED_TO, r,
          handle(tweet.path("in_reply_to_screen_name"))));
    }
    return out;
  }

  private static String handle(JsonNode n) {
    String h = n.asText("");
    return h.isEmpty() ? null : h;
  }
}

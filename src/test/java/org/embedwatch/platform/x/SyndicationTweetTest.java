package org.embedwatch.platform.x;

import org.embedwatch.evidence.LinkKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import org.embedwatch.platform.PostContent;
import org.junit.jupiter.api.Test;

/** The posts a syndication tweet names, and the fingerprint's indifference to engagement counts. */
class SyndicationTweetTest {
  private final ObjectMapper json = new ObjectMapper();
  private final SyndicationTweet tweets = new SyndicationTweet(json);

  private JsonNode sample(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/org/embedwatch/sandbox/samples/" + name)) {
      return json.readTree(in);
    }
  }

  @Test
  void aQuoteTweetNamesTheQuotedTweetWithItsAuthor() throws IOException {
    PostContent c = tweets.read(sample("quoted_tweet_1641895049427550208.json"));

    assertThat(c.related()).containsExactly(
        new PostContent.Related(LinkKind.QUOTED, "1641086480675225601", "SamuelSusla"));
  }

  @Test
  void aReplyNamesThePostItRepliesTo() throws IOException {
    PostContent c = tweets.read(sample("reply_tweet_constructed.json"));

    assertThat(c.related()).containsExactly(
        new PostContent.Related(LinkKind.REPLIED_TO, "1641086480675225601", "SamuelSusla"));
  }

  @Test
  void aQuotedTweetThatIsNoLongerEmbeddedIsStillNamedByItsIdField() throws IOException {
    ObjectNode tweet = (ObjectNode) sample("photo_tweet_1641086480675225601.json");
    tweet.put("quoted_status_id_str", "20");

    assertThat(tweets.read(tweet).related()).containsExactly(
        new PostContent.Related(LinkKind.QUOTED, "20", null));
  }

  @Test
  void aPlainTweetNamesNothingAndCountsDoNotChangeTheFingerprint() throws IOException {
    ObjectNode tweet = (ObjectNode) sample("photo_tweet_1641086480675225601.json");
    PostContent before = tweets.read(tweet);
    tweet.put("favorite_count", 999_999).put("conversation_count", 12_345);

    assertThat(before.related()).isEmpty();
    assertThat(tweets.read(tweet).fingerprint()).isEqualTo(before.fingerprint());
  }
}

package org.embedwatch.platform.wayback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where the text of a post is read in each kind of archived copy. */
class MementoTextTest {
  private final ObjectMapper json = new ObjectMapper();

  private Optional<MementoText> read(String body, String contentType) {
    return MementoText.read(body.getBytes(StandardCharsets.UTF_8), contentType, "123", json);
  }

  @Test
  void aServerRenderedPageGivesThePermalinkTweetsTextNotAReplys() {
    String page = "<html><head><meta property=\"og:description\" content=\"“short”\"></head><body>"
        + "<div class=\"tweet\" data-tweet-id=\"99\"><p class=\"tweet-text\">a reply</p></div>"
        + "<div class=\"tweet permalink-tweet\" data-tweet-id=\"123\"><p class=\"tweet-text\">Cafe\u0301 &amp; more"
        + " <a href=\"https://t.co/x\">https://t.co/x</a></p></div></body></html>";

    assertThat(read(page, "text/html")).contains(new MementoText("Café & more https://t.co/x", "tweet-text"));
  }

  @Test
  void aPageWithoutTweetTextGivesTheOgDescriptionWithoutItsQuotes() {
    String page = "<html><head><meta property=\"og:description\" content=\"“Hello &quot;world&quot;”\"></head>"
        + "<body><div id=\"react-root\"></div></body></html>";

    assertThat(read(page, "text/html; charset=utf-8")).contains(new MementoText("Hello \"world\"", "og:description"));
  }

  @Test
  void anAppShellOrAMissingPageGivesNone() {
    assertThat(read("<html><head><title>X</title></head><body><div id=\"react-root\"></div></body></html>",
        "text/html")).isEmpty();
    assertThat(read("<html><body><h1>Sorry, that page doesn’t exist!</h1></body></html>", "text/html")).isEmpty();
  }

  @Test
  void jsonCapturesGiveTheTextOfTheirShape() {
    assertThat(read("{\"id_str\":\"123\",\"text\":\"short\",\"full_text\":\"the full text\"}", "application/json"))
        .contains(new MementoText("the full text", "json text"));
    assertThat(read("{\"__typename\":\"Tweet\",\"id_str\":\"123\",\"text\":\"syndication\"}", "text/plain"))
        .contains(new MementoText("syndication", "json text"));
    assertThat(read("{\"data\":{\"id\":\"123\",\"text\":\"v2\"}}", "application/json"))
        .contains(new MementoText("v2", "json data.text"));
  }

  @Test
  void aTombstoneAnotherPostOrNoJsonGivesNone() {
    assertThat(read("{\"__typename\":\"TweetTombstone\",\"tombstone\":{}}", "application/json")).isEmpty();
    assertThat(read("{\"id_str\":\"456\",\"text\":\"another\"}", "application/json")).isEmpty();
    assertThat(read("{}", "application/json")).isEmpty();
    assertThat(read("{not json", "application/json")).isEmpty();
  }
}

package org.embedwatch.verify;

import org.embedwatch.extract.CitedDates;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.embedwatch.evidence.Platform;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.extract.Reference;
import org.embedwatch.evidence.CaptureRecord;
import org.embedwatch.evidence.PostCapture;
import org.junit.jupiter.api.Test;

class CitationCheckTest {
  private static final String POST = "If you are interested about View Flattening in React Native, I wrote a short"
      + " post about it: https://t.co/4G6RAMfrHy\n\nLet me know what you think! & more 👍🏽 https://t.co/rQd6FIwZ0U";

  @Test
  void entitiesEmojiLinksAndSpacingAreNotDifferences() {
    String cited = "If you are interested about View Flattening in React Native, I wrote a short post about it:"
        + " <https://t.co/4G6RAMfrHy>  Let me know what you think! &amp; more 👍 pic.twitter.com/rQd6FIwZ0U"
        + " — sammy (@SamuelSusla) March 29, 2023";
    assertThat(CitedText.normalise(cited.replace("<", "").replace(">", ""))).isEqualTo(CitedText.normalise(POST));
    assertThat(CitationCheck.compare(cited("If you are interested about View Flattening in React Native, I wrote a"
        + " short post about it: https://t.co/x  Let me know what you think! &amp; more 👍\uFE0F"
        + " pic.twitter.com/rQd6FIwZ0U", "SamuelSusla", "sammy", "March 29, 2023"), List.of(capture(POST))))
        .isEmpty();
  }

  @Test
  void normaliserDecodesEntitiesComposesAndCollapses() {
    assertThat(CitedText.normalise("Cafe\u0301 &quot;ok&quot;\u00a0\n there ❤\uFE0F")).isEqualTo("Café \"ok\" there ❤");
    assertThat(CitedText.normalise("see http://example.com/a?b=c and www.example.org")).isEqualTo("see and");
    assertThat(CitedText.normalise("paper: github.com/reactwg/react-… and buff.ly/450N0Px, mail a@b.org"))
        .isEqualTo("paper: and mail a@b.org");
    assertThat(CitedText.normalise("Same Case")).isNotEqualTo(CitedText.normalise("same case"));
  }

  @Test
  void aQuoteCutWithAnEllipsisIsNotAMismatch() {
    assertThat(CitedText.matches("If you are interested about View Flattening in Rea…", POST)).isTrue();
    assertThat(CitedText.matches("If you are interested about View Flattening in Vue…", POST)).isFalse();
    assertThat(CitedText.matches("If you are interested about View Flattening", POST)).isFalse();
  }

  @Test
  void aChangedWordIsAMismatchWithAWordDiff() {
    String cited = POST.replace("React Native", "Vue Native");
    List<CitationCheck.Mismatch> found = CitationCheck.compare(cited(cited, "SamuelSusla", "sammy", null),
        List.of(capture(POST)));
    assertThat(found).singleElement().satisfies(m -> {
      assertThat(m.aspect()).isEqualTo("text");
      assertThat(m.detail()).startsWith("… about View Flattening in [-Vue-] {+React+} Native, I wrote a …");
      assertThat(m.summary()).contains("differs from the post's text as captured 2026-03-01T10:00:00Z via syndication");
    });
  }

  @Test
  void aRenamedHandleIsAMismatchNamingBoth() {
    List<CitationCheck.Mismatch> found = CitationCheck.compare(cited(POST, "OldName", "sammy", null),
        List.of(capture(POST)));
    assertThat(found).singleElement().satisfies(m -> {
      assertThat(m.aspect()).isEqualTo("handle");
      assertThat(m.summary()).startsWith("cited as @OldName, the post's author is now @SamuelSusla");
    });
    assertThat(CitationCheck.compare(cited(POST, "samuelsusla", "sammy", null), List.of(capture(POST)))).isEmpty();
  }

  @Test
  void aDateThreeDaysOffIsAMismatchButADayIsNot() {
    assertThat(CitationCheck.compare(cited(POST, "SamuelSusla", "sammy", "March 26, 2023"), List.of(capture(POST))))
        .singleElement().satisfies(m -> {
          assertThat(m.aspect()).isEqualTo("date");
          assertThat(m.summary()).contains("3 days before the post's creation time 2023-03-29T14:34:41.000Z");
        });
    assertThat(CitationCheck.compare(cited(POST, "SamuelSusla", "sammy", "March 30, 2023"), List.of(capture(POST))))
        .isEmpty();
    assertThat(CitationCheck.compare(cited(POST, "SamuelSusla", "sammy", "sometime in spring"),
        List.of(capture(POST)))).isEmpty();
  }

  @Test
  void aChangedDisplayNameIsAMismatch() {
    assertThat(CitationCheck.compare(cited(POST, "SamuelSusla", "Sammy S.", null), List.of(capture(POST))))
        .extracting(CitationCheck.Mismatch::aspect).containsExactly("name");
  }

  @Test
  void theDateFormsTheExtractorKeepsAreRead() {
    LocalDate d = LocalDate.of(2024, 3, 12);
    assertThat(CitedDates.parse("March 12, 2024")).contains(d);
    assertThat(CitedDates.parse("1:34 AM ∙ Mar 12, 2024")).contains(d);
    assertThat(CitedDates.parse("12. März 2024")).contains(d);
    assertThat(CitedDates.parse("12 de marzo de 2024")).contains(d);
    assertThat(CitedDates.parse("12 marca 2024")).contains(d);
    assertThat(CitedDates.parse("12. března 2024")).contains(d);
    assertThat(CitedDates.parse("١٢ مارس ٢٠٢٤")).contains(d);
    assertThat(CitedDates.parse("2024年3月12日")).contains(d);
    assertThat(CitedDates.parse("22 de septiembre de 2016")).contains(LocalDate.of(2016, 9, 22));
    assertThat(CitedDates.parse("February 31, 2024")).isEmpty();
    assertThat(CitedDates.created("Tue Mar 12 23:30:00 -0200 2024")).contains(LocalDate.of(2024, 3, 13));
    assertThat(CitedDates.created("2024-03-12T10:00:00.000Z")).contains(d);
  }

  private static Reference cited(String text, String handle, String name, String date) {
    return new Reference(Platform.X, "1641086480675225601", handle,
        "https://twitter.com/" + handle + "/status/1641086480675225601", List.of(Reference.Form.BLOCKQUOTE),
        Reference.Scope.ARTICLE, text, date, name, "en");
  }

  private static CaptureRecord capture(String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    return new CaptureRecord(1, 1, 1, Instant.parse("2026-03-01T10:00:00Z"), new PostCapture("syndication", body,
        Sha256.of(body), "full", "f", text, "SamuelSusla", "sammy", "2023-03-29T14:34:41.000Z", List.of()));
  }
}

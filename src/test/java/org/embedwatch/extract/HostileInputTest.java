package org.embedwatch.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Inputs built to make a scanner backtrack or rescan: each must finish. The timeout only stops a hang; it is no
 * benchmark.
 */
class HostileInputTest {

  private static final Duration HANG = Duration.ofSeconds(10);

  private final ReferenceExtractor extractor = new ReferenceExtractor();

  private List<Reference> extract(String content, String mediaType) {
    return assertTimeoutPreemptively(HANG, () -> extractor.extract(content, mediaType, "https://example.org/a"));
  }

  @Test
  void aDashFollowedByTwentyThousandSpacesAndAHandleWithoutADateFinishes() {
    String text = "-- " + " ".repeat(20_000) + "(@abc) not a date";

    assertThat(extract(text, "text/plain")).isEmpty();
  }

  @Test
  void anEmDashFollowedByThreeThousandNoBreakSpacesAndAHandleWithoutADateFinishes() {
    String html = "<p>&mdash;" + "&nbsp;".repeat(3_000) + "(@abc) nodate</p>";

    assertThat(extract(html, "text/html")).isEmpty();
  }

  @Test
  void aRemnantWithManySpacesAroundTheNameIsStillFound() {
    String text = "Quoted words —   Some Name    (@abc)   March 3, 2024";

    assertThat(extract(text, "text/plain"))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.handle()).isEqualTo("abc");
          assertThat(r.displayName()).isEqualTo("Some Name");
          assertThat(r.citedDate()).isEqualTo("March 3, 2024");
        });
  }

  @Test
  void aStatusPathFollowedByTwoHundredThousandDotsFinishes() {
    String text = "x.com/" + ".".repeat(200_000) + "a";

    assertThat(extract(text, "text/plain")).isEmpty();
  }

  @Test
  void threeHundredThousandEscapedLinkTagsInAnAttributeFinish() {
    String html = "<div title=\"" + "&amp;lt;a ".repeat(300_000) + "\">x</div>";

    assertThat(extract(html, "text/html")).isEmpty();
  }
}

package org.embedwatch.resolve;

import org.embedwatch.evidence.MatchKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.embedwatch.extract.CitedDates;
import org.junit.jupiter.api.Test;

class RemnantMatchTest {
  @Test
  void normalisationDropsUrlsEntitiesPunctuationAndLostCharacters() {
    assertThat(RemnantMatch.words("?Fire &amp; smoke\u00a0on  Main St. https://t.co/abc pic.twitter.com/xyz"))
        .containsExactly("fire", "smoke", "on", "main", "st");
    assertThat(RemnantMatch.score("Cafe\u0301 open", "Café open https://t.co/x").kind())
        .isEqualTo(MatchKind.EQUAL);
  }

  @Test
  void aQuoteCutShortIsAPrefixButTwoWordsAreNot() {
    assertThat(RemnantMatch.score("Horrific footage of fires", "🔥Horrific footage of fires in Aleppo #Aleppo").kind())
        .isEqualTo(MatchKind.PREFIX);
    assertThat(RemnantMatch.score("Horrific footage", "Horrific footage of fires").kind())
        .isEqualTo(MatchKind.NONE);
  }

  @Test
  void similarityNeedsNinetyPercentOfTheWords() {
    String post = "one two three four five six seven eight nine ten";
    assertThat(RemnantMatch.score("one two three four five six seven eight ten nine", post).kind())
        .isEqualTo(MatchKind.SIMILAR);
    assertThat(RemnantMatch.score("one two three four five six seven eight nine", "x " + post).kind())
        .isEqualTo(MatchKind.NONE);
    assertThat(RemnantMatch.score("anything", null).kind()).isEqualTo(MatchKind.NO_TEXT);
  }

  @Test
  void exactlyOneStrongMatchResolvesTwoAreAmbiguousNoneIsUnmatched() {
    var equal = new RemnantMatch.Score(MatchKind.EQUAL, 1);
    var none = new RemnantMatch.Score(MatchKind.NONE, 0.2);
    var similar = new RemnantMatch.Score(MatchKind.SIMILAR, 0.92);
    assertThat(RemnantMatch.decide(List.of(none, equal, similar))).isEqualTo(new RemnantMatch.Decision.Resolved(1));
    assertThat(RemnantMatch.decide(List.of(equal, none, equal)))
        .isEqualTo(new RemnantMatch.Decision.Ambiguous(List.of(0, 2)));
    assertThat(RemnantMatch.decide(List.of(none, none))).isEqualTo(new RemnantMatch.Decision.Unmatched());
    assertThat(RemnantMatch.decide(List.of())).isEqualTo(new RemnantMatch.Decision.Unmatched());
  }

  @Test
  void aSimilarMatchResolvesOnlyWithAClearMargin() {
    var similar = new RemnantMatch.Score(MatchKind.SIMILAR, 0.95);
    assertThat(RemnantMatch.decide(List.of(similar, new RemnantMatch.Score(MatchKind.NONE, 0.85))))
        .isEqualTo(new RemnantMatch.Decision.Resolved(0));
    assertThat(RemnantMatch.decide(List.of(similar, new RemnantMatch.Score(MatchKind.NONE, 0.92))))
        .isEqualTo(new RemnantMatch.Decision.Ambiguous(List.of(0, 1)));
  }

  @Test
  void citedDatesInThePrintedForms() {
    assertThat(CitedDates.parse("September 22, 2016")).contains(LocalDate.of(2016, 9, 22));
    assertThat(CitedDates.parse("Sep. 22, 2016")).contains(LocalDate.of(2016, 9, 22));
    assertThat(CitedDates.parse("22. September 2016")).contains(LocalDate.of(2016, 9, 22));
    assertThat(CitedDates.parse("22 de septiembre de 2016")).contains(LocalDate.of(2016, 9, 22));
    assertThat(CitedDates.parse("12 marca 2024")).contains(LocalDate.of(2024, 3, 12));
    assertThat(CitedDates.parse("2024年3月12日")).contains(LocalDate.of(2024, 3, 12));
    assertThat(CitedDates.parse("١٢ مارس ٢٠٢٤")).contains(LocalDate.of(2024, 3, 12));
    assertThat(CitedDates.parse("February 30, 2024")).isEmpty();
    assertThat(CitedDates.parse("someday")).isEmpty();
    assertThat(CitedDates.parse(null)).isEmpty();
  }
}

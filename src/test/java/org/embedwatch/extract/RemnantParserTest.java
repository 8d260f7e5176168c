package org.embedwatch.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemnantParserTest {

  private final RemnantParser parser = new RemnantParser();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Text here — Jane Doe (@jane_doe) March 5, 2019|Text here|Jane Doe|jane_doe|March 5, 2019",
        "Text here – Jane Doe (@jane_doe)March 5, 2019|Text here|Jane Doe|jane_doe|March 5, 2019",
        "Text here &mdash; Jane Doe (@jane_doe) Mar 5, 2019|Text here|Jane Doe|jane_doe|Mar 5, 2019",
        "Text here -- Jane Doe (@jane_doe) March 5, 2019 pic.twitter.com/abc|Text here|Jane Doe|jane_doe|March 5, 2019",
        "— Jane Doe (@jane_doe) March 5, 2019||Jane Doe|jane_doe|March 5, 2019",
        "Hallo — Peter Wittkamp (@diktator) 25. September 2018|Hallo|Peter Wittkamp|diktator|25. September 2018",
        "Bonjour — Jean (@jean) 3 février 2020|Bonjour|Jean|jean|3 février 2020",
        "Hola — Ana (@ana) 22 de septiembre de 2016|Hola|Ana|ana|22 de septiembre de 2016",
        "Olá — João (@joao) 1 de setembro de 2016|Olá|João|joao|1 de setembro de 2016",
        "Ciao — Gio (@gio) 12 settembre 2016|Ciao|Gio|gio|12 settembre 2016",
        "Hoi — Jan (@jan) 12 mei 2016|Hoi|Jan|jan|12 mei 2016"
      })
  void findsTrailers(String line, String cited, String name, String handle, String date) {
    assertThat(parser.find(line))
        .singleElement()
        .satisfies(t -> {
          assertThat(t.citedText()).isEqualTo(cited);
          assertThat(t.displayName()).isEqualTo(name);
          assertThat(t.handle()).isEqualTo(handle);
          assertThat(t.date()).isEqualTo(date);
        });
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Jane Doe (@jane_doe) March 5, 2019",
        "Text — Jane Doe (@jane_doe)",
        "Text — Jane Doe @jane_doe March 5, 2019",
        "Text — Jane Doe (@jane_doe) yesterday"
      })
  void ignoresWhatIsNoTrailer(String line) {
    assertThat(parser.find(line)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void twoTrailersOnOneLineQuoteTheirOwnText() {
    assertThat(parser.find("First — A (@a) May 1, 2020 Second — B (@b) May 2, 2020"))
        .extracting(RemnantParser.Trailer::citedText)
        .containsExactly("First", "Second");
  }
}

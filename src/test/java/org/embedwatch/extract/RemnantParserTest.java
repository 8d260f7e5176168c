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

  /** Polish, Czech, Japanese and Arabic trailers, as X prints their dates (genitive months, Arabic-Indic digits). */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Dziś głosujemy. — Jan Kowalski (@jankowalski) 12 marca 2024|Dziś głosujemy.|Jan Kowalski|jankowalski|12 marca 2024",
        "Dziś — Jan Kowalski (@jankowalski)1 września 2023|Dziś|Jan Kowalski|jankowalski|1 września 2023",
        "Nowy rok — Anna (@anna_pl) 1 sty 2024|Nowy rok|Anna|anna_pl|1 sty 2024",
        "Dnes volíme. — Jana Nováková (@jnovakova) 12. března 2024|Dnes volíme.|Jana Nováková|jnovakova|12. března 2024",
        "Léto — Petr (@petr) 3. července 2023|Léto|Petr|petr|3. července 2023",
        "今日は晴れ。 — 山田太郎 (@yamada_taro) 2024年3月12日|今日は晴れ。|山田太郎|yamada_taro|2024年3月12日",
        "速報 — NHK (@nhk_news)2023年12月1日|速報|NHK|nhk_news|2023年12月1日",
        "مرحبا بالعالم — محمد علي (@mohamed_ali) ١٢ مارس ٢٠٢٤|مرحبا بالعالم|محمد علي|mohamed_ali|١٢ مارس ٢٠٢٤",
        "مرحبا — محمد (@mohamed) 12 مارس 2024|مرحبا|محمد|mohamed|12 مارس 2024",
        "خبر عاجل — قناة (@channel) ٣ تشرين الأول ٢٠٢٣|خبر عاجل|قناة|channel|٣ تشرين الأول ٢٠٢٣",
        // Right-to-left marks (U+200F) around the name and before the date
        "نص — \u200fاسم\u200f (@name1) \u200f٥ يناير ٢٠٢٢|نص|اسم|name1|٥ يناير ٢٠٢٢"
      })
  void findsTrailersInPolishCzechJapaneseAndArabic(String line, String cited, String name, String handle, String date) {
    assertThat(parser.find(line))
        .singleElement()
        .satisfies(t -> {
          assertThat(t.citedText()).isEqualTo(cited);
          assertThat(t.displayName()).isEqualTo(name);
          assertThat(t.handle()).isEqualTo(handle);
          assertThat(t.date()).isEqualTo(date);
        });
  }

  @org.junit.jupiter.api.Test
  void anArabicRemnantInAnArticleIsAReferenceWithoutIdOrUrl() {
    String page = "<html><body><p dir=\"rtl\">مرحبا بالعالم pic.twitter.com/Q8FFsT2ITu &mdash; محمد علي"
        + " (@mohamed_ali) ١٢ مارس ٢٠٢٤</p></body></html>";
    assertThat(new ReferenceExtractor().extract(page, "text/html", null))
        .containsExactly(
            new Reference(
                org.embedwatch.evidence.Platform.X, null, "mohamed_ali", null, java.util.List.of(Reference.Form.REMNANT),
                Reference.Scope.ARTICLE, "مرحبا بالعالم pic.twitter.com/Q8FFsT2ITu", "١٢ مارس ٢٠٢٤", "محمد علي", null));
  }

  @org.junit.jupiter.api.Test
  void aPhotoLinkAfterTheDateBelongsToTheTrailerNotToTheNextQuote() {
    assertThat(parser.find("First pic.twitter.com/abc — A (@a) May 1, 2020 pic.twitter.com/Q8FFsT2ITu Second — B (@b)"
            + " 12 marca 2024"))
        .extracting(RemnantParser.Trailer::citedText)
        .containsExactly("First pic.twitter.com/abc", "Second");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Jane Doe (@jane_doe) March 5, 2019",
        "Text — Jane Doe (@jane_doe)",
        "Text — Jane Doe @jane_doe March 5, 2019",
        "Text — Jane Doe (@jane_doe) yesterday",
        "Text — Jan (@jan) 12 marcaa 2024",
        "Text — Jan (@jan) 2024年3月",
        "Text — محمد (@m) ١٢ ٢٠٢٤"
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

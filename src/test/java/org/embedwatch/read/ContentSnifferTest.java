package org.embedwatch.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Charset detection of undeclared legacy text, and the type of text no name or header calls text. */
class ContentSnifferTest {
  private final ContentSniffer sniffer = new ContentSniffer();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      windows-1256 | <p>مشاهد مروعة لحرائق في المباني السكنية بعد القصف على المدينة الليلة</p>&mdash; سير يا حرة
      windows-1256 | قال المتحدث إن الوضع خطير جدا في المدينة بعد القصف الليلة الماضية. — سير يا حرة (@siryahora)
      Shift_JIS    | <p>今、強い揺れを感じました。皆さん気をつけてください。落ち着いて行動しましょう。</p>&mdash; 山田太郎
      EUC-JP       | <p>今、強い揺れを感じました。皆さん気をつけてください。</p>
      windows-1252 | <p>Énorme incendie près de la gare, évitez le secteur. Soyez prudents à côté de l'école.</p>
      windows-1252 | <p>Der Bürgermeister äußerte sich besorgt über die Lage – „sehr ernst“.</p>
      windows-1251 | <p>Сегодня в центре города произошёл сильный пожар, жителей просят закрыть окна.</p>
      KOI8-R       | <p>Сегодня в центре города произошёл сильный пожар, жителей просят закрыть окна.</p>
      ISO-8859-7   | <p>Μεγάλη πυρκαγιά κοντά στον σταθμό, αποφύγετε την περιοχή.</p>
      windows-1255 | <p>שריפה גדולה ליד התחנה, נא להימנע מהאזור.</p>
      GB18030      | <p>今天市中心发生大火，请居民关好窗户。</p>
      EUC-KR       | <p>오늘 시내 중심가에서 큰 화재가 발생했습니다.</p>
      """)
  void undeclaredLegacyTextIsDecodedWithItsOwnCharset(String charset, String text) {
    byte[] bytes = text.getBytes(Charset.forName(charset));
    String type = text.startsWith("<") ? "text/html" : "text/plain";

    Charset detected = sniffer.charset(bytes, type, null);

    assertThat(new String(bytes, detected)).isEqualTo(text);
    assertThat(detected.name()).isEqualToIgnoringCase(charset);
  }

  @Test
  void aDeclaredCharsetOrAMetaDeclarationWinsOverStatistics() {
    byte[] latin = "<meta charset=\"windows-1251\"><p>Énorme incendie près de la gare</p>"
        .getBytes(StandardCharsets.ISO_8859_1);

    assertThat(sniffer.charset(latin, "text/html", null).name()).isEqualTo("windows-1251");
    assertThat(sniffer.charset(latin, "text/html", "text/html; charset=ISO-8859-1").name()).isEqualTo(
        "windows-1252");
  }

  @Test
  void latin1AndAsciiDecodeAsWindows1252AsInBrowsers() {
    byte[] quoted = {(byte) 0x93, 'n', 'e', 'w', 's', (byte) 0x94, ' ', (byte) 0x97};

    Charset declared = sniffer.charset(quoted, "text/plain", "text/plain; charset=iso-8859-1");
    Charset ascii = sniffer.charset(quoted, "text/plain", "text/plain; charset=us-ascii");

    assertThat(new String(quoted, declared)).isEqualTo("\u201cnews\u201d \u2014");
    assertThat(ascii.name()).isEqualTo("windows-1252");
  }

  @Test
  void legacyTextWithoutANameIsTextButBinaryIsNot() {
    byte[] arabic = "قال المتحدث إن الوضع خطير جدا في المدينة بعد القصف الليلة الماضية."
        .getBytes(Charset.forName("windows-1256"));

    assertThat(sniffer.articleType(arabic, null, null)).isEqualTo("text/plain");
    assertThat(sniffer.articleType(new byte[] {(byte) 0xc8, 0x01, 0x02, (byte) 0xe1, 0x03}, null, null))
        .isEqualTo("application/octet-stream");
    assertThat(sniffer.articleType(new byte[] {0x3c, 0x70, 0x3e, 0x00, 0x41}, "page.html", null))
        .isEqualTo("application/octet-stream");
  }
  @Test
  void aStrayNulDoesNotMakeAClearlyHtmlPageBinary() {
    byte[] doctype = "<!DOCTYPE html><html><body><p>a\u0000b</p></body></html>".getBytes(StandardCharsets.UTF_8);
    byte[] bomAndSpace = "\uFEFF \n <HTML lang=en><p>a\u0000b</p></HTML>".getBytes(StandardCharsets.UTF_8);
    byte[] fragment = "<div><p>a\u0000b and more text around it</p></div>".getBytes(StandardCharsets.UTF_8);

    assertThat(sniffer.articleType(doctype, "page.html", null)).isEqualTo("text/html");
    assertThat(sniffer.articleType(doctype, null, null)).isEqualTo("text/html");
    assertThat(sniffer.articleType(bomAndSpace, null, null)).isEqualTo("text/html");
    // No doctype, but the server said HTML.
    assertThat(sniffer.articleType(fragment, "/story", "text/html; charset=utf-8")).isEqualTo("text/html");
    assertThat(sniffer.articleType(fragment, "/story", "application/xhtml+xml")).isEqualTo("application/xhtml+xml");
    // Neither declared nor starting as a page: a NUL still means binary.
    assertThat(sniffer.articleType(fragment, "page.html", null)).isEqualTo("application/octet-stream");
  }

  @Test
  void binaryDataStaysBinaryWhateverItIsCalled() {
    byte[] random = new byte[4096];
    new java.util.Random(42).nextBytes(random);
    byte[] manyNuls = new byte[2048];
    byte[] prefix = "<!DOCTYPE html><html>".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(prefix, 0, manyNuls, 0, prefix.length);
    byte[] utf16WithoutBom = "<html><p>text</p></html>".getBytes(StandardCharsets.UTF_16LE);

    assertThat(sniffer.articleType(random, "page.html", "text/html")).isEqualTo("application/octet-stream");
    assertThat(sniffer.articleType(manyNuls, "page.html", "text/html")).isEqualTo("application/octet-stream");
    assertThat(sniffer.articleType(utf16WithoutBom, null, "text/html")).isEqualTo("application/octet-stream");
    assertThat(sniffer.articleType(HTML_NAMED_PNG, "page.html", "text/html")).isEqualTo("image/png");
  }

  private static final byte[] HTML_NAMED_PNG = java.util.HexFormat.of().parseHex(
      "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0"
          + "f3a0c40000000049454e44ae426082");
}

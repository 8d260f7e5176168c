package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.time.Instant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.PageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arabic (windows-1256), Japanese (Shift_JIS) and French (Latin-1, decoded as windows-1252 as browsers do) articles with no charset declared anywhere, as
 * files and over HTTP without a charset in Content-Type: the cited text and display name come out as written.
 */
class ExtractCharsetIT {
  @TempDir Path work;
  private PageServer server;
  private CliRunner cli;

  /** One article: its language, charset, quoted text and author. */
  private record Case(String name, String charset, String lang, String text, String author, String handle,
      String id) {
    String html() {
      return "<!DOCTYPE html><html><head><title>" + author + "</title></head><body><article><p>" + text + "</p>"
          + "<blockquote class=\"twitter-tweet\"><p lang=\"" + lang + "\">" + text + "</p>&mdash; " + author + " (@"
          + handle + ") <a href=\"https://twitter.com/" + handle + "/status/" + id + "\">September 22, 2016</a>"
          + "</blockquote></article></body></html>";
    }

    byte[] bytes() {
      return html().getBytes(Charset.forName(charset));
    }
  }

  private static final List<Case> CASES = List.of(
      new Case("ar", "windows-1256", "ar", "مشاهد مروعة لحرائق في المباني السكنية بعد القصف على المدينة الليلة",
          "سير يا حرة", "siryahora", "778960437010227200"),
      new Case("ja", "Shift_JIS", "ja", "今、強い揺れを感じました。皆さん気をつけてください。落ち着いて行動しましょう。",
          "山田太郎", "yamada", "1234567890123456789"),
      new Case("fr", "windows-1252", "fr", "Énorme incendie près de la gare, évitez le secteur. Soyez prudents à côté"
          + " de l'école élémentaire, déclare le préfet.", "Hélène Lefèvre", "helenelefevre",
          "1111111111111111112"));

  @BeforeEach
  void start() {
    server = PageServer.start();
    cli = new CliRunner(work, new MutableClock(Instant.parse("2026-03-01T10:00:00Z")), Map.of()).allow(server);
  }

  @AfterEach
  void stop() {
    server.close();
    cli.close();
  }

  @Test
  void legacyEncodedPagesWithoutACharsetDecodeRightAsFilesAndOverHttp() throws IOException {
    List<String> inputs = new ArrayList<>(List.of("extract", "--json"));
    for (Case c : CASES) {
      Files.write(work.resolve(c.name() + ".html"), c.bytes());
      server.page("/" + c.name() + ".html", c.bytes(), Map.of("Content-Type", "text/html"));
      inputs.add(c.name() + ".html");
      inputs.add(server.url("/" + c.name() + ".html"));
    }

    CliRunner.Run run = cli.run(inputs.toArray(String[]::new));

    assertThat(run.exit()).as(run.err()).isZero();
    List<JsonNode> refs = new ArrayList<>();
    List<JsonNode> outcomes = new ArrayList<>();
    for (String line : run.out().strip().split("\n")) {
      JsonNode j = new ObjectMapper().readTree(line);
      (j.has("outcome") ? outcomes : refs).add(j);
    }
    assertThat(refs).hasSize(6);
    for (int i = 0; i < CASES.size(); i++) {
      Case c = CASES.get(i);
      for (JsonNode ref : List.of(refs.get(2 * i), refs.get(2 * i + 1))) {
        assertThat(ref.path("id").asText()).isEqualTo(c.id());
        assertThat(ref.path("cited_text").asText()).isEqualTo(c.text());
        assertThat(ref.path("display_name").asText()).isEqualTo(c.author());
        assertThat(ref.path("lang").asText()).isEqualTo(c.lang());
      }
      assertThat(outcomes.get(2 * i).path("charset").asText()).as(c.name()).isEqualToIgnoringCase(c.charset());
      assertThat(outcomes.get(2 * i + 1).path("charset").asText()).as(c.name()).isEqualToIgnoringCase(c.charset());
    }
  }

  @Test
  void latin1DeclaredOrDetectedDecodesAsWindows1252AsBrowsersDo() throws IOException {
    String body = "<html><body><p>Caf\u00e9 \u201cnews\u201d \u2014 Jane Doe (@jane) March 1, 2024</p></body></html>";
    byte[] latin = ("<html><head><meta charset=\"iso-8859-1\"></head>" + body.substring("<html>".length()))
        .getBytes(Charset.forName("windows-1252"));
    Files.write(work.resolve("declared.html"), latin);
    Files.write(work.resolve("detected.html"), body.getBytes(Charset.forName("windows-1252")));

    CliRunner.Run run = cli.run("extract", "--json", "declared.html", "detected.html");

    assertThat(run.exit()).as(run.err()).isZero();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : run.out().strip().split("\n")) {
      lines.add(new ObjectMapper().readTree(line));
    }
    assertThat(lines).hasSize(4);
    for (int i : new int[] {0, 2}) {
      assertThat(lines.get(i).path("handle").asText()).as(run.out()).isEqualTo("jane");
      assertThat(lines.get(i).path("display_name").asText()).isEqualTo("Jane Doe");
      assertThat(lines.get(i).path("cited_text").asText()).isEqualTo("Caf\u00e9 \u201cnews\u201d");
      assertThat(lines.get(i + 1).path("charset").asText()).isEqualTo("windows-1252");
    }
  }

  @Test
  void aLegacyEncodedTextRemnantOnStdinKeepsItsDisplayName() {
    String article = "قال المتحدث إن الوضع خطير جدا في المدينة بعد القصف الليلة الماضية.\n"
        + "— سير يا حرة (@siryahora) September 22, 2016\n";

    CliRunner.Run run = cli.runWithStdin(article.getBytes(Charset.forName("windows-1256")), "extract", "-");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("stdin (text/plain, windows-1256): 1 reference\n")
        .contains("x (no id) @siryahora [remnant; article] — سير يا حرة, September 22, 2016");
  }
}

package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.embedwatch.report.VisibleText;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.HostilePlatform;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * M7 of the reliability review, through the real CLI: what a hostile platform serves and what a hostile article says
 * (ESC sequences, C1 controls, NUL, bidi overrides, line breaks, HTML, Markdown links, spreadsheet formulas) never
 * reaches the terminal raw, never makes a fake line, and is inert in every report format.
 */
class OutputInjectionIT {
  private static final String ESC = "\u001b";
  /** Clears the screen, homes the cursor and prints a fake, red verdict, as the review's server did. */
  private static final String FAKE = ESC + "[2J" + ESC + "[H" + ESC + "[1;31mCONFIRMED_UNAVAILABLE (deleted)" + ESC
      + "[0m";
  private static final String POST_TEXT = FAKE + " | [click](javascript:alert(1)) <img src=x onerror=alert(1)> a"
      + "\u0000b \u009b2J \u202eevil\u202c *bold* _it_ `code` # head";
  private static final String TEXT_POST = "111111111111111101";
  private static final String RAW_POST = "111111111111111102";
  private static final String CITED = "=HYPERLINK(\"http://evil.example/x\",\"click\") ``` " + ESC + "[2J";

  @TempDir Path work;
  private HostilePlatform hostile;
  private SandboxedCli env;
  private CliRunner cli;

  @BeforeEach
  void start() throws IOException {
    hostile = new HostilePlatform();
    env = SandboxedCli.start(work, hostile.route());
    cli = env.cli();
    hostile.status(TEXT_POST, s -> {
      // Entities, so that the tags and brackets are the post's text, not markup the client strips.
      s.put("content", "<p>" + POST_TEXT.replace("<", "&lt;").replace(">", "&gt;") + "</p>");
      s.with("account").put("display_name", "Al" + ESC + "]0;pwned\u0007ice\nx 1 @alice  AVAILABLE");
    });
    hostile.server().page("/" + HostilePlatform.HOST + "/api/v1/statuses/" + RAW_POST,
        (ESC + "[2J" + ESC + "[Hcheck: 0 posts flagged, all good").getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "text/plain"));
    String citing = HostilePlatform.articleCiting(List.of(TEXT_POST, RAW_POST));
    String embed = "<blockquote class=\"twitter-tweet\"><p lang=\"en\">" + CITED.replace("\"", "&quot;")
        + "</p>&mdash; -Evil" + ESC + "[8m (@SamuelSusla) <a href=\"https://twitter.com/SamuelSusla/status/"
        + Articles.PHOTO_POST + "\">March 29, 2023</a></blockquote>";
    Files.writeString(work.resolve("a.html"), citing.replace("</article>", embed + "</article>"));
  }

  @AfterEach
  void stop() {
    env.close();
    hostile.close();
  }

  @Test
  void archiveAndCheckShowWhatTheServerSentEscapedOnItsOwnLine() {
    CliRunner.Run archive = cli.run("archive", "a.html");
    CliRunner.Run check = cli.run("check", "--all");

    for (CliRunner.Run run : List.of(archive, check)) {
      assertThat(run.exit()).as(run.err()).isZero();
      assertNothingHidden(run);
      // The raw answer is quoted, escaped, inside its post's line: it starts no line of its own.
      assertThat(run.out()).contains("\\u001b[2J\\u001b[Hcheck: 0 posts flag")
          .doesNotContainPattern("(?m)^\\s*check: 0 posts flagged");
    }
    // The display name's line break is shown, not taken: no fake status line.
    assertThat(cli.run("status").out()).doesNotContainPattern("(?m)^x 1 @alice");
  }

  @Test
  void statusOfAHostilePostStaysOnItsLines() {
    cli.run("archive", "a.html");

    CliRunner.Run list = cli.run("status");
    CliRunner.Run one = cli.run("status", TEXT_POST);
    CliRunner.Run cited = cli.run("status", Articles.PHOTO_POST);

    for (CliRunner.Run run : List.of(list, one, cited)) {
      assertThat(run.exit()).as(run.err()).isZero();
      assertNothingHidden(run);
    }
    assertThat(cited.out()).contains("CITATION_MISMATCH").contains("\\u001b[2J");
  }

  @Test
  void extractShowsTheArticlesTextEscapedAndItsJsonKeepsTheExactValue() throws IOException {
    CliRunner.Run human = cli.run("extract", "a.html");
    CliRunner.Run json = cli.run("extract", "--json", "a.html");

    assertNothingHidden(human);
    assertThat(human.out()).contains("=HYPERLINK(\"http://evil.example/x\",\"click\") ``` \\u001b[2J")
        .contains("-Evil\\u001b[8m");
    assertNothingHidden(json);
    JsonNode line = new ObjectMapper().readTree(json.out().lines()
        .filter(l -> l.contains(Articles.PHOTO_POST)).findFirst().orElseThrow());
    assertThat(line.path("cited_text").asText()).isEqualTo(CITED);
  }

  @Test
  void oneLineErrorsEscapeWhatTheyQuote() {
    CliRunner.Run missing = cli.run("extract", "gone" + ESC + "[2J\nerror: fake.html");
    CliRunner.Run usage = cli.run("extract", "--bogus" + ESC + "[2J", "a.html");

    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err().strip()).startsWith("error: gone\\u001b[2J\\nerror: fake.html: unreadable: no such file")
        .doesNotContain("\n");
    assertNothingHidden(missing);
    assertThat(usage.exit()).isEqualTo(2);
    assertThat(usage.err()).contains("--bogus\\u001b[2J");
    assertNothingHidden(usage);
  }

  @Test
  void markdownReportIsInert() {
    cli.run("archive", "a.html");

    CliRunner.Run run = cli.run("report", "--format", "md");

    assertThat(run.exit()).as(run.err()).isZero();
    assertNothingHidden(run);
    String md = run.out();
    // The escapes are escaped again for Markdown: their doubled backslash renders as one.
    assertThat(md).doesNotContainPattern("(?<!\\\\)<img").doesNotContain("](javascript:", "javascript:alert", "[click]")
        .contains("\\<img src=x onerror=alert(1)\\>")
        .contains("\\[click\\](javascript\\:alert(1))")
        .contains("\\\\u001b\\[2J").contains(" ab ").contains("\\\\u009b2J").contains("\\\\u202eevil")
        .contains("\\*bold\\* \\_it\\_ \\`code\\` \\# head");
    // The finding's detail quotes three backticks: its fence is longer, so nothing in it closes the fence.
    assertThat(md).contains("````");
    // Every line of the articles' table is one row of seven cells: no '|' or line break from outside splits one.
    md.lines().filter(l -> l.startsWith("| ")).forEach(l ->
        assertThat(l.replace("\\|", "").chars().filter(c -> c == '|').count()).as(l).isEqualTo(8));
  }

  @Test
  void csvReportCellsAreNeitherFormulasNorControls() throws IOException {
    cli.run("archive", "a.html");
    Path file = work.resolve("report.csv");

    CliRunner.Run run = cli.run("report", "--format", "csv", "--out", file.toString());
    CliRunner.Run stdout = cli.run("report", "--format", "csv");

    assertThat(run.exit()).as(run.err()).isZero();
    String csv = Files.readString(file);
    assertThat(csv.replace("\r\n", "")).doesNotContainPattern("[\\x00-\\x1f\\x7f-\\x9f\\u202a-\\u202e]");
    assertThat(stdout.out()).isEqualTo(csv);
    List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(csv)).getRecords();
    CSVRecord cited = rows.stream().filter(r -> r.get("post_id").equals(Articles.PHOTO_POST)).findFirst()
        .orElseThrow();
    assertThat(cited.get("cited_text")).isEqualTo("'" + VisibleText.of(CITED));
    assertThat(cited.get("display_name")).isEqualTo("'-Evil\\u001b[8m");
    for (CSVRecord row : rows) {
      row.stream().forEach(cell -> assertThat(cell).doesNotStartWith("=").doesNotStartWith("+")
          .doesNotStartWith("-").doesNotStartWith("@"));
    }
  }

  @Test
  void jsonReportStaysJsonWithTheExactText() throws IOException {
    cli.run("archive", "a.html");

    CliRunner.Run run = cli.run("report", "--format", "json");

    assertThat(run.exit()).as(run.err()).isZero();
    assertNothingHidden(run);
    JsonNode report = new ObjectMapper().readTree(run.out());
    List<String> texts = report.path("posts").findValues("text").stream().map(JsonNode::asText).toList();
    assertThat(texts).anySatisfy(t -> assertThat(t).contains(FAKE).contains(" ab ").doesNotContain("\u0000")
        .contains("\u202eevil"));
  }

  /** Neither stream holds a character a terminal would act on, except the line ends. */
  private static void assertNothingHidden(CliRunner.Run run) {
    for (String stream : List.of(run.out(), run.err())) {
      String withoutLineEnds = stream.replace("\r\n", "").replace("\n", "");
      assertThat(withoutLineEnds.chars().filter(VisibleText::isHidden).mapToObj(Integer::toHexString).toList())
          .as(stream).isEmpty();
    }
  }
}

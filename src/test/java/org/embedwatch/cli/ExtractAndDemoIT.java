package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.testsupport.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code extract} (stores nothing) and {@code demo} (the whole lifecycle) through the CLI. */
class ExtractAndDemoIT {
  @TempDir Path work;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

  @Test
  void extractJsonPrintsTheSeedArticlesTwoRemnantsAndStoresNothing() throws IOException {
    Path seed = work.resolve("seed.txt");
    try (InputStream in = getClass().getResourceAsStream("/org/embedwatch/extract/corpus/seed-000_b228a5170edcf5c9.txt")) {
      Files.copy(in, seed);
    }
    CliRunner.Run run;
    try (CliRunner cli = new CliRunner(work, clock, Map.of())) {
      run = cli.run("extract", "--json", seed.toString());
    }

    assertThat(run.exit()).as(run.err()).isZero();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : run.out().strip().split("\n")) {
      lines.add(new ObjectMapper().readTree(line));
    }
    // After an input's references comes its outcome object.
    JsonNode outcome = lines.remove(lines.size() - 1);
    assertThat(outcome.path("outcome").asText()).isEqualTo("references");
    assertThat(outcome.path("references").asInt()).isEqualTo(2);
    assertThat(outcome.path("media_type").asText()).isEqualTo("text/plain");
    assertThat(lines).extracting(j -> j.path("handle").asText()).containsExactly("sakirkhader", "siryahora");
    assertThat(lines).allSatisfy(j -> {
      assertThat(j.path("input").asText()).isEqualTo(seed.toString());
      assertThat(j.path("platform").asText()).isEqualTo("x");
      assertThat(j.path("id").isNull()).isTrue();
      assertThat(j.path("form").asText()).isEqualTo("remnant");
      assertThat(j.path("cited_date").asText()).isEqualTo("September 22, 2016");
    });
    assertThat(lines.get(0).path("display_name").asText()).isEqualTo("Sakir Khader");
    assertThat(lines.get(1).path("cited_text").asText()).contains("Horrific footage of residential buildings");
    assertThat(work.resolve("archive")).doesNotExist();
  }

  @Test
  void extractOfAMissingFileFailsWithOneLine() {
    CliRunner.Run run;
    try (CliRunner cli = new CliRunner(work, clock, Map.of())) {
      run = cli.run("extract", "missing.html");
    }

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().strip()).isEqualTo(
        "error: missing.html: unreadable: no such file (give an existing file or an http(s) URL)");
  }

  @Test
  void demoArchivesFlagsTheDeletedAndEditedPostsAndSurvivesAnOutage() {
    CliRunner.Run run;
    try (CliRunner cli = new CliRunner(work, clock, Map.of())) {
      run = cli.run("demo", "--dir", "demo-archive");
    }

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("3 references")
        .contains(DemoCommand.DELETED_POST + " @SamuelSusla: AVAILABLE -> SUSPECTED_UNAVAILABLE (deleted)")
        .contains(DemoCommand.EDITED_POST + " @mattcarrollcode: AVAILABLE -> ALTERED")
        .contains("SUSPECTED_UNAVAILABLE (deleted) (unchanged)")
        .contains(DemoCommand.DELETED_POST
            + " @SamuelSusla: SUSPECTED_UNAVAILABLE -> CONFIRMED_UNAVAILABLE (deleted)")
        .contains("- **CONFIRMED_UNAVAILABLE (deleted)** https://twitter.com/SamuelSusla/status/" + DemoCommand.DELETED_POST)
        .contains("via x-syndication (HTTP 200: tombstone: This Post was deleted by the Post author. Learn more) and"
            + " x-oembed (HTTP 404); confirmed")
        .contains("- **ALTERED** https://twitter.com/mattcarrollcode/status/" + DemoCommand.EDITED_POST);
    assertThat(work.resolve("demo-archive/embedwatch.mv.db")).exists();
    assertThat(work.resolve("demo-archive/warc")).isNotEmptyDirectory();
  }

  @Test
  void sandboxWithAMissingScenarioFileFailsWithOneLine() {
    CliRunner.Run run;
    try (CliRunner cli = new CliRunner(work, clock, Map.of())) {
      run = cli.run("sandbox", "--port", "0", "--scenario", "nope.json");
    }

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().strip()).isEqualTo("error: no such scenario file: nope.json (give an existing JSON file)");
  }

  @Test
  void theExampleScenarioShippedInConfigIsValid() throws IOException {
    Path file = Path.of("config/examples/sandbox-scenario.json");

    org.embedwatch.sandbox.Scenario scenario = org.embedwatch.sandbox.Scenario.parse(file);

    assertThat(scenario.posts()).hasSize(3);
    assertThat(scenario.articles()).singleElement()
        .satisfies(a -> assertThat(a.host()).isEqualTo("news.example"));
  }
}

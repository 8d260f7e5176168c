package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.sandbox.Scenario;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remnants (handle, date, text, no id) resolved through the simulated Wayback CDX index and v2 search, never guessed. */
class RemnantResolutionIT {
  static final String FIRE = "1767000000000000001";
  static final String TWIN_A = "1767000000000000002";
  static final String TWIN_B = "1767000000000000003";
  static final String QUIET = "1767000000000000004";
  static final String SIRYAHORA = "778900000000000001";
  static final String SAKIR = "778900000000000002";
  static final String SAMPLE = "photo_tweet_1641086480675225601.json";

  @TempDir Path work;
  private SandboxedCli env;

  private static Scenario.Post post(String id, String handle, String text, String at) {
    return new Scenario.Post(id, SAMPLE, text, handle, "Someone", Instant.parse(at), List.of());
  }

  private CliRunner start(Map<String, String> settings) throws IOException {
    env = SandboxedCli.start(work, Scenario.of(
        post(FIRE, "reporterjane", "Fire crews are at the scene on Main Street, roads closed https://t.co/abc123",
            "2024-03-12T14:00:00Z"),
        post(TWIN_A, "twinposter", "Polls open at 7am tomorrow, bring your ID", "2024-03-11T09:00:00Z"),
        post(TWIN_B, "twinposter", "Polls open at 7am tomorrow — bring your ID!", "2024-03-12T09:00:00Z"),
        post(QUIET, "quietuser", "An old post from January", "2024-01-02T09:00:00Z"),
        post(SIRYAHORA, "siryahora", "\uD83D\uDD25Horrific footage of residential buildings on fire after"
            + " regime/Russian phosphorous strikes on Aleppo #Aleppo https://t.co/xyz", "2016-09-22T11:00:00Z"),
        post(SAKIR, "sakirkhader", "Aleppo tonight", "2016-09-22T20:00:00Z")), settings);
    return env.cli();
  }

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  private Path article() throws IOException {
    return Files.writeString(work.resolve("remnants.txt"), String.join("\n",
        "A scraper flattened three embeds.",
        "",
        "Fire crews are at the scene on Main Street, roads closed — Jane Reporter (@reporterjane) March 12, 2024",
        "",
        "Polls open at 7am tomorrow, bring your ID — Twin Poster (@twinposter) March 12, 2024",
        "",
        "Nothing archived near this day — Quiet User (@quietuser) March 12, 2024",
        ""));
  }

  private List<Map<String, Object>> resolutions() {
    return env.cli().query("select c.handle, r.outcome, r.detail, p.post_id, p.state from remnant_resolution r"
        + " join citation c on c.id = r.citation_id left join post p on p.id = r.post_ref order by r.id");
  }

  @Test
  void archiveResolvesOneRemnantLeavesOneAmbiguousAndOneUnresolvedWithTheReason() throws IOException {
    CliRunner cli = start(Map.of());
    CliRunner.Run run = cli.run("archive", article().toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("-> resolved to x " + FIRE + " via wayback-cdx (text equal)")
        .contains("-> ambiguous: 2 candidates (x " + TWIN_A + ", x " + TWIN_B + ")")
        .contains("-> unresolved: no capture of twitter.com/quietuser/status/ between 2024-03-09 and 2024-03-15");
    List<Map<String, Object>> rows = resolutions();
    assertThat(rows).extracting(r -> r.get("handle") + " " + r.get("outcome") + " " + r.get("post_id"))
        .containsExactly("reporterjane RESOLVED " + FIRE, "twinposter AMBIGUOUS null", "quietuser UNMATCHED null");
    // The resolved post was captured through the normal checker, and the citation now points at it.
    assertThat(rows.get(0).get("state")).isEqualTo("AVAILABLE");
    assertThat(cli.query("select count(*) n from post_capture pc join post p on p.id = pc.post_ref"
        + " where p.post_id = ?", FIRE).get(0).get("n")).isNotEqualTo(0L);
    assertThat(cli.query("select c.post_id, p.post_id pid from citation c join post p on p.id = c.post_ref"
        + " where c.handle = 'reporterjane'")).singleElement()
        .satisfies(r -> {
          assertThat(r.get("post_id")).isNull(); // what the article said stays as it said it
          assertThat(r.get("pid")).isEqualTo(FIRE);
        });
    // Both twins are listed as candidates with the text read from their mementos, neither linked.
    List<Map<String, Object>> twins = cli.query("select k.post_id, k.source, k.match_kind, k.text_excerpt,"
        + " k.source_url, k.warc_record_id from remnant_candidate k join citation c on c.id = k.citation_id"
        + " where c.handle = 'twinposter' order by k.post_id");
    assertThat(twins).extracting(r -> r.get("post_id") + " " + r.get("source") + " " + r.get("match_kind"))
        .containsExactly(TWIN_A + " wayback-cdx EQUAL", TWIN_B + " wayback-cdx EQUAL");
    assertThat(twins).allSatisfy(r -> {
      assertThat((String) r.get("text_excerpt")).startsWith("Polls open at 7am tomorrow");
      assertThat((String) r.get("source_url")).startsWith("https://web.archive.org/web/").contains("id_/");
      assertThat(r.get("warc_record_id")).isNotNull();
    });
    assertThat(cli.query("select count(*) n from citation where handle='twinposter' and post_ref is not null")
        .get(0).get("n")).isEqualTo(0L);
    // The CDX sweep asked for the window and collapsed by urlkey.
    assertThat(env.sandbox().requests()).anySatisfy(r -> assertThat(r.toString())
        .contains("twitter.com%2Ftwinposter%2Fstatus%2F").contains("from=20240309").contains("to=20240315")
        .contains("collapse=urlkey"));
  }

  @Test
  void resolveRetriesUnresolvedRemnantsAndLeavesResolvedOnesAlone() throws IOException {
    CliRunner cli = start(Map.of());
    env.sandbox().setWaybackFault(Fault.status(503));
    assertThat(cli.run("archive", article().toString()).out())
        .contains("-> unresolved: could not ask wayback-cdx (");
    assertThat(resolutions()).extracting(r -> r.get("outcome")).containsOnly("INCONCLUSIVE");

    env.sandbox().setWaybackFault(Fault.none());
    CliRunner.Run run = cli.run("resolve");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("remnant @reporterjane March 12, 2024 \"Fire crews are at the scene on Main Stre…\": resolved to x "
            + FIRE + " via wayback-cdx (text equal)")
        .contains("tried 3 remnants: 1 resolved, 2 still unresolved");
    CliRunner.Run again = cli.run("resolve");
    assertThat(again.out()).contains("tried 2 remnants: 0 resolved, 2 still unresolved")
        .doesNotContain("@reporterjane");
  }

  @Test
  void withABearerTokenV2SearchListsCandidatesWhenTheArchiveCannotBeAsked() throws IOException {
    CliRunner cli = start(Map.of("x.v2.bearer-token", "test-bearer-token"));
    env.sandbox().setWaybackFault(Fault.status(503));
    CliRunner.Run run = cli.run("archive", article().toString());
    assertThat(run.out())
        .contains("-> resolved to x " + FIRE + " via x-v2-search (text equal)")
        .contains("-> ambiguous: 2 candidates (x " + TWIN_B + ", x " + TWIN_A + ") (could not ask wayback-cdx");
    assertThat(env.sandbox().requests()).anySatisfy(r -> assertThat(r.toString())
        .contains("/2/tweets/search/all").contains("from%3Areporterjane"));
  }

  @Test
  void theSeedArticlesRemnantsGiveADeterministicOutcome() throws IOException {
    CliRunner cli = start(Map.of());
    Path seed = work.resolve("seed.txt");
    try (InputStream in = getClass().getResourceAsStream(
        "/org/embedwatch/extract/corpus/seed-000_b228a5170edcf5c9.txt")) {
      Files.copy(in, seed);
    }
    CliRunner.Run run = cli.run("archive", seed.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    // The '?' the scraper left for a lost character is no word: the quote begins the post's text.
    assertThat(run.out())
        .contains("-> unresolved: the article quotes no text to match; 1 candidate (x " + SAKIR + ")")
        .contains("-> resolved to x " + SIRYAHORA + " via wayback-cdx (cited text begins the post)");
    assertThat(resolutions()).extracting(r -> r.get("handle") + " " + r.get("outcome") + " " + r.get("post_id"))
        .containsExactly("sakirkhader UNMATCHED null", "siryahora RESOLVED " + SIRYAHORA);
  }
}

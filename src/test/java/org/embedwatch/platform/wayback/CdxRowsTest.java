package org.embedwatch.platform.wayback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** CDX {@code output=json} answers, on real samples (samples/PROVENANCE.md, wayback/). */
class CdxRowsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode sample(String name) throws IOException {
    try (InputStream in = CdxRowsTest.class.getResourceAsStream(name)) {
      return JSON.readTree(in);
    }
  }

  @Test
  void realTwitterStatusAnswerWithCustomFieldsGivesThirtySevenMementosOf200And302Captures() throws IOException {
    CdxRows rows = CdxRows.parse(sample("cdx_output_json_fl_custom_twitter_status.json"));

    assertThat(rows.mementos()).hasSize(37);
    assertThat(rows.resumeKey()).isNull();
    assertThat(rows.mementos()).extracting(Memento::statusCode).containsOnly("200", "302");
    assertThat(rows.mementos().stream().filter(m -> "302".equals(m.statusCode()))).hasSize(13);
    Memento first = rows.mementos().get(0);
    assertThat(first).isEqualTo(new Memento("https://twitter.com/ScalaCoward/status/1264635402788487171",
        "20200524191958", Instant.parse("2020-05-24T19:19:58Z"), "200", "JJK5HCJRLNADLDWSVSCCJNMV3JWE4XFI",
        "text/html", 4587L));
    assertThat(first.uri()).isEqualTo(
        "https://web.archive.org/web/20200524191958/https://twitter.com/ScalaCoward/status/1264635402788487171");
    assertThat(first.rawUri()).isEqualTo(
        "https://web.archive.org/web/20200524191958id_/https://twitter.com/ScalaCoward/status/1264635402788487171");
  }

  @Test
  void defaultFieldsWithAResumeKeyGiveTheRowsAndTheKeyAfterTheEmptyRow() throws IOException {
    CdxRows rows = CdxRows.parse(sample("cdx_output_json_default_fields_resumekey_docs.json"));

    assertThat(rows.mementos()).hasSize(5);
    assertThat(rows.resumeKey()).isEqualTo("org%2Carchive%29%2F+19980109140106%21");
    assertThat(rows.mementos().get(0).original()).isEqualTo("http://www.archive.org:80/");
    assertThat(rows.mementos().get(0).length()).isEqualTo(1415L);
  }

  @Test
  void anEmptyArrayAndAHeaderAloneBothMeanNoCaptures() throws IOException {
    assertThat(CdxRows.parse(JSON.readTree("[]")).mementos()).isEmpty();
    assertThat(CdxRows.parse(JSON.readTree("[[\"original\",\"timestamp\"]]")).mementos()).isEmpty();
  }

  @Test
  void aDashStatusAsRevisitsAndJsonCapturesListItIsKeptAsUnknown() throws IOException {
    CdxRows rows = CdxRows.parse(JSON.readTree(
        "[[\"original\",\"timestamp\",\"statuscode\",\"mimetype\"],[\"https://x.com/a/status/1\",\"20240101000000\",\"-\",\"warc/revisit\"]]"));

    assertThat(rows.mementos().get(0).statusCode()).isNull();
    assertThat(rows.mementos().get(0).mimetype()).isEqualTo("warc/revisit");
  }

  @Test
  void bodiesOfAnotherShapeAreRefusedWithWhereTheyWentWrong() {
    assertThatThrownBy(() -> CdxRows.parse(JSON.readTree("{\"error\":\"x\"}"))).hasMessageContaining("not a JSON array");
    assertThatThrownBy(() -> CdxRows.parse(JSON.readTree("[[\"urlkey\"]]"))).hasMessageContaining("lacks");
    assertThatThrownBy(() -> CdxRows.parse(JSON.readTree(
        "[[\"original\",\"timestamp\"],[\"https://twitter.com/a/status/1\"]]"))).hasMessageContaining("row 1 has 1");
    assertThatThrownBy(() -> CdxRows.parse(JSON.readTree(
        "[[\"original\",\"timestamp\"],[\"https://twitter.com/a/status/1\",\"2020\"]]")))
        .hasMessageContaining("row 1: not a 14-digit timestamp");
    assertThatThrownBy(() -> CdxRows.parse(JSON.readTree(
        "[[\"original\",\"timestamp\"],[],[\"k\"],[\"https://twitter.com/a/status/1\",\"20200101000000\"]]")))
        .hasMessageContaining("resume key");
  }

  @Test
  void aPrefixQueryKeepsOnlyTheRowsOfThePostItself() {
    assertThat(CdxClient.isStatus("https://twitter.com/a/status/123?s=20", "123")).isTrue();
    assertThat(CdxClient.isStatus("https://twitter.com/a/status/123/photo/1", "123")).isTrue();
    assertThat(CdxClient.isStatus("https://twitter.com/a/status/1234", "123")).isFalse();
    assertThat(CdxClient.isStatus("https://twitter.com/i/web/status/123", "123")).isTrue();
  }
}

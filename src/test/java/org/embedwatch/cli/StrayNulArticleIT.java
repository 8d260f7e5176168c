package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.PageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * L11 of the reliability review: one raw NUL byte made a whole HTML page "unsupported: application/octet-stream" and
 * lost its references. A page that is clearly HTML (a doctype, or declared text/html by its server) is read with the
 * NUL replaced; real binary data stays unsupported.
 */
class StrayNulArticleIT {
  private static final String POST = "1641086480675225601";
  private static final String BODY = "<p>As <a href=\"https://twitter.com/SamuelSusla/status/" + POST + "\">she"
      + " posted</a>, the fire\u0000 spread.</p>";

  @TempDir Path work;
  private PageServer server;
  private CliRunner cli;

  @BeforeEach
  void start() {
    server = PageServer.start();
    cli = new CliRunner(work, Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC), Map.of()).allow(server);
  }

  @AfterEach
  void stop() {
    server.close();
    cli.close();
  }

  @Test
  void aLocalPageWithAStrayNulIsReadAsHtml() throws IOException {
    Files.writeString(work.resolve("a.html"), "\n<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>"
        + "<article>" + BODY + "</article></body></html>");

    CliRunner.Run run = cli.run("extract", "a.html");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("a.html (text/html, UTF-8): 1 reference").contains("x " + POST);
  }

  @Test
  void aServedPageDeclaredHtmlWithAStrayNulIsReadAsHtml() {
    // No doctype, no <html>: only the server's Content-Type says HTML.
    server.page("/story", ("<article>" + BODY + "</article>").getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "text/html; charset=utf-8"));

    CliRunner.Run run = cli.run("extract", "--json", server.url("/story"));

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"id\":\"" + POST + "\"").contains("\"media_type\":\"text/html\"");
  }

  @Test
  void binaryDataCalledHtmlStaysUnsupported() throws IOException {
    byte[] random = new byte[4096];
    new Random(7).nextBytes(random);
    Files.write(work.resolve("b.html"), random);
    server.page("/blob", random, Map.of("Content-Type", "text/html"));

    CliRunner.Run run = cli.run("extract", "b.html", server.url("/blob"));

    assertThat(run.exit()).isEqualTo(CliErrorHandler.OPERATIONAL);
    assertThat(run.out()).contains("b.html: unsupported: application/octet-stream")
        .contains(server.url("/blob") + ": unsupported: application/octet-stream");
  }
}

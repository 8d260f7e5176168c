package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code net.only-routed=true} (every test run and the demo have it), a post on a host without a route is not
 * asked: the observation says so, it is not evidence, and the post stays unreachable rather than unavailable.
 */
class OnlyRoutedIT {
  private static final String STATUS = "109999999999999999";

  @TempDir Path work;
  private SandboxedCli env;
  private CliRunner cli;

  @BeforeEach
  void start() throws IOException {
    env = SandboxedCli.start(work, Map.of());
    cli = env.cli();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void aPostOnAnUnroutedHostIsNotAskedAndStaysUnreachable() throws IOException {
    Files.writeString(work.resolve("a.html"), "<html><body><article><p><a href=\"https://social.unrouted.example/@ann/"
        + STATUS + "\">Ann</a></p></article></body></html>");

    CliRunner.Run run = cli.run("archive", "a.html");

    assertThat(run.exit()).isZero();
    List<Map<String, Object>> observations = cli.query("select outcome, http_status, warc_file, detail from observation");
    assertThat(observations).singleElement().satisfies(o -> {
      assertThat(o.get("outcome")).isEqualTo("TRANSPORT_ERROR");
      assertThat(o.get("http_status")).isNull();
      assertThat(o.get("warc_file")).as("nothing was sent, so nothing was exchanged").isNull();
      assertThat((String) o.get("detail")).contains("not_routed").contains("social.unrouted.example");
    });
    assertThat(cli.query("select state from post")).extracting(r -> r.get("state")).containsExactly("UNREACHABLE");
  }
}

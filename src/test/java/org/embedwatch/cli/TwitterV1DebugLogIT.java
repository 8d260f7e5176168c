package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.ChildCli;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review M5: Twitter4J logs the OAuth base string (consumer key and access token) at DEBUG. The real CLI, in a child
 * JVM so that its own logging configuration and stderr are used, runs a v1.1 capture at TRACE: every other logger
 * speaks, and no configured secret appears on stderr or stdout.
 */
class TwitterV1DebugLogIT {
  private static final Map<String, String> SECRETS = Map.of(
      "x.v1.consumer-key", "FAKECK7f3aSECRET",
      "x.v1.consumer-secret", "FAKECS91bdSECRET",
      "x.v1.access-token", "FAKEAT55e2SECRET",
      "x.v1.access-token-secret", "FAKEATSc0deSECRET");

  @TempDir Path work;
  private SandboxedCli env;

  @BeforeEach
  void start() throws IOException {
    env = SandboxedCli.start(work, SECRETS);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void noV1SecretIsLoggedEvenAtTrace() throws IOException, InterruptedException {
    Path article = Files.writeString(work.resolve("a.html"), Articles.twoEmbeds());

    ChildCli.Run run = new ChildCli(env.cli(), env.sandbox()).run(List.of(),
        Map.of("EMBEDWATCH_LOG_LEVEL", "TRACE"), Duration.ofSeconds(120), List.of("archive", article.toString()));

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(env.sandbox().requests()).as("Twitter4J did ask")
        .anySatisfy(r -> assertThat(r.host()).isEqualTo("api.twitter.com"));
    assertThat(run.err()).as("the log is at TRACE").contains(" DEBUG ");
    for (String secret : SECRETS.values()) {
      assertThat(run.err()).doesNotContain(secret).doesNotContain(secret.substring(0, 10));
      assertThat(run.out()).doesNotContain(secret);
    }
  }
}

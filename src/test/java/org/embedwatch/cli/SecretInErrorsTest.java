package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * L9 of the reliability review: an error about a bad {@code --set}, a bad configuration line or a bad value never
 * prints the value of a secret key, with or without {@code --verbose}; it names the key and says "[redacted]".
 */
class SecretInErrorsTest {
  private static final String SECRET = "FAKEBEARERd00dSECRET";

  @TempDir Path work;

  private record Run(int exit, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine(new Main(work, Clock.systemUTC(), new ByteArrayInputStream(new byte[0]),
        d -> {}));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--verbose");
    int exit = cl.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  @ParameterizedTest(name = "--set {0}")
  @CsvSource(delimiter = ';', textBlock = """
      x.v2.bearer-token:FAKEBEARERd00dSECRET       ; bad --set 'x.v2.bearer-token:[redacted]': write it as key=value
      x.v2.bearer-token FAKEBEARERd00dSECRET       ; bad --set 'x.v2.bearer-token [redacted]': write it as key=value
      meta.oembed-token:1234|FAKEBEARERd00dSECRET  ; bad --set 'meta.oembed-token:[redacted]': write it as key=value
      FAKEBEARERd00dSECRET                         ; bad --set '[redacted]': write it as key=value
      =FAKEBEARERd00dSECRET                        ; bad --set '[redacted]': write it as key=value
      x.v1.consumer-secret:FAKEBEARERd00dSECRET==  ; unknown configuration key 'x.v1.consumer-secret:[redacted]'
      store.password:FAKEBEARERd00dSECRET=x        ; unknown configuration key 'store.password:[redacted]'
      """)
  void aMistypedSetOfASecretNamesTheKeyOnly(String set, String expected) {
    Run run = run("status", "--set", set);

    assertThat(run.exit()).isEqualTo(CliErrorHandler.OPERATIONAL);
    assertThat(run.err()).startsWith("error: " + expected).doesNotContain(SECRET).doesNotContain("d00d");
  }

  @Test
  void aMistypedSetOfAnOrdinaryKeyIsQuotedAsGiven() {
    Run run = run("status", "--set", "check.interval:PT1H");

    assertThat(run.err()).startsWith("error: bad --set 'check.interval:PT1H': write it as key=value");
  }

  @Test
  void aSecretValueQuotedByAnyOtherMessageIsRedacted() {
    // A value error of an ordinary key that happens to quote a secret's value: the message is scrubbed, the cause
    // (NumberFormatException: For input string: "…") left out.
    Run run = run("status", "--set", "x.v2.bearer-token=" + SECRET, "--set", "net.retries=" + SECRET);

    assertThat(run.exit()).isEqualTo(CliErrorHandler.OPERATIONAL);
    assertThat(run.err()).startsWith("error: net.retries=[redacted] in ").contains("is not a whole number")
        .doesNotContain(SECRET);
  }

  @Test
  void aBadSecretInTheConfigurationFileIsNamedNotQuoted() throws IOException {
    Path config = work.resolve("secrets.properties");
    Files.writeString(config, "meta.oembed-token = 1234|FAKE d00d SECRET\nx.v2.bearer-token: " + SECRET + "\n");

    Run run = run("status", "--config", config.toString());

    assertThat(run.exit()).isEqualTo(CliErrorHandler.OPERATIONAL);
    assertThat(run.err()).startsWith("error: meta.oembed-token in " + config + " is not an access token")
        .doesNotContain("d00d");
  }
}

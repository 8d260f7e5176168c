package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The writer in front of stdout and stderr: nothing a terminal acts on gets through, line ends do. */
class TerminalWriterTest {
  private final StringWriter sink = new StringWriter();
  private final PrintWriter out = TerminalWriter.around(new PrintWriter(sink));

  @Test
  void controlCharactersAndBidiOverridesAreWrittenAsEscapesAndLineFeedsAndTabsPass() {
    out.print("a\u001b[2J\u0000\u0007\t\u007f\u0085\u009b1m\u202e\u2066\u2028z\nnext");
    out.println();
    out.flush();

    assertThat(sink.toString()).isEqualTo(
        "a\\u001b[2J\\u0000\\u0007\t\\u007f\\u0085\\u009b1m\\u202e\\u2066\\u2028z\nnext" + System.lineSeparator());
  }

  @Test
  void aCarriageReturnPassesOnlyAsPartOfACrlfEvenAcrossWrites() {
    out.print("row 1\r");
    out.print("\nrow 2\rfake\r");
    out.flush();

    assertThat(sink.toString()).isEqualTo("row 1\r\nrow 2\\rfake\\r");
  }

  @Test
  void jsonWrittenThroughItIsStillJsonWithTheSameValue() throws Exception {
    ObjectMapper json = new ObjectMapper();
    String value = "\u001b[2J \u0085 \u202eevil\u202c \\u001b";
    out.print(json.writeValueAsString(java.util.Map.of("text", value)));
    out.flush();

    assertThat(json.readTree(sink.toString()).path("text").asText()).isEqualTo(value);
    assertThat(sink.toString()).doesNotContain("\u0085", "\u202e");
  }

  @Test
  void aWriterIsWrappedOnce() {
    assertThat(TerminalWriter.around(out)).isSameAs(out);
  }
}

package org.embedwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The escaping each report format applies to a value from outside, one value at a time. */
class InertValuesTest {
  @Test
  void visibleTextEscapesControlsLineBreaksAndBidiOverridesButNotOrdinaryText() {
    assertThat(VisibleText.of("a\u001b[2J\u0000\r\n\t\u0085\u202e\u2069 \u200f\u0645\u0631\u062d\u0628\u0627 é"))
        .isEqualTo("a\\u001b[2J\\u0000\\r\\n\\t\\u0085\\u202e\\u2069 \u200f\u0645\u0631\u062d\u0628\u0627 é");
    assertThat(VisibleText.lines("one\u001b\r\ntwo\nthree")).isEqualTo("one\\u001b\ntwo\nthree");
    assertThat(VisibleText.of(null)).isNull();
  }

  @Test
  void markdownValuesAreTextNeverMarkupOrLinks() {
    assertThat(MarkdownReport.md("[click](javascript:alert(1)) <img src=x onerror=alert(1)> *a* _b_ `c` | # ~d~ &amp;"))
        .isEqualTo("\\[click\\](javascript\\:alert(1)) \\<img src=x onerror=alert(1)\\> \\*a\\* \\_b\\_ \\`c\\` \\| \\#"
            + " \\~d\\~ \\&amp;");
    assertThat(MarkdownReport.md("DATA :text/html,x VBScript:y")).isEqualTo("DATA \\:text/html,x VBScript\\:y");
    assertThat(MarkdownReport.md("line\nbreak")).isEqualTo("line\\\\nbreak");
    assertThat(MarkdownReport.md(null)).isEmpty();
  }

  @Test
  void onlyAPlainHttpUrlIsWrittenAsItIs() {
    assertThat(MarkdownReport.url("https://twitter.com/Samuel_Susla/status/1?s=20&t=x#frag"))
        .isEqualTo("https://twitter.com/Samuel_Susla/status/1?s=20&t=x#frag");
    assertThat(MarkdownReport.url("https://a.example/[x](javascript:alert(1))"))
        .isEqualTo("https://a.example/\\[x\\](javascript\\:alert(1))");
    assertThat(MarkdownReport.url("javascript:alert(1)")).isEqualTo("javascript\\:alert(1)");
    assertThat(MarkdownReport.url("https://a.example/\u001b[2J")).isEqualTo("https://a.example/\\\\u001b\\[2J");
  }

  @Test
  void aDetailsFenceIsLongerThanAnyBacktickRunInIt() {
    assertThat(MarkdownReport.fenced("a\n  ````\nb\u001b")).isEqualTo("  `````\n  a\n    ````\n  b\\u001b\n  `````\n");
    assertThat(MarkdownReport.fenced("plain")).isEqualTo("  ```\n  plain\n  ```\n");
  }

  @Test
  void csvCellsThatWouldStartAFormulaStartWithAQuote() {
    assertThat(ReportWriter.cell("=HYPERLINK(\"http://evil.example\",\"x\")"))
        .isEqualTo("'=HYPERLINK(\"http://evil.example\",\"x\")");
    assertThat(ReportWriter.cell("+1")).isEqualTo("'+1");
    assertThat(ReportWriter.cell("-2+3")).isEqualTo("'-2+3");
    assertThat(ReportWriter.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(ReportWriter.cell("\t=1")).isEqualTo("'\\t=1");
    assertThat(ReportWriter.cell("\r=1")).isEqualTo("'\\r=1");
    assertThat(ReportWriter.cell("a=1\u001b")).isEqualTo("a=1\\u001b");
    assertThat(ReportWriter.cell(null)).isNull();
  }
}

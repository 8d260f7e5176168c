package org.embedwatch.cli;

import java.util.Map;
import org.embedwatch.Archiver;
import org.embedwatch.evidence.Platform;
import org.embedwatch.extract.Reference;
import org.embedwatch.report.VisibleText;

/** The lines of a remnant's resolution, as {@code archive} and {@code resolve} print them. */
final class RemnantLines {
  private static final int EXCERPT = 40;

  private RemnantLines() {}

  /** {@code remnant @handle September 22, 2016 "text…"}. */
  static String remnant(Reference r) {
    String text = r.citedText();
    String quote = text == null ? "(no text)" : "\"" + (text.codePointCount(0, text.length()) <= EXCERPT ? text
        : text.substring(0, text.offsetByCodePoints(0, EXCERPT)) + "…") + "\"";
    return "remnant @" + VisibleText.of(r.handle()) + " " + VisibleText.of(r.citedDate()) + " " + VisibleText.of(quote);
  }

  /** The resolution, then, when it resolved, the capture of the post. */
  static String outcome(Archiver.RemnantResult r, Map<Platform, String> missingClients) {
    return VisibleText.of(r.resolution().line()) + (r.capture() == null ? ""
        : "\n    -> " + CaptureLines.outcome(r.capture(), missingClients));
  }
}

package org.embedwatch.cli;

import org.embedwatch.read.InputItem;
import org.embedwatch.report.VisibleText;

/**
 * The one-line outcomes of inputs that are not articles, shared by {@code extract} and {@code archive}. Inputs and
 * reasons can come from outside (a feed's entry, a server's answer): they are shown through {@link VisibleText#of}.
 */
final class InputLines {
  private InputLines() {}

  /** {@code feed.xml: RSS feed, 12 articles}, plus what was left out. */
  static String expansion(InputItem.Expansion e) {
    String line = VisibleText.of(e.input()) + ": " + e.container().label() + ", " + e.container().count(e.entries());
    if (e.leftOut() > 0) {
      line += e.container() == InputItem.Container.DIRECTORY
          ? " (" + e.leftOut() + " hidden left out)"
          : " (" + e.leftOut() + " without an address)";
    }
    if (e.overLimit() > 0) {
      line += " (" + e.overLimit() + " more left out: over the limit of entries per container)";
    }
    return line;
  }

  /** {@code x.xml: skipped: already expanded above}. */
  static String skipped(InputItem.Skipped s) {
    return VisibleText.of(s.input()) + ": skipped: " + VisibleText.of(s.reason());
  }

  /** The outcome line on stdout: {@code photo.html: unsupported: image/png}. */
  static String problem(InputItem.Problem p) {
    return VisibleText.of(p.input()) + ": " + p.problem().key() + ": " + VisibleText.of(p.reason());
  }

  /** The error line on stderr, with what to do: {@code error: a.html: unreadable: no such file (give …)}. */
  static String error(InputItem.Problem p) {
    return "error: " + problem(p) + " (" + VisibleText.of(p.remedy()) + ")";
  }
}

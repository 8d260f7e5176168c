package org.embedwatch.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import org.embedwatch.report.VisibleText;

/**
 * The writer in front of the operator's terminal (stdout and stderr of every command): whatever reaches it, each
 * character {@link VisibleText#isHidden} names is written as its visible escape, so that no byte a platform or a page
 * sent can clear the screen, move the cursor or reorder a line. Line feeds pass, and so does a carriage return
 * directly before one (a CRLF line end, as in CSV): the commands' own line structure; tabs pass too (stack traces),
 * as a tab can only move the cursor forward over blank space. A line break inside an outside
 * value is escaped where the value is put into a line ({@link VisibleText#of}), before it gets here. Not thread-safe
 * on its own; the {@link PrintWriter} around it locks.
 */
final class TerminalWriter extends FilterWriter {
  /** A carriage return seen at the end of the last write, not yet known to start a CRLF. */
  private boolean pendingCr;

  private TerminalWriter(Writer out) {
    super(out);
  }

  /** {@code out} behind a terminal writer, or {@code out} itself when it is one already. */
  static PrintWriter around(PrintWriter out) {
    return out instanceof Guarded ? out : new Guarded(new TerminalWriter(out));
  }

  @Override
  public void write(int c) throws IOException {
    write(new char[] {(char) c}, 0, 1);
  }

  @Override
  public void write(String s, int off, int len) throws IOException {
    write(s.toCharArray(), off, len);
  }

  @Override
  public void write(char[] cbuf, int off, int len) throws IOException {
    StringBuilder sb = new StringBuilder(len + 16);
    for (int i = off; i < off + len; i++) {
      char c = cbuf[i];
      if (pendingCr) {
        pendingCr = false;
        if (c == '\n') {
          sb.append("\r\n");
          continue;
        }
        VisibleText.appendEscape(sb, '\r');
      }
      if (c == '\r') {
        pendingCr = true;
      } else if (c == '\n' || c == '\t' || !VisibleText.isHidden(c)) {
        sb.append(c);
      } else {
        VisibleText.appendEscape(sb, c);
      }
    }
    out.write(sb.toString());
  }

  @Override
  public void flush() throws IOException {
    // A CR that nothing followed by the time output is flushed ends no line: it could only return the cursor.
    if (pendingCr) {
      pendingCr = false;
      out.write("\\r");
    }
    out.flush();
  }

  /** A print writer over a terminal writer; the type marks it, so that it is never wrapped twice. */
  private static final class Guarded extends PrintWriter {
    Guarded(TerminalWriter out) {
      super(out, true);
    }
  }
}

package org.embedwatch.cli;

import org.embedwatch.extract.Reference;
import org.embedwatch.report.VisibleText;

/**
 * One-line human descriptions of references, shared by {@code extract} and {@code archive}; what the article says
 * (id, handle, name, date, quoted text) is shown through {@link VisibleText#of}.
 */
final class ReferenceLines {
  private ReferenceLines() {}

  static String describe(Reference r) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.platform().key()).append(' ')
        .append(r.postId() == null ? "(no id)" : VisibleText.of(r.postId()));
    if (r.handle() != null) {
      sb.append(" @").append(VisibleText.of(r.handle()));
    }
    sb.append(" [").append(String.join(",", r.forms().stream().map(Reference.Form::key).toList())).append("; ")
        .append(r.scope().key()).append(']');
    if (r.displayName() != null || r.citedDate() != null) {
      sb.append(" — ").append(r.displayName() == null ? "" : VisibleText.of(r.displayName()))
          .append(r.citedDate() == null ? "" : ", " + VisibleText.of(r.citedDate()));
    }
    if (r.citedText() != null) {
      String t = VisibleText.of(r.citedText());
      sb.append(" \"").append(t.length() > 80 ? t.substring(0, 77) + "..." : t).append('"');
    }
    return sb.toString();
  }
}

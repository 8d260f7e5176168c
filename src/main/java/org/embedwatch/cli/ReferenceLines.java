package org.embedwatch.cli;

import org.embedwatch.extract.Reference;

/** One-line human descriptions of references, shared by {@code extract} and {@code archive}. */
final class ReferenceLines {
  private ReferenceLines() {}

  static String describe(Reference r) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.platform().key()).append(' ')
        .append(r.postId() == null ? "(no id)" : r.postId());
    if (r.handle() != null) {
      sb.append(" @").append(r.handle());
    }
    sb.append(" [").append(String.join(",", r.forms().stream().map(Reference.Form::key).toList())).append("; ")
        .append(r.scope().key()).append(']');
    if (r.displayName() != null || r.citedDate() != null) {
      sb.append(" — ").append(r.displayName() == null ? "" : r.displayName())
          .append(r.citedDate() == null ? "" : ", " + r.citedDate());
    }
    if (r.citedText() != null) {
      String t = r.citedText();
      sb.append(" \"").append(t.length() > 80 ? t.substring(0, 77) + "..." : t).append('"');
    }
    return sb.toString();
  }
}

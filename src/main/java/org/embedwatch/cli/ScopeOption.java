package org.embedwatch.cli;

import org.embedwatch.extract.Reference;

/** The {@code --scope} of {@code extract} and {@code archive}: which references they print or archive. */
enum ScopeOption {
  ARTICLE,
  PAGE,
  ALL;

  boolean shows(Reference r) {
    return switch (this) {
      case ARTICLE -> r.scope() == Reference.Scope.ARTICLE;
      case PAGE -> r.scope() == Reference.Scope.PAGE;
      case ALL -> true;
    };
  }

  /** What the left-out references are called: "page" when only article references are kept. */
  String hiddenName() {
    return this == ARTICLE ? "page" : "article";
  }
}

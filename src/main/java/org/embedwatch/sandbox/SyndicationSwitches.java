package org.embedwatch.sandbox;

/** The switchable behaviours of the syndication endpoint (platform-protocols.md §1.1). Thread-safe. */
final class SyndicationSwitches {
  private volatile boolean tokenEnforced;
  private volatile boolean browserUserAgentRequired;

  boolean tokenEnforced() {
    return tokenEnforced;
  }

  void tokenEnforced(boolean on) {
    tokenEnforced = on;
  }

  boolean browserUserAgentRequired() {
    return browserUserAgentRequired;
  }

  void browserUserAgentRequired(boolean on) {
    browserUserAgentRequired = on;
  }
}

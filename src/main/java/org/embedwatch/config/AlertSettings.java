package org.embedwatch.config;

import java.util.Properties;
import java.util.Set;

/** Where new findings are delivered ({@code alert.*}). */
public record AlertSettings() {
  /** The keys read here. */
  static final Set<String> KEYS = Set.of();

  static AlertSettings read(Properties p, String source) {
    return new AlertSettings();
  }
}

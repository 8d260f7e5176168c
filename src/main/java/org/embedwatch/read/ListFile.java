package org.embedwatch.read;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The entries of a list file ({@code @FILE} on the command line): one input per line, in UTF-8; blank lines and lines
 * whose first non-blank character is {@code #} are ignored, and each line is trimmed.
 */
final class ListFile {
  private ListFile() {}

  static List<String> entries(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<String> entries = new ArrayList<>();
    for (String line : text.split("\\R")) {
      String entry = line.strip();
      if (!entry.isEmpty() && !entry.startsWith("#")) {
        entries.add(entry);
      }
    }
    return entries;
  }
}

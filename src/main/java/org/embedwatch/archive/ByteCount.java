package org.embedwatch.archive;

import java.util.Locale;

/** A number of bytes as an operator reads it: {@code 512 bytes}, {@code 12 KB}, {@code 3.4 GB} (powers of 1024). */
final class ByteCount {
  private ByteCount() {}

  static String of(long bytes) {
    if (bytes < 1024) {
      return bytes + (bytes == 1 ? " byte" : " bytes");
    }
    String[] units = {"KB", "MB", "GB", "TB", "PB", "EB"};
    double v = bytes;
    int unit = -1;
    while (v >= 1024 && unit < units.length - 1) {
      v /= 1024;
      unit++;
    }
    return (v < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v)) + " "
        + units[unit];
  }
}

package org.embedwatch.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * A word diff of two texts as one readable line: words only in the first in {@code [-…-]}, words only in the second
 * in {@code {+…+}}, long runs of common words shortened to {@code …}.
 */
final class WordDiff {
  private WordDiff() {}

  private static final int CONTEXT = 4;

  static String of(String before, String after) {
    String[] a = before.isEmpty() ? new String[0] : before.split(" ");
    String[] b = after.isEmpty() ? new String[0] : after.split(" ");
    int[][] lcs = new int[a.length + 1][b.length + 1];
    for (int i = a.length - 1; i >= 0; i--) {
      for (int j = b.length - 1; j >= 0; j--) {
        lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> tokens = new ArrayList<>();
    List<Boolean> same = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i].equals(b[j])) {
        tokens.add(a[i++]);
        same.add(true);
        j++;
      } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
        StringBuilder run = new StringBuilder();
        while (i < a.length && !(j < b.length && a[i].equals(b[j]))
            && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
          run.append(run.isEmpty() ? "" : " ").append(a[i++]);
        }
        tokens.add("[-" + run + "-]");
        same.add(false);
      } else {
        StringBuilder run = new StringBuilder();
        while (j < b.length && !(i < a.length && a[i].equals(b[j]))
            && (i == a.length || lcs[i][j + 1] > lcs[i + 1][j])) {
          run.append(run.isEmpty() ? "" : " ").append(b[j++]);
        }
        tokens.add("{+" + run + "+}");
        same.add(false);
      }
    }
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < tokens.size(); k++) {
      if (same.get(k) && !nearChange(same, k)) {
        if (out.length() < 2 || !out.toString().endsWith("… ")) {
          out.append("… ");
        }
        continue;
      }
      out.append(tokens.get(k)).append(' ');
    }
    return out.toString().strip();
  }

  private static boolean nearChange(List<Boolean> same, int k) {
    for (int d = Math.max(0, k - CONTEXT); d <= Math.min(same.size() - 1, k + CONTEXT); d++) {
      if (!same.get(d)) {
        return true;
      }
    }
    return false;
  }
}

package org.embedwatch.verify;

import org.embedwatch.evidence.MediaKind;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.embedwatch.evidence.ContentFacets;
import org.embedwatch.evidence.Media;
import org.embedwatch.evidence.PostCapture;

/**
 * What differs between two captures of one post through one endpoint, as readable lines: the text (after Unicode NFC,
 * line by line), the author's handle and display name, the photos (by SHA-256, and by perceptual hash so that a
 * re-encoded copy is told from a replaced picture), the other media (by URL), links, edit history and community notes.
 * Engagement counts are not compared: captures do not carry them.
 *
 * @param changes one entry per changed aspect, each one or more lines; empty when the content is the same
 * @param notes differences that are not changes (a photo re-encoded), for the record
 */
public record ContentDiff(List<String> changes, List<String> notes) {
  public ContentDiff {
    changes = List.copyOf(changes);
    notes = List.copyOf(notes);
  }

  /** True when some content changed. */
  public boolean altered() {
    return !changes.isEmpty();
  }

  /** The names of what changed ({@code text}, {@code edit history}, {@code photo 1}, …), for a one-line summary. */
  public List<String> aspects() {
    return changes.stream().map(c -> {
      String first = c.lines().findFirst().orElse(c);
      int colon = first.indexOf(':');
      int paren = first.indexOf(" (");
      int end = colon < 0 ? first.length() : colon;
      return first.substring(0, paren > 0 && paren < end ? paren : end).replace(" replaced", "");
    }).toList();
  }

  /** The difference from {@code before} to {@code after}. */
  public static ContentDiff between(PostCapture before, PostCapture after) {
    List<String> changes = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    String oldText = nfc(before.text());
    String newText = nfc(after.text());
    if (!oldText.equals(newText)) {
      changes.add("text:\n" + lineDiff(oldText, newText));
    }
    if (!Objects.equals(before.authorHandle(), after.authorHandle())) {
      changes.add("author handle: @" + before.authorHandle() + " -> @" + after.authorHandle());
    }
    if (!Objects.equals(nfcOrNull(before.authorName()), nfcOrNull(after.authorName()))) {
      changes.add("author display name: \"" + before.authorName() + "\" -> \"" + after.authorName() + "\"");
    }
    photos(before.media(), after.media(), changes, notes);
    otherMedia(before.media(), after.media(), changes);
    if (before.facets() != null && after.facets() != null) {
      ContentFacets b = before.facets();
      ContentFacets a = after.facets();
      setChange("links", b.links(), a.links(), changes);
      if (!b.editIds().equals(a.editIds())) {
        changes.add("edit history: " + versions(b.editIds()) + " " + b.editIds() + " -> " + versions(a.editIds())
            + " " + a.editIds());
      }
      setChange("community notes", b.notes(), a.notes(), changes);
    }
    return new ContentDiff(changes, notes);
  }

  private static String versions(List<String> ids) {
    return ids.size() == 1 ? "1 version" : ids.size() + " versions";
  }

  /** Photos compared by position: same bytes, the same picture re-encoded, or another picture. */
  private static void photos(List<Media> before, List<Media> after, List<String> changes, List<String> notes) {
    List<Media> b = before.stream().filter(m -> m.kind() == MediaKind.PHOTO).toList();
    List<Media> a = after.stream().filter(m -> m.kind() == MediaKind.PHOTO).toList();
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      Media old = b.get(i);
      Media now = a.get(i);
      if (old.sha256() == null || now.sha256() == null || old.sha256().equals(now.sha256())) {
        continue;
      }
      String n = "photo " + (i + 1);
      if (old.dhash() != null && now.dhash() != null) {
        int d = PerceptualHash.distance(old.dhash(), now.dhash());
        if (d <= PerceptualHash.SAME_PICTURE) {
          notes.add(n + ": re-encoded copy, not a change (different bytes, sha256 " + shortSha(old) + " -> "
              + shortSha(now) + ", perceptual distance " + d + " of 64, at most " + PerceptualHash.SAME_PICTURE
              + " counts as the same picture)");
        } else {
          changes.add(n + " replaced (perceptual distance " + d + " of 64): sha256 " + shortSha(old) + " -> "
              + shortSha(now) + ", " + now.sourceUrl());
        }
      } else {
        // Without a perceptual hash on both sides the pictures cannot be compared: stated, never called a change.
        notes.add(n + ": bytes differ but the pictures cannot be compared (no perceptual hash): sha256 "
            + shortSha(old) + " -> " + shortSha(now) + ", " + now.sourceUrl());
      }
    }
    for (int i = b.size(); i < a.size(); i++) {
      changes.add("photo " + (i + 1) + " added: " + a.get(i).sourceUrl());
    }
    for (int i = a.size(); i < b.size(); i++) {
      changes.add("photo " + (i + 1) + " removed: " + b.get(i).sourceUrl());
    }
  }

  /** Videos, thumbnails and playlists compared by URL (their bytes are not re-fetched; avatars are not content). */
  private static void otherMedia(List<Media> before, List<Media> after, List<String> changes) {
    List<String> b = before.stream().filter(ContentDiff::otherMedia).map(m -> m.kind().key() + " " + m.sourceUrl())
        .toList();
    List<String> a = after.stream().filter(ContentDiff::otherMedia).map(m -> m.kind().key() + " " + m.sourceUrl())
        .toList();
    setChange("media", b, a, changes);
  }

  private static boolean otherMedia(Media m) {
    return m.kind() != MediaKind.PHOTO && m.kind() != MediaKind.AVATAR;
  }

  private static void setChange(String what, List<String> before, List<String> after, List<String> changes) {
    List<String> removed = before.stream().filter(x -> !after.contains(x)).toList();
    List<String> added = after.stream().filter(x -> !before.contains(x)).toList();
    if (removed.isEmpty() && added.isEmpty()) {
      if (!before.equals(after)) {
        changes.add(what + ": reordered " + before + " -> " + after);
      }
      return;
    }
    StringBuilder sb = new StringBuilder(what).append(':');
    removed.forEach(x -> sb.append("\n  - ").append(x));
    added.forEach(x -> sb.append("\n  + ").append(x));
    changes.add(sb.toString());
  }

  private static String shortSha(Media m) {
    return m.sha256().hex().substring(0, 12) + "…";
  }

  private static String nfc(String s) {
    return s == null ? "" : Normalizer.normalize(s, Normalizer.Form.NFC);
  }

  private static String nfcOrNull(String s) {
    return s == null ? null : nfc(s);
  }

  /** A line diff (longest common subsequence): unchanged lines indented, removed ones "- ", added ones "+ ". */
  static String lineDiff(String before, String after) {
    List<String> a = before.lines().toList();
    List<String> b = after.lines().toList();
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        out.add("    " + a.get(i++));
        j++;
      } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] > lcs[i + 1][j])) {
        out.add("  + " + b.get(j++));
      } else {
        out.add("  - " + a.get(i++));
      }
    }
    return String.join("\n", out);
  }
}

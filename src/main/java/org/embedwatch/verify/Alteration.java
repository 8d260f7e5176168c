package org.embedwatch.verify;

import org.embedwatch.evidence.MediaKind;
import org.embedwatch.evidence.FindingKind;
import java.util.List;
import java.util.Optional;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.evidence.CaptureRecord;
import org.embedwatch.evidence.Finding;
import org.embedwatch.evidence.Observation;
import org.embedwatch.evidence.PostCapture;
import org.embedwatch.evidence.PostRecord;

/**
 * The {@code ALTERED} finding a capture stored at a re-check shows, as a readable diff against the endpoint's previous
 * and first captures, and the photo digest {@link StateFold} compares besides the content fingerprint.
 */
public final class Alteration {
  private Alteration() {}

  /**
   * SHA-256 hex over the SHA-256 of each stored photo of {@code capture}, in order ({@code -} for one not stored): what
   * {@link StateFold} compares besides the fingerprint, so that a photo replaced under the same URL is a change.
   */
  public static String pictures(PostCapture capture) {
    StringBuilder sb = new StringBuilder();
    capture.media().stream().filter(m -> m.kind() == MediaKind.PHOTO)
        .forEach(m -> sb.append(m.sha256() == null ? "-" : m.sha256().hex()).append('\n'));
    return Sha256.of(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).hex();
  }

  /**
   * The {@code ALTERED} finding for a capture stored at a re-check: what changed since the previous capture of the
   * endpoint, and since its first, as a readable diff. Keyed by the endpoint and the content before and after, so the
   * same change is stored once. Empty when the new capture differs in nothing the diff compares (a photo that could
   * not be fetched before and is stored now). When articles quote the post, it says which version they quoted: an
   * edit after an article quoted the post exactly is this finding, never a misquote.
   */
  public static Optional<Finding> finding(PostRecord post, CaptureRecord first, CaptureRecord previous,
      PostCapture now, Observation observation, List<CitationCheck.Cited> citations) {
    ContentDiff sincePrevious = ContentDiff.between(previous.capture(), now);
    ContentDiff sinceFirst = ContentDiff.between(first.capture(), now);
    boolean fingerprintChanged = !previous.capture().fingerprint().equals(now.fingerprint());
    if (!sincePrevious.altered() && !fingerprintChanged) {
      return Optional.empty();
    }
    List<String> aspects = sincePrevious.altered() ? sincePrevious.aspects() : List.of("content fingerprint");
    String summary = String.join(", ", aspects) + (aspects.size() == 1 ? " differs" : " differ")
        + " from the capture of " + previous.capturedAt()
        + (first.id() == previous.id() ? " (the first)" : " (the first capture was at " + first.capturedAt() + ")")
        + ", first seen at the check of " + observation.observedAt() + " via " + observation.endpoint();
    Optional<String> cited = CitationCheck.citedVersions(citations, previous, now);
    if (cited.isPresent()) {
      summary += "; " + cited.get();
    }
    StringBuilder detail = new StringBuilder();
    detail.append("via ").append(observation.endpoint()).append(", first seen at the check of ")
        .append(observation.observedAt()).append('\n');
    detail.append("since the previous capture (").append(previous.capturedAt()).append("):\n");
    appendDiff(detail, sincePrevious, previous.capture(), now);
    if (first.id() != previous.id()) {
      detail.append("since the first capture (").append(first.capturedAt()).append("):\n");
      appendDiff(detail, sinceFirst, first.capture(), now);
    }
    cited.ifPresent(line -> detail.append("citations: ").append(line).append('\n'));
    String key = "post " + post.id() + " " + observation.endpoint() + ": " + previous.capture().fingerprint() + "/"
        + pictures(previous.capture()) + " -> " + now.fingerprint() + "/" + pictures(now);
    // Its observation id is this check's, set where the check is stored (in the same transaction).
    return Optional.of(new Finding(FindingKind.ALTERED, key, post.id(), null, null, null,
        observation.observedAt(), summary, detail.toString().stripTrailing()));
  }

  private static void appendDiff(StringBuilder sb, ContentDiff diff, PostCapture before, PostCapture after) {
    if (!diff.altered()) {
      sb.append("  content fingerprint ").append(before.fingerprint(), 0, 12).append("… -> ")
          .append(after.fingerprint(), 0, 12).append("… (a field compared only by the fingerprint changed: media"
              + " alt text, the quoted post's text or the creation time)\n");
    }
    for (String change : diff.changes()) {
      change.lines().forEach(l -> sb.append("  ").append(l).append('\n'));
    }
    for (String note : diff.notes()) {
      sb.append("  (").append(note).append(")\n");
    }
  }
}

package org.embedwatch.verify;

import org.embedwatch.extract.CitedDates;
import org.embedwatch.evidence.FindingKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.embedwatch.evidence.Platform;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.extract.Reference;
import org.embedwatch.evidence.CaptureRecord;
import org.embedwatch.evidence.CitationRecord;
import org.embedwatch.evidence.Finding;
import org.embedwatch.evidence.PostCapture;
import org.embedwatch.evidence.PostRecord;

/**
 * Compares what articles say about a post (quoted text, handle, display name, date) with the post as captured nearest
 * to the citation: the first capture of each endpoint (a memento copy counts as an endpoint of its own, so a copy from
 * before an edit is compared too). The quote matches when it matches any of them (endpoints render text differently);
 * a difference is stated against the newest of them. A later edit is not a misquote: it is an {@code ALTERED} finding
 * (see {@link #citedVersions}). Pure: it reads evidence values and stores nothing.
 */
public final class CitationCheck {
  private CitationCheck() {}

  /**
   * One difference between a citation and the post.
   *
   * @param aspect {@code text}, {@code handle}, {@code name} or {@code date}
   * @param key what makes the difference distinct (a finding is stored once per citation and key)
   * @param capture the capture it is stated against
   */
  public record Mismatch(String aspect, String key, String summary, String detail, CaptureRecord capture) {}

  /** A citation of the post and the article it belongs to (null when not known). */
  public record Cited(CitationRecord citation, Long articleId) {}

  /**
   * A {@code CITATION_MISMATCH} finding and the capture it is stated against (a capture of the check being made has a
   * negative id, and the finding no observation yet: it gets the one of that capture's observation when stored).
   */
  public record Stated(Finding finding, CaptureRecord against) {}

  /**
   * The differences between each of {@code citations} and the {@code captures} of the post (oldest first) nearest to
   * it, as findings first seen at {@code now}.
   */
  public static List<Stated> findings(PostRecord post, List<Cited> citations, List<CaptureRecord> captures,
      Instant now) {
    List<CaptureRecord> nearest = nearestPerEndpoint(captures);
    if (citations.isEmpty() || nearest.isEmpty()) {
      return List.of();
    }
    List<Stated> out = new ArrayList<>();
    for (Cited cited : citations) {
      CitationRecord citation = cited.citation();
      for (Mismatch m : compare(citation.reference(), nearest)) {
        // Keyed by article and post, not by citation row: a re-captured article citing alike is the same finding.
        String where = cited.articleId() == null ? "citation " + citation.id()
            : "article " + cited.articleId() + " post " + post.id();
        Long observation = m.capture().id() < 0 ? null : m.capture().observationId();
        out.add(new Stated(new Finding(FindingKind.CITATION_MISMATCH, where + ": " + m.key(), post.id(),
            citation.id(), cited.articleId(), observation, now, m.summary(), m.detail()), m.capture()));
      }
    }
    return out;
  }

  /** The first capture of each endpoint, newest first. */
  static List<CaptureRecord> nearestPerEndpoint(List<CaptureRecord> captures) {
    Map<String, CaptureRecord> byEndpoint = new LinkedHashMap<>();
    for (CaptureRecord c : captures) {
      byEndpoint.putIfAbsent(c.capture().endpoint(), c);
    }
    return byEndpoint.values().stream()
        .sorted(Comparator.comparing(CaptureRecord::capturedAt).thenComparing(CaptureRecord::id).reversed())
        .toList();
  }

  /**
   * For an {@code ALTERED} finding: whether the articles citing the post quoted it as it was before the change or as it
   * is after; empty when no citation quotes its text.
   */
  public static Optional<String> citedVersions(List<Cited> citations, CaptureRecord before, PostCapture after) {
    List<String> lines = new ArrayList<>();
    for (Cited cited : citations) {
      String quote = cited.citation().reference().citedText();
      if (CitedText.normalise(quote).isEmpty()) {
        continue;
      }
      boolean earlier = before.capture().text() != null && CitedText.matches(quote, before.capture().text());
      boolean later = after.text() != null && CitedText.matches(quote, after.text());
      String who = cited.articleId() == null ? "citation " + cited.citation().id() : "article " + cited.articleId();
      lines.add(who + " quoted " + (earlier && later ? "text both versions share"
          : earlier ? "the earlier version (as captured " + before.capturedAt() + "): it matched the post when cited"
          : later ? "the later version" : "neither version"));
    }
    return lines.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", lines));
  }

  /** The differences between what {@code cited} says and the {@code latest} captures (newest first). */
  public static List<Mismatch> compare(Reference cited, List<CaptureRecord> latest) {
    List<Mismatch> out = new ArrayList<>();
    text(cited, latest).ifPresent(out::add);
    handle(cited, latest).ifPresent(out::add);
    name(cited, latest).ifPresent(out::add);
    date(cited, latest).ifPresent(out::add);
    return out;
  }

  private static Optional<Mismatch> text(Reference cited, List<CaptureRecord> latest) {
    if (CitedText.normalise(cited.citedText()).isEmpty()) {
      return Optional.empty();
    }
    List<CaptureRecord> withText = latest.stream().filter(c -> c.capture().text() != null).toList();
    if (withText.isEmpty() || withText.stream().anyMatch(c -> CitedText.matches(cited.citedText(),
        c.capture().text()))) {
      return Optional.empty();
    }
    CaptureRecord newest = withText.get(0);
    String quote = CitedText.normalise(cited.citedText());
    String post = CitedText.normalise(newest.capture().text());
    String hash = Sha256.of((quote + "\n" + post).getBytes(StandardCharsets.UTF_8)).hex().substring(0, 16);
    String detail = WordDiff.of(quote, post) + "\n"
        + "([-…-] only in the article, {+…+} only in the post; links, entities, emoji variants and spacing ignored)\n"
        + "as cited: " + quote + "\n"
        + "the post: " + post;
    return Optional.of(new Mismatch("text", "text " + hash,
        "the article's quote differs from the post's text as captured " + at(newest), detail, newest));
  }

  private static Optional<Mismatch> handle(Reference cited, List<CaptureRecord> latest) {
    // Handles are compared on X only: elsewhere a URL may name the account by id (Bluesky DIDs, Mastodon accounts).
    if (cited.platform() != Platform.X || cited.handle() == null) {
      return Optional.empty();
    }
    List<CaptureRecord> withHandle = latest.stream().filter(c -> c.capture().authorHandle() != null).toList();
    if (withHandle.isEmpty() || withHandle.stream().anyMatch(
        c -> c.capture().authorHandle().equalsIgnoreCase(cited.handle()))) {
      return Optional.empty();
    }
    CaptureRecord newest = withHandle.get(0);
    String now = newest.capture().authorHandle();
    return Optional.of(new Mismatch("handle", "handle " + lower(cited.handle()) + "→" + lower(now),
        "cited as @" + cited.handle() + ", the post's author is now @" + now + " (captured " + at(newest) + ")",
        null, newest));
  }

  private static Optional<Mismatch> name(Reference cited, List<CaptureRecord> latest) {
    String name = CitedText.normalise(cited.displayName());
    if (name.isEmpty()) {
      return Optional.empty();
    }
    List<CaptureRecord> withName = latest.stream().filter(c -> c.capture().authorName() != null).toList();
    if (withName.isEmpty() || withName.stream().anyMatch(
        c -> CitedText.normalise(c.capture().authorName()).equals(name))) {
      return Optional.empty();
    }
    CaptureRecord newest = withName.get(0);
    String now = CitedText.normalise(newest.capture().authorName());
    return Optional.of(new Mismatch("name", "name " + name + "→" + now,
        "cited with the display name \"" + name + "\", the post's author name is \"" + now + "\" (captured "
            + at(newest) + ")", null, newest));
  }

  private static Optional<Mismatch> date(Reference cited, List<CaptureRecord> latest) {
    Optional<LocalDate> citedDate = CitedDates.parse(cited.citedDate());
    if (citedDate.isEmpty()) {
      return Optional.empty();
    }
    for (CaptureRecord c : latest) {
      Optional<LocalDate> created = CitedDates.created(c.capture().createdAt());
      if (created.isEmpty()) {
        continue;
      }
      long days = ChronoUnit.DAYS.between(created.get(), citedDate.get());
      if (Math.abs(days) <= 1) {
        return Optional.empty();
      }
      String createdAt = c.capture().createdAt();
      return Optional.of(new Mismatch("date", "date " + citedDate.get() + "→" + created.get(),
          "cited with the date \"" + cited.citedDate() + "\" (" + citedDate.get() + "), " + Math.abs(days)
              + " days " + (days > 0 ? "after" : "before") + " the post's creation time " + createdAt
              + " (captured " + at(c) + ")", null, c));
    }
    return Optional.empty();
  }

  private static String at(CaptureRecord c) {
    return c.capturedAt() + " via " + c.capture().endpoint();
  }

  private static String lower(String handle) {
    return handle.toLowerCase(Locale.ROOT);
  }
}

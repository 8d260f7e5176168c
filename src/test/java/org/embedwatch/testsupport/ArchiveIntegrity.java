package org.embedwatch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.embedwatch.evidence.ArticleCaptureRecord;
import org.embedwatch.evidence.CaptureRecord;
import org.embedwatch.evidence.CheckRecord;
import org.embedwatch.evidence.DerivedState;
import org.embedwatch.evidence.Media;
import org.embedwatch.evidence.MementoRecord;
import org.embedwatch.evidence.Observation;
import org.embedwatch.evidence.ObservationRecord;
import org.embedwatch.evidence.PostRecord;
import org.embedwatch.evidence.PostState;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.evidence.WarcLocation;
import org.embedwatch.verify.StateFold;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;

/**
 * What must hold of a stored archive whenever it is at rest, after a crash too: every check is whole, every state is
 * re-derived from the stored evidence under the policy stored with it, and every pointer into WARC files, media files
 * and article bodies leads to whole bytes. Debris nothing points at (a WARC record cut short, a temporary file) is
 * allowed.
 */
public final class ArchiveIntegrity {
  private ArchiveIntegrity() {}

  /**
   * Asserts all of it for {@code cli}'s archive.
   *
   * @param when named in every failure, e.g. {@code trial 3 after the kill}
   * @return what was stored, as read for the assertions
   */
  public static EvidenceView.Stored assertIntact(CliRunner cli, String when) {
    EvidenceView.Stored stored = new EvidenceView(cli).stored();
    List<Located> locations = new ArrayList<>();
    for (EvidenceView.PostEvidence p : stored.posts()) {
      String what = when + ": post " + p.post().post().postId();
      assertWholeChecks(p.post(), what);
      assertStatesReDerived(p.post(), what);
      for (ObservationRecord o : p.post().observations()) {
        locations.add(new Located(o.observation().warc(), what + " observation " + o.id()));
      }
      for (CaptureRecord c : p.captures()) {
        assertThat(Sha256.of(c.capture().body())).as("%s capture %d: SHA-256 of its body (scope %s)", what, c.id(),
            c.capture().bodyScope()).isEqualTo(c.capture().bodySha256());
        for (Media m : c.capture().media()) {
          locations.add(new Located(m.warc(), what + " capture " + c.id() + " media " + m.sourceUrl()));
        }
      }
      for (MementoRecord m : p.mementos()) {
        locations.add(new Located(m.warc(), what + " memento " + m.id()));
      }
    }
    for (ArticleCaptureRecord a : stored.articleCaptures()) {
      String what = when + ": article capture " + a.id();
      locations.add(new Located(a.capture().warc(), what));
      assertFileHashes(cli.archiveDir().resolve(a.capture().bodyPath()), a.capture().sha256().hex(), what);
    }
    // No reader covers the media table itself (content-addressed files, each stored once).
    for (Map<String, Object> m : cli.query("select id, sha256, path from media")) {
      assertFileHashes(cli.archiveDir().resolve((String) m.get("path")), (String) m.get("sha256"),
          when + ": media " + m.get("id"));
    }
    assertWarcRecordsWhole(cli.archiveDir().resolve("warc"), locations);
    return stored;
  }

  /**
   * Every check has one live observation per endpoint of its stored policy, and every live observation belongs to a
   * stored check. Observations of web archives ({@code wayback-*}) belong to no check.
   */
  public static void assertWholeChecks(EvidenceView.Post p, String what) {
    Map<Integer, Long> perCheck = p.observations().stream().map(ObservationRecord::observation)
        .filter(o -> !o.corroboration()).collect(Collectors.groupingBy(Observation::check, Collectors.counting()));
    Set<Integer> numbers = p.checks().stream().map(CheckRecord::number).collect(Collectors.toSet());
    assertThat(numbers).as("%s: check numbers", what).hasSize(p.checks().size());
    for (CheckRecord c : p.checks()) {
      assertThat(perCheck.getOrDefault(c.number(), 0L)).as("%s: live observations of check %d (its policy asked %s)",
          what, c.number(), c.policy().endpoints()).isEqualTo(c.policy().endpoints().size());
    }
    assertThat(perCheck.keySet()).as("%s: the check numbers of live observations, each with its check row", what)
        .isSubsetOf(numbers);
  }

  /**
   * The post's stored state is its observations folded under its last check's stored policy, each check's conclusion
   * is the observations up to it folded under its own, and the post row's last and next check times are its last
   * check's.
   */
  public static void assertStatesReDerived(EvidenceView.Post p, String what) {
    PostRecord post = p.post();
    List<Observation> all = p.observations().stream().map(ObservationRecord::observation).toList();
    if (p.checks().isEmpty()) {
      assertThat(post.state()).as("%s: state without a stored check", what).isEqualTo(PostState.PENDING);
      return;
    }
    for (CheckRecord c : p.checks()) {
      DerivedState again = StateFold.fold(all.stream().filter(o -> o.check() <= c.number()).toList(), c.policy());
      assertThat(again.state()).as("%s: check %d re-derived", what, c.number()).isEqualTo(c.state());
      assertThat(again.reason()).as("%s: the reason of check %d re-derived", what, c.number()).isEqualTo(c.reason());
    }
    CheckRecord last = p.checks().get(p.checks().size() - 1);
    DerivedState now = StateFold.fold(all, last.policy());
    assertThat(now.state()).as("%s: the stored state re-derived under the policy of check %d", what, last.number())
        .isEqualTo(post.state());
    assertThat(now.reason()).as("%s: the stored reason re-derived", what).isEqualTo(post.reason());
    // The post row caches its last check, written in the check's transaction.
    assertThat(post.lastCheckedAt()).as("%s: last checked, at check %d", what, last.number()).isEqualTo(last.at());
    assertThat(post.nextCheckAt()).as("%s: next due time, that of check %d", what, last.number())
        .isEqualTo(last.nextDue());
  }

  private static void assertFileHashes(Path file, String sha256, String what) {
    assertThat(file).as("%s: stored file", what).isRegularFile();
    try {
      assertThat(Sha256.of(Files.readAllBytes(file)).hex()).as("%s: SHA-256 of %s", what, file).isEqualTo(sha256);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " (" + what + ")", e);
    }
  }

  /** A stored WARC location and what points at it. */
  private record Located(WarcLocation warc, String what) {}

  /**
   * Each location is a whole record with its id at its offset (file relative to the WARC directory): readable to the
   * end of its block, whose digest is the one declared.
   */
  private static void assertWarcRecordsWhole(Path warcDir, List<Located> locations) {
    Map<String, List<Located>> byFile = new LinkedHashMap<>();
    locations.stream().filter(l -> l.warc() != null)
        .forEach(l -> byFile.computeIfAbsent(l.warc().file(), f -> new ArrayList<>()).add(l));
    byFile.forEach((name, located) -> {
      Path file = warcDir.resolve(name);
      assertThat(file).as("%s: WARC file", located.get(0).what()).isRegularFile();
      try (FileChannel channel = FileChannel.open(file); WarcReader reader = new WarcReader(channel)) {
        reader.calculateBlockDigest();
        for (Located l : located) {
          assertWholeRecord(reader, l);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read WARC file " + file, e);
      }
    });
  }

  private static void assertWholeRecord(WarcReader reader, Located l) {
    try {
      reader.position(l.warc().offset());
      Optional<WarcRecord> record = reader.next();
      assertThat(record).as("%s: a record at %s", l.what(), l.warc()).isPresent();
      assertThat(record.get().id()).as("%s: the record at %s", l.what(), l.warc()).isEqualTo(l.warc().recordId());
      record.get().body().consume();
      Optional<WarcDigest> declared = record.get().blockDigest();
      if (declared.isPresent()) {
        assertThat(record.get().calculatedBlockDigest()).as("%s: block digest at %s", l.what(), l.warc())
            .contains(declared.get());
      }
    } catch (IOException e) {
      throw new AssertionError(l.what() + ": no whole record at " + l.warc() + ": " + e, e);
    }
  }
}

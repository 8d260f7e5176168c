package org.embedwatch;

import org.embedwatch.evidence.EvidenceEvent;
import org.embedwatch.evidence.FindingKind;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.embedwatch.archive.ArchiveWriteException;
import org.embedwatch.archive.BlobStore;
import org.embedwatch.capture.CheckResult;
import org.embedwatch.capture.CheckRunner;
import org.embedwatch.capture.StopToken;
import org.embedwatch.extract.Reference;
import org.embedwatch.extract.ReferenceExtractor;
import org.embedwatch.read.ArticleCapture;
import org.embedwatch.read.InputExpander;
import org.embedwatch.read.InputItem;
import org.embedwatch.resolve.RemnantResolver;
import org.embedwatch.store.EvidenceReader;
import org.embedwatch.store.EvidenceStore;
import org.embedwatch.evidence.CapturedArticle;
import org.embedwatch.evidence.ArticleCaptureRecord;
import org.embedwatch.evidence.Finding;
import org.embedwatch.evidence.PostRecord;
import org.embedwatch.verify.ArticleDrift;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over one article (read by {@link org.embedwatch.read.InputExpander}): store its raw bytes, extract
 * references, store the capture with its references (one transaction), then capture each referenced post. The article
 * is committed before any post is fetched, so a failure later loses nothing already read.
 */
public final class Archiver {
  private static final Logger log = LoggerFactory.getLogger(Archiver.class);
  private final ReferenceExtractor extractor;
  private final BlobStore articleFiles;
  private final EvidenceStore store;
  private final CheckRunner checker;
  private final EvidenceReader reader;
  private final Clock clock;
  private final RemnantResolver remnants;
  private final InputExpander inputs;
  private final int maxReferences;
  /** Whether posts checked before are checked again when an article cites them (see {@link #leavingKnownPosts}). */
  private final boolean checkKnownPosts;

  /**
   * @param remnants asked about each remnant of the article once its posts are captured
   */
  public Archiver(ReferenceExtractor extractor, BlobStore articleFiles, EvidenceStore store,
      CheckRunner checker, EvidenceReader reader, Clock clock, RemnantResolver remnants, InputExpander inputs) {
    this(extractor, articleFiles, store, checker, reader, clock, remnants, inputs, 1000);
  }

  /**
   * @param remnants asked about each remnant of the article once its posts are captured
   * @param maxReferences the most references of one article stored and captured ({@code extract.max-references})
   */
  public Archiver(ReferenceExtractor extractor, BlobStore articleFiles, EvidenceStore store,
      CheckRunner checker, EvidenceReader reader, Clock clock, RemnantResolver remnants, InputExpander inputs,
      int maxReferences) {
    this(extractor, articleFiles, store, checker, reader, clock, remnants, inputs, maxReferences, true);
  }

  private Archiver(ReferenceExtractor extractor, BlobStore articleFiles, EvidenceStore store,
      CheckRunner checker, EvidenceReader reader, Clock clock, RemnantResolver remnants, InputExpander inputs,
      int maxReferences, boolean checkKnownPosts) {
    this.checkKnownPosts = checkKnownPosts;
    this.maxReferences = maxReferences;
    this.inputs = inputs;
    this.reader = reader;
    this.remnants = remnants;
    this.extractor = extractor;
    this.articleFiles = articleFiles;
    this.store = store;
    this.checker = checker;
    this.clock = clock;
  }

  /**
   * What archiving one input gave.
   *
   * @param references every reference in scope with the result of capturing its post (null for remnants without an id)
   * @param leftOut how many references were out of scope: neither stored nor captured
   * @param overLimit how many references in scope were over {@code extract.max-references}: neither stored nor
   *     captured
   * @param related the posts the captured ones quote or reply to, captured as posts of their own (first seen now)
   * @param remnants what resolving each remnant (reference without a post id) gave, in the order of the references
   */
  public record Result(ArticleCapture article, long articleCaptureId, List<ReferenceResult> references, int leftOut,
      List<CheckResult> related, List<RemnantResult> remnants, int overLimit) {}

  /** A remnant's resolution and, when it resolved to a post, the capture of that post (else null). */
  public record RemnantResult(RemnantResolver.Resolution resolution, CheckResult capture) {}

  /** One reference and what capturing its post gave, or null when it has no post id. */
  public record ReferenceResult(Reference reference, CheckResult capture) {}

  /** One item of a run over many inputs, as it happens. */
  public sealed interface Item {
    /** An article archived (and, for a re-capture, compared with its previous capture: else null). */
    record Archived(String input, Result result, Recapture recapture) implements Item {}

    /** What expanding the inputs said besides articles: a container expanded, an entry skipped, a problem. */
    record Input(InputItem item) implements Item {}

    /**
     * One post's check, done (and committed, unless it failed) while its article is archived: told as it happens,
     * before the article's {@link Archived}, which holds it too (for progress; its lines belong to the article).
     */
    record Checked(CheckResult result) implements Item {}
  }

  /**
   * What a run over many inputs gave.
   *
   * @param problems inputs that could not be read or archived (each told to the sink as a problem)
   * @param failedChecks posts whose check failed (each printed as such in its article's result)
   */
  public record Summary(int articles, int problems, int failedChecks) {
    /** True when every input was archived and every post checked. */
    public boolean clean() {
      return problems == 0 && failedChecks == 0;
    }
  }

  /**
   * Expands {@code inputs} and archives (or, with {@code recapture}, re-captures) each article, telling {@code sink}
   * every result as it happens. One article's unexpected failure is that input's problem: the run goes on.
   *
   * @param baseDir what relative paths are resolved against
   * @param stdin what {@code -} reads
   */
  public Summary archiveAll(List<String> inputs, Path baseDir, InputStream stdin, Predicate<Reference> inScope,
      boolean recapture, Consumer<Item> sink) {
    return archiveAll(inputs, baseDir, stdin, inScope, recapture, new StopToken(), sink);
  }

  /**
   * As {@link #archiveAll(List, Path, InputStream, Predicate, boolean, Consumer)}, starting no new input, article or
   * post check once {@code stop} is requested: the checks running then finish and commit, and their article is told
   * with the posts left unchecked ({@link ReferenceResult#capture()} null for a post id); the rest is not read.
   */
  public Summary archiveAll(List<String> inputs, Path baseDir, InputStream stdin, Predicate<Reference> inScope,
      boolean recapture, StopToken stop, Consumer<Item> sink) {
    int[] counts = new int[3];
    Consumer<CheckResult> onCheck = r -> sink.accept(new Item.Checked(r));
    this.inputs.expand(inputs, baseDir, stdin, stop::requested, item -> {
      if (item instanceof InputItem.Article article) {
        if (stop.requested()) {
          return; // read before the stop came, but neither stored nor told: the run again reads it
        }
        try {
          Recapture r = recapture ? recapture(article.capture(), inScope, stop, onCheck) : null;
          Result result = r != null ? r.result() : archive(article.capture(), inScope, stop, onCheck);
          counts[0]++;
          counts[2] += failedChecks(result);
          sink.accept(new Item.Archived(item.input(), result, r));
        } catch (ArchiveWriteException e) {
          throw e; // the run's failure: no later input could be stored either
        } catch (RuntimeException e) {
          log.warn("unexpected error archiving {}", item.input(), e);
          counts[1]++;
          sink.accept(new Item.Input(InputExpander.internalError(item.input(), e)));
        }
        return;
      }
      if (item instanceof InputItem.Problem) {
        counts[1]++;
      }
      sink.accept(new Item.Input(item));
    });
    return new Summary(counts[0], counts[1], counts[2]);
  }

  /** How many of the article's posts (cited, or named by those) could not be checked. */
  private static int failedChecks(Result result) {
    int n = 0;
    for (ReferenceResult r : result.references()) {
      n += r.capture() != null && r.capture().failed() ? 1 : 0;
    }
    for (CheckResult r : result.related()) {
      n += r.failed() ? 1 : 0;
    }
    return n;
  }

  /**
   * This archiver, checking only the posts of an article never checked before: for the scheduler's tasks
   * ({@code archive-article}, {@code recapture-article}), where a known post keeps its own check-post cadence (a daily
   * re-capture would otherwise check every cited post daily). Citations of known posts are still compared.
   */
  public Archiver leavingKnownPosts() {
    return new Archiver(extractor, articleFiles, store, checker, reader, clock, remnants, inputs, maxReferences, false);
  }

  /** Tries each remnant not resolved yet, capturing each post one resolves to. */
  public List<RemnantResult> resolveUnresolved() {
    return resolveRemnants(reader.unresolvedRemnants());
  }

  /**
   * Archives one article: the references {@code inScope} accepts are stored and their posts captured; the others
   * (page furniture, by default) are only counted.
   */
  public Result archive(ArticleCapture article, Predicate<Reference> inScope) {
    return archive(article, inScope, new StopToken(), r -> {});
  }

  private Result archive(ArticleCapture article, Predicate<Reference> inScope, StopToken stop,
      Consumer<CheckResult> onCheck) {
    List<Reference> all = extractor.extract(article.text(), article.textType(), article.baseUrl());
    List<Reference> inScopeReferences = all.stream().filter(inScope).toList();
    List<Reference> references = inScopeReferences.size() <= maxReferences ? inScopeReferences
        : inScopeReferences.subList(0, maxReferences);
    if (references.size() < inScopeReferences.size()) {
      log.warn("{} has {} references; extract.max-references={}: the other {} are not archived", article.input(),
          inScopeReferences.size(), maxReferences, inScopeReferences.size() - maxReferences);
    }
    BlobStore.Blob blob = articleFiles.put(article.raw());
    EvidenceStore.SavedArticle saved = store.record(new EvidenceEvent.ArticleCaptured(new CapturedArticle(article.input(),
        article.url() == null ? null : article.url().toString(), article.readAt(), article.mediaType(),
        article.charset(), article.sha256(), article.raw().length, blob.path().toString(), article.warc(),
        article.finalUrl() == null || article.finalUrl().equals(article.url()) ? null : article.finalUrl().toString()),
        references, clock.instant()));
    Map<Long, PostRecord> posts = new LinkedHashMap<>();
    saved.references().forEach(ref -> ref.post().ifPresent(p -> posts.putIfAbsent(p.id(), p)));
    Map<Long, CheckResult> captures = new HashMap<>();
    List<CheckResult> related = new ArrayList<>();
    List<PostRecord> toCheck = posts.values().stream().filter(p -> checkKnownPosts || p.lastCheckedAt() == null)
        .toList();
    checker.checkAll(toCheck, stop, r -> {
      onCheck.accept(r);
      if (posts.containsKey(r.post().id())) {
        captures.put(r.post().id(), r);
      } else {
        related.add(r);
      }
    });
    // A post captured before, now cited by this article too, is compared here: its check stored no new capture, so
    // it compared nothing (a post captured just now was compared when its capture was stored).
    posts.values().stream().filter(p -> captures.get(p.id()) == null || !captures.get(p.id()).captured())
        .forEach(checker::compareCitations);
    List<ReferenceResult> results = new ArrayList<>();
    for (EvidenceStore.SavedReference ref : saved.references()) {
      results.add(new ReferenceResult(ref.reference(), ref.post().map(p -> captures.get(p.id())).orElse(null)));
    }
    // Stopped: no remnant is resolved (that would ask Wayback and check the posts found).
    List<RemnantResult> resolved = stop.requested() ? List.of()
        : resolveRemnants(reader.citations(saved.articleCaptureId()));
    return new Result(article, saved.articleCaptureId(), results, all.size() - inScopeReferences.size(), related,
        resolved, inScopeReferences.size() - references.size());
  }

  /**
   * Tries each remnant among {@code citations} and captures, through the normal checker, each post one resolves to.
   */
  public List<RemnantResult> resolveRemnants(List<org.embedwatch.evidence.CitationRecord> citations) {
    List<RemnantResolver.Resolution> resolutions = citations.stream().filter(RemnantResolver::applies)
        .map(remnants::resolve).toList();
    Map<Long, PostRecord> resolved = new LinkedHashMap<>();
    resolutions.forEach(r -> r.post().ifPresent(p -> resolved.putIfAbsent(p.id(), p)));
    Map<Long, CheckResult> captures = new HashMap<>();
    checker.checkAll(List.copyOf(resolved.values()), r -> captures.putIfAbsent(r.post().id(), r));
    return resolutions.stream().map(r -> new RemnantResult(r, r.post().map(p -> captures.get(p.id())).orElse(null)))
        .toList();
  }

  /**
   * What re-capturing one article gave.
   *
   * @param previousAt when the article was captured last before, or null when this is its first capture
   * @param drift the references of that capture removed or replaced in this one, each stored as an
   *     {@code ARTICLE_DRIFT} finding (stored now or before)
   */
  public record Recapture(Result result, Instant previousAt, List<Finding> drift) {
    public Recapture {
      drift = List.copyOf(drift);
    }
  }

  /**
   * Archives {@code article} again (see {@link #archive}) and compares its references with those of the article's
   * previous capture: every reference removed or replaced is stored as an {@code ARTICLE_DRIFT} finding.
   */
  public Recapture recapture(ArticleCapture article, Predicate<Reference> inScope) {
    return recapture(article, inScope, new StopToken(), r -> {});
  }

  private Recapture recapture(ArticleCapture article, Predicate<Reference> inScope, StopToken stop,
      Consumer<CheckResult> onCheck) {
    Optional<ArticleCaptureRecord> previous = reader.findArticle(article.input())
        .flatMap(id -> reader.articleCapturesOf(id).stream().reduce((a, b) -> b));
    Result result = archive(article, inScope, stop, onCheck);
    if (previous.isEmpty()) {
      return new Recapture(result, null, List.of());
    }
    ArticleCaptureRecord before = previous.get();
    ArticleCaptureRecord now = reader.articleCapture(result.articleCaptureId()).orElseThrow();
    Instant t1 = before.capture().capturedAt();
    Instant t2 = now.capture().capturedAt();
    List<Finding> drift = new ArrayList<>();
    for (ArticleDrift.Drift d : ArticleDrift.compare(reader.citations(before.id()), reader.citations(now.id()))) {
      Finding f = new Finding(FindingKind.ARTICLE_DRIFT, "article " + before.articleId() + " capture " + before.id()
          + "→" + now.id() + ": " + d.key(), d.before().postRef(), d.before().id(), before.articleId(), null,
          clock.instant(), d.summary(t1, t2), "earlier capture " + t1 + " (sha256 " + before.capture().sha256().hex()
          + "), later capture " + t2 + " (sha256 " + now.capture().sha256().hex() + ")");
      drift.add(f);
    }
    store.record(new EvidenceEvent.FindingsRecorded(drift));
    return new Recapture(result, t1, drift);
  }
}

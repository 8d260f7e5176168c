package org.embedwatch.capture;

import org.embedwatch.evidence.MediaKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.embedwatch.evidence.CaptureRecord;
import org.embedwatch.evidence.Media;
import org.embedwatch.evidence.Observation;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.Platform;
import org.embedwatch.evidence.PostCapture;
import org.embedwatch.evidence.PostLink;
import org.embedwatch.evidence.PostRecord;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.platform.PostContent;
import org.embedwatch.platform.PostEndpoint;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.platform.PostKey;
import org.embedwatch.verify.Alteration;
import org.embedwatch.verify.ContentDiff;
import org.embedwatch.verify.PerceptualHash;

/**
 * Asks every endpoint of a post's platform about the post once and turns each answer into what a check stores: the
 * observation, and a capture with its media when the endpoint served content it had not served last time (or a photo
 * was replaced under an unchanged URL). Stores nothing in the database: media bytes go to their files and every
 * exchange to WARC as it happens. Thread-safe.
 */
final class PostObserver {
  private final List<PostEndpoint> endpoints;
  private final MediaFetcher media;
  private final boolean refetchPhotos;

  PostObserver(List<PostEndpoint> endpoints, MediaFetcher media, boolean refetchPhotos) {
    this.endpoints = List.copyOf(endpoints);
    this.media = media;
    this.refetchPhotos = refetchPhotos;
  }

  /**
   * One endpoint's answer in one check.
   *
   * @param capture the capture to store, or null when the endpoint served nothing new (or nothing)
   * @param previous the endpoint's last stored capture before this check, or null
   * @param first the endpoint's first stored capture, or null
   * @param links the posts {@code capture} names (empty without a capture)
   */
  record Answer(PostFetch fetch, Observation observation, PostCapture capture, CaptureRecord previous,
      CaptureRecord first, List<PostLink> links) {
    /** The same answer, its observation numbered as part of check {@code n}. */
    Answer inCheck(int n) {
      return new Answer(fetch, observation.inCheck(n), capture, previous, first, links);
    }
  }

  /** The names of the endpoints that observe posts of {@code platform}, in the order they are asked. */
  List<String> endpointsOf(Platform platform) {
    return endpoints.stream().filter(e -> e.platform() == platform).map(PostEndpoint::name).toList();
  }

  /**
   * Asks each endpoint of the post's platform, or takes its answer from {@code batched} (endpoint name → answer) when a
   * batch endpoint answered for it already.
   *
   * @param history the post's stored observations, oldest first
   * @param captures the post's stored captures (without bodies), oldest first
   */
  List<Answer> observe(PostRecord post, Map<String, PostFetch> batched, List<Observation> history,
      List<CaptureRecord> captures) {
    List<Answer> answers = new ArrayList<>();
    for (PostEndpoint endpoint : endpoints) {
      if (endpoint.platform() != post.platform()) {
        continue;
      }
      PostFetch fetch = batched.containsKey(endpoint.name()) ? batched.get(endpoint.name())
          : endpoint.fetch(key(post));
      answers.add(answer(post, fetch, history, captures));
    }
    return answers;
  }

  static PostKey key(PostRecord post) {
    return new PostKey(post.platform(), post.postId(), post.handle(), post.url());
  }

  private Answer answer(PostRecord post, PostFetch fetch, List<Observation> history, List<CaptureRecord> captures) {
    Observation observation = Observations.of(fetch);
    List<CaptureRecord> mine = captures.stream().filter(c -> c.capture().endpoint().equals(fetch.endpoint())).toList();
    CaptureRecord previous = mine.isEmpty() ? null : mine.get(mine.size() - 1);
    CaptureRecord first = mine.isEmpty() ? null : mine.get(0);
    if (!(fetch instanceof PostFetch.Served served)) {
      return new Answer(fetch, observation, null, previous, first, List.of());
    }
    PostCapture capture = newContent(history, served).orElse(null);
    ContentDiff photosOnly = null;
    if (capture == null && refetchPhotos && previous != null) {
      PhotoCheck photos = refetchPhotos(served, previous.capture());
      capture = photos.capture();
      photosOnly = photos.diff();
    }
    PostCapture current = capture != null ? capture : previous == null ? null : previous.capture();
    String note = photosOnly != null && !photosOnly.notes().isEmpty() && !photosOnly.altered()
        ? String.join("; ", photosOnly.notes()) : null;
    observation = observation.withPictures(current == null ? null : Alteration.pictures(current), note);
    List<PostLink> links = capture == null ? List.of() : links(served.content(), post);
    return new Answer(fetch, observation, capture, previous, first, links);
  }

  /**
   * The capture to store when {@code served} is content this endpoint has not served last time. A capture is stored
   * whenever the fingerprint changes, so the last available observation of the endpoint carries the fingerprint of
   * its last capture: no stored body needs to be read to decide.
   */
  private Optional<PostCapture> newContent(List<Observation> history, PostFetch.Served served) {
    Optional<Observation> lastServed = history.stream()
        .filter(o -> o.outcome() == Outcome.AVAILABLE && o.endpoint().equals(served.endpoint()))
        .reduce((a, b) -> b);
    if (lastServed.isPresent() && served.content().fingerprint().equals(lastServed.get().fingerprint())) {
      return Optional.empty();
    }
    return Optional.of(capture(served, media.fetchAll(served.content().media())));
  }

  /**
   * What re-fetching a served post's photos gave: the capture to store when a photo was replaced (same content
   * otherwise, the replaced photo's new bytes in its place), else null; and the comparison with the last capture.
   */
  private record PhotoCheck(PostCapture capture, ContentDiff diff) {}

  /**
   * Fetches the photos of {@code last} (this endpoint's last capture, whose fingerprint the post still has) again. A
   * photo that could not be fetched now keeps its stored bytes: a failed fetch is no evidence of a change.
   */
  private PhotoCheck refetchPhotos(PostFetch.Served served, PostCapture last) {
    if (last.media().stream().noneMatch(m -> m.kind() == MediaKind.PHOTO && m.sha256() != null)) {
      return new PhotoCheck(null, null);
    }
    List<Media> now = new ArrayList<>();
    for (Media m : last.media()) {
      if (m.kind() != MediaKind.PHOTO || m.sha256() == null) {
        now.add(m);
        continue;
      }
      Media again = media.fetch(new PostContent.MediaRef(m.kind(), m.sourceUrl()));
      // Not fetched, or not a picture we can compare (an error page, a format ImageIO cannot read): nothing is
      // known about the photo now, so the stored one stands; an unexpected answer is never an alteration.
      boolean comparable = again.sha256() != null && (m.dhash() == null || again.dhash() != null);
      now.add(comparable ? again : m);
    }
    PostCapture candidate = capture(served, now);
    ContentDiff diff = ContentDiff.between(last, candidate);
    if (!diff.altered()) {
      return new PhotoCheck(null, diff);
    }
    List<Media> stored = new ArrayList<>();
    for (int i = 0; i < now.size(); i++) {
      Media before = last.media().get(i);
      Media after = now.get(i);
      boolean reencoded = before.dhash() != null && after.dhash() != null
          && PerceptualHash.samePicture(before.dhash(), after.dhash());
      stored.add(reencoded ? before : after);
    }
    return new PhotoCheck(capture(served, stored), diff);
  }

  /** The posts {@code content} names, on the post's own platform, with their canonical URLs. */
  private static List<PostLink> links(PostContent content, PostRecord post) {
    List<PostLink> out = new ArrayList<>();
    for (PostContent.Related r : content.related()) {
      String url = post.platform() == Platform.X
          ? "https://twitter.com/" + (r.handle() == null ? "i/web" : r.handle()) + "/status/" + r.postId()
          : null;
      out.add(new PostLink(r.kind(), post.platform(), r.postId(), r.handle(), url));
    }
    return out;
  }

  /** The capture of what {@code served} gave, with {@code stored} as its media. */
  private static PostCapture capture(PostFetch.Served served, List<Media> stored) {
    byte[] body = served.capturedBytes();
    return new PostCapture(served.endpoint(), body,
        served.part() == null ? served.fetch().sha256() : Sha256.of(body), served.capturedScope(),
        served.content().fingerprint(),
        served.content().text(), served.content().authorHandle(), served.content().authorName(),
        served.content().createdAt(), stored, served.content().facets());
  }
}

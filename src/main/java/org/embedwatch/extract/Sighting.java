package org.embedwatch.extract;

import java.util.Objects;
import org.embedwatch.evidence.Platform;

/**
 * One place in an article where a post is cited; several sightings of the same post merge into one {@link Reference}.
 *
 * @param position document order of the sighting, used to list forms in order of first appearance
 */
record Sighting(
    Platform platform,
    String postId,
    String handle,
    String url,
    Reference.Form form,
    Reference.Scope scope,
    String citedText,
    String citedDate,
    String displayName,
    String lang,
    int position) {

  Sighting {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(form, "form");
    Objects.requireNonNull(scope, "scope");
    if (postId == null && handle == null) {
      throw new IllegalArgumentException("a sighting needs a post id or a handle");
    }
  }

  /** A sighting of another platform's post that knows only what its URL or embed attribute says. */
  static Sighting of(OtherPlatformUrls.Post post, Reference.Form form, Reference.Scope scope, int position) {
    return new Sighting(
        post.platform(), post.id(), post.handle(), post.url(), form, scope, null, null, null, null, position);
  }

  /** This sighting found in another form (an embed kept in an attribute or a script) at another place. */
  Sighting as(Reference.Form newForm, Reference.Scope newScope, int newPosition) {
    return new Sighting(
        platform, postId, handle, url, newForm, newScope, citedText, citedDate, displayName, lang, newPosition);
  }

  /** A sighting that only knows which X post: the embed forms without any quoted text. */
  static Sighting ofX(StatusUrls.XStatus status, Reference.Form form, Reference.Scope scope, int position) {
    return new Sighting(
        Platform.X,
        status.id(),
        status.handle(),
        status.canonicalUrl(),
        form,
        scope,
        null,
        null,
        null,
        null,
        position);
  }
}

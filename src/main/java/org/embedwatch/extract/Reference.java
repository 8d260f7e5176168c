package org.embedwatch.extract;

import java.util.List;
import java.util.Objects;
import org.embedwatch.evidence.Platform;

/**
 * One post an article cites, with everything the article itself says about it. Extraction is a pure function of the
 * article, so a reference never carries anything fetched from the platform.
 *
 * <p>Nullable components are {@code null} when the article does not say: {@code postId} is null for a text remnant
 * (handle and date but no id), {@code url} is null when no link exists.
 *
 * @param platform the platform of the post
 * @param postId the platform's own id (decimal string for X, never through a double), or null when unknown
 * @param handle the author's handle without {@code @}, as the article gives it, or null
 * @param url the canonical post URL ({@code https://twitter.com/<handle>/status/<id>} for X), or null
 * @param forms how the post was found, in order of first appearance, without duplicates
 * @param scope whether the reference sits in the article body or in page furniture
 * @param citedText the post text as the article quotes it (whitespace collapsed), or null
 * @param citedDate the date as the article prints it ("September 22, 2016"), or null
 * @param displayName the author's display name as the article prints it, or null
 * @param lang the language the article marks the quote with ({@code lang} attribute), or null
 */
public record Reference(
    Platform platform,
    String postId,
    String handle,
    String url,
    List<Form> forms,
    Scope scope,
    String citedText,
    String citedDate,
    String displayName,
    String lang) {

  public Reference {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(scope, "scope");
    forms = List.copyOf(forms);
    if (forms.isEmpty()) {
      throw new IllegalArgumentException("a reference needs at least one form");
    }
    if (postId == null && handle == null) {
      throw new IllegalArgumentException("a reference needs a post id or a handle");
    }
  }

  /** How a reference was found in the article. */
  public enum Form {
    BLOCKQUOTE,
    IFRAME,
    AMP,
    ATTRIBUTE,
    SCRIPT,
    LINK,
    REMNANT;

    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Where in the page a reference sits. */
  public enum Scope {
    /** The article body: what the newsroom cited. */
    ARTICLE,
    /** Navigation, footers, sidebars, "related" widgets. */
    PAGE;

    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}

package org.embedwatch.extract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.embedwatch.evidence.Platform;

/**
 * Merges sightings of the same post (same platform and id; for Mastodon, same canonical URL; for id-less remnants, same
 * handle, date and text) into one {@link Reference}: forms in order of first appearance, the richest text, name and
 * date kept, and the canonical URL of the first sighting that names the author.
 */
final class ReferenceMerger {

  /**
   * References in order of first appearance.
   *
   * @param sightings each cites a post
   * @param mentions each only adds its form to a post that {@code sightings} cite; alone it makes no reference
   */
  List<Reference> merge(List<Sighting> sightings, List<Sighting> mentions) {
    Set<String> cited = new HashSet<>();
    for (Sighting s : sightings) {
      cited.add(key(s));
    }
    List<Sighting> ordered = new ArrayList<>(sightings);
    for (Sighting m : mentions) {
      if (cited.contains(key(m))) {
        ordered.add(m);
      }
    }
    ordered.sort(Comparator.comparingInt(Sighting::position));
    Map<String, List<Sighting>> groups = new LinkedHashMap<>();
    for (Sighting s : ordered) {
      groups.computeIfAbsent(key(s), k -> new ArrayList<>()).add(s);
    }
    List<Reference> references = new ArrayList<>();
    for (List<Sighting> group : groups.values()) {
      references.add(toReference(group));
    }
    return references;
  }

  private static String key(Sighting s) {
    if (s.platform() == Platform.MASTODON && s.url() != null) {
      // A Mastodon status id is unique only on its server: the canonical URL (host, account, id) is the identity.
      return s.platform().key() + "\u0000" + s.url();
    }
    if (s.postId() != null) {
      return s.platform().key() + "\u0000" + s.postId();
    }
    return s.platform().key() + "\u0000remnant\u0000" + s.handle() + "\u0000" + s.citedDate() + "\u0000"
        + s.citedText();
  }

  private static Reference toReference(List<Sighting> group) {
    Sighting first = group.get(0);
    Set<Reference.Form> forms = new LinkedHashSet<>();
    Reference.Scope scope = Reference.Scope.PAGE;
    String handle = null;
    String url = null;
    String lang = null;
    String cited = null;
    String date = null;
    String name = null;
    for (Sighting s : group) {
      forms.add(s.form());
      if (s.scope() == Reference.Scope.ARTICLE) {
        scope = Reference.Scope.ARTICLE;
      }
      // The URL of the first sighting that knows the author is the better canonical URL (a TikTok player URL has none).
      if (s.url() != null && (url == null || (handle == null && s.handle() != null))) {
        url = s.url();
      }
      handle = handle == null ? s.handle() : handle;
      lang = lang == null ? s.lang() : lang;
      cited = richer(cited, s.citedText());
      date = richer(date, s.citedDate());
      name = richer(name, s.displayName());
    }
    if (first.platform() == Platform.X && first.postId() != null) {
      url = new StatusUrls.XStatus(handle, first.postId()).canonicalUrl();
    }
    return new Reference(
        first.platform(), first.postId(), handle, url, List.copyOf(forms), scope, cited, date, name, lang);
  }

  private static String richer(String kept, String candidate) {
    if (candidate == null) {
      return kept;
    }
    return kept == null || candidate.length() > kept.length() ? candidate : kept;
  }
}

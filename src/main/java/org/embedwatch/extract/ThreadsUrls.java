package org.embedwatch.extract;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.embedwatch.evidence.Platform;

/**
 * Threads post URLs: {@code threads.net/@user/post/<code>} and the same on {@code threads.com} (the domain since 2025),
 * with or without {@code www}. The id is the post's shortcode; the canonical URL is on {@code www.threads.com}.
 */
final class ThreadsUrls implements PlatformUrls {

  private static final Pattern POST =
      Pattern.compile("/@(?<handle>[A-Za-z0-9_.]{1,30})/post/(?<id>[A-Za-z0-9_-]{5,40})(?:/.*)?");

  @Override
  public List<String> domains() {
    return List.of("threads.net", "threads.com");
  }

  @Override
  public boolean serves(UrlParts url) {
    return url.hostIs("threads.net") || url.hostIs("threads.com");
  }

  @Override
  public Optional<OtherPlatformUrls.Post> post(UrlParts url) {
    Matcher m = POST.matcher(url.path());
    if (!m.matches()) {
      return Optional.empty();
    }
    String handle = m.group("handle");
    String id = m.group("id");
    return Optional.of(
        new OtherPlatformUrls.Post(
            Platform.THREADS, handle, id, "https://www.threads.com/@" + handle + "/post/" + id));
  }
}

package org.embedwatch.platform.x;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Twitter4J send our {@code net.user-agent} instead of its own ({@code twitter4j https://twitter4j.org/ /4.1.2}).
 * Twitter4J 4.1.2 has no setting for it: its HTTP client puts that User-Agent among its default request headers, which
 * only its package may change, so this sets it there by reflection, once, on the client a built {@code Twitter} uses.
 * Should a later Twitter4J change its insides, it says so at WARN and the requests go out with Twitter4J's own agent.
 */
final class V1UserAgent {
  private static final Logger log = LoggerFactory.getLogger(V1UserAgent.class);

  private V1UserAgent() {}

  /** Sets {@code userAgent} as the User-Agent of every request {@code twitter} sends; returns whether it could. */
  static boolean apply(twitter4j.Twitter twitter, String userAgent) {
    try {
      Field http = twitter.getClass().getDeclaredField("http");
      http.setAccessible(true);
      Object client = http.get(twitter);
      Method add = client.getClass().getDeclaredMethod("addDefaultRequestHeader", String.class, String.class);
      add.setAccessible(true);
      add.invoke(client, "User-Agent", userAgent);
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn("cannot set net.user-agent on Twitter4J's client ({}); v1.1 requests carry Twitter4J's own User-Agent",
          e.getClass().getSimpleName());
      return false;
    }
  }
}

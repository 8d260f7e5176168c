package org.embedwatch.config;

import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration keys whose values are secrets ({@code x.v1.*}, {@code x.v2.bearer-token},
 * {@code meta.oembed-token}, {@code store.password}, {@code alert.webhook.secret}, and any key naming a token, secret,
 * password or key), and how an error message shows a key or a {@code --set} argument that may carry one: the key, and
 * {@value #REDACTED} for the value.
 */
final class SecretKeys {
  static final String REDACTED = "[redacted]";
  private static final Pattern SECRET = Pattern.compile("(?i)token|secret|password|key|x\\.v1\\.");
  /** A configuration key as we write them: lower case, dotted. A token is not one of these. */
  private static final Pattern KEY = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)+");

  private SecretKeys() {}

  /** True when {@code key}'s value is a secret, never to be shown. */
  static boolean isSecret(String key) {
    return SECRET.matcher(key).find();
  }

  /**
   * A {@code --set} argument or configuration key that could not be parsed, as a message may show it: as given when it
   * starts with a key that holds no secret; the key and {@value #REDACTED} when it starts with a secret key written
   * with the wrong separator ({@code x.v2.bearer-token:[redacted]}); only {@value #REDACTED} when it does not start
   * with a key at all (it may be a token given without its key).
   */
  static String shown(String given) {
    Matcher m = KEY.matcher(given);
    if (!m.lookingAt()) {
      return REDACTED;
    }
    String key = m.group();
    if (!isSecret(key) || given.length() == key.length()) {
      return given;
    }
    return key + given.charAt(key.length()) + REDACTED;
  }

  /**
   * {@code e}, or when its message or a cause's message quotes the value of a secret key in {@code settings}, the same
   * error with each such value in its message replaced by {@value #REDACTED}, and without its cause. Values shorter
   * than 4 characters are left alone: replacing every "e" would leave no message, and they protect nothing.
   */
  static ConfigException redacted(ConfigException e, Properties settings) {
    List<String> secrets = settings.stringPropertyNames().stream().filter(SecretKeys::isSecret)
        .map(k -> settings.getProperty(k).trim()).filter(v -> v.length() >= 4)
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    boolean quoted = false;
    for (Throwable t = e; t != null && !quoted; t = t.getCause() == t ? null : t.getCause()) {
      String m = String.valueOf(t.getMessage());
      quoted = secrets.stream().anyMatch(m::contains);
    }
    if (!quoted) {
      return e;
    }
    String message = e.getMessage();
    for (String secret : secrets) {
      message = message.replace(secret, REDACTED);
    }
    return new ConfigException(message);
  }
}

package org.embedwatch.evidence;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A SHA-256 digest as 64 lower-case hex characters. */
public record Sha256(String hex) {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public Sha256 {
    if (!HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a SHA-256 hex digest: '" + hex + "'");
    }
  }

  /** The digest of {@code bytes}. */
  public static Sha256 of(byte[] bytes) {
    return new Sha256(HexFormat.of().formatHex(newDigest().digest(bytes)));
  }

  /** A fresh SHA-256 {@link MessageDigest}, for streaming callers. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return hex;
  }
}

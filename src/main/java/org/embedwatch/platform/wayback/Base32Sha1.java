package org.embedwatch.platform.wayback;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The digest the Wayback Machine's CDX index lists for a capture: the SHA-1 of its payload in base32 (RFC 4648). */
final class Base32Sha1 {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Base32Sha1() {}

  static String of(byte[] bytes) {
    byte[] sha;
    try {
      sha = MessageDigest.getInstance("SHA-1").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-1", e);
    }
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : sha) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    return out.toString();
  }
}

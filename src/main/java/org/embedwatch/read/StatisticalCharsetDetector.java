package org.embedwatch.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.Optional;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.txt.CharsetDetector;
import org.apache.tika.parser.txt.CharsetMatch;
import org.apache.tika.parser.txt.UniversalEncodingDetector;

/**
 * Guesses the charset of undeclared text from its bytes with Tika's two detectors. juniversalchardet decides, as it
 * is the better one for CJK, Cyrillic and Latin text; but it has no model of Arabic and calls windows-1256 text
 * Cyrillic. So when Tika's ICU detector is sure of another charset (confidence {@value #SURE} or more) and gives
 * juniversalchardet's pick no credence (under {@value #IMPLAUSIBLE}), the ICU pick wins. Only the first 64 KiB are
 * looked at. Thread-safe.
 */
final class StatisticalCharsetDetector {
  static final int SURE = 50;
  static final int IMPLAUSIBLE = 20;
  private static final int SAMPLE = 64 * 1024;

  private final UniversalEncodingDetector universal = new UniversalEncodingDetector();

  /** The likeliest charset of {@code bytes}, or empty when neither detector has a guess. */
  Optional<Charset> detect(byte[] bytes, boolean markup) {
    byte[] sample = bytes.length > SAMPLE ? Arrays.copyOf(bytes, SAMPLE) : bytes;
    Optional<Charset> universalPick = universal(sample);
    CharsetDetector icu = new CharsetDetector();
    icu.enableInputFilter(markup);
    icu.setText(sample);
    CharsetMatch[] matches = icu.detectAll();
    if (matches.length == 0) {
      return universalPick;
    }
    Optional<Charset> icuPick = charset(matches[0].getName());
    if (universalPick.isEmpty()) {
      return icuPick;
    }
    int credence = Arrays.stream(matches)
        .filter(m -> charset(m.getName()).equals(universalPick))
        .mapToInt(CharsetMatch::getConfidence)
        .max()
        .orElse(0);
    boolean icuSure = matches[0].getConfidence() >= SURE && icuPick.isPresent();
    return icuSure && credence < IMPLAUSIBLE ? icuPick : universalPick;
  }

  private Optional<Charset> universal(byte[] sample) {
    try (InputStream in = new ByteArrayInputStream(sample)) {
      return Optional.ofNullable(universal.detect(in, new Metadata()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bytes in memory", e);
    }
  }

  private static Optional<Charset> charset(String name) {
    try {
      return Optional.of(Charset.forName(name));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return Optional.empty();
    }
  }
}

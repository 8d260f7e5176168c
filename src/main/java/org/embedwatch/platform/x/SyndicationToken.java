package org.embedwatch.platform.x;

/**
 * The {@code token} query parameter that X's embed widget and vercel/react-tweet send to {@code
 * cdn.syndication.twimg.com/tweet-result}: {@code ((Number(id) / 1e15) * Math.PI).toString(36).replace(/(0+|\.)/g, '')}.
 *
 * <p>The hard part is JavaScript's {@code Number.prototype.toString(36)} for a fractional double; this is a faithful
 * port of V8's {@code DoubleToRadixCString} (src/numbers/conversions.cc), which prints the shortest digit string that
 * still identifies the double. See platform-protocols.md §1.2.
 */
public final class SyndicationToken {
  private static final char[] DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final int RADIX = 36;

  private SyndicationToken() {}

  /**
   * The token for a decimal tweet id. Ids above 2^53 are rounded to the nearest double first, exactly as JS
   * {@code Number(id)} does.
   *
   * @throws NumberFormatException if {@code id} is not a decimal number
   */
  public static String of(String id) {
    double value = (Double.parseDouble(id) / 1e15) * Math.PI; // divide first, then multiply, as in JS
    return toRadixString(value, RADIX).replace("0", "").replace(".", "");
  }

  /** JS {@code Number.prototype.toString(radix)} for radix != 10, as V8 does it. */
  static String toRadixString(double value, int radix) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (value == 0) {
      return "0";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    final int size = 2200;
    char[] buf = new char[size];
    int intCursor = size / 2;
    int fracCursor = intCursor;
    boolean negative = value < 0;
    if (negative) {
      value = -value;
    }
    double integer = Math.floor(value);
    double fraction = value - integer;
    // The fraction is printed until it is smaller than half the gap to the next double.
    double delta = Math.max(Math.nextUp(0.0), 0.5 * (Math.nextUp(value) - value));
    if (fraction >= delta) {
      buf[fracCursor++] = '.';
      do {
        fraction *= radix;
        delta *= radix;
        int digit = (int) fraction;
        buf[fracCursor++] = DIGITS[digit];
        fraction -= digit;
        if ((fraction > 0.5 || (fraction == 0.5 && (digit & 1) != 0)) && fraction + delta > 1) {
          // Round up and propagate the carry backwards, possibly into the integer part.
          while (true) {
            fracCursor--;
            if (fracCursor == size / 2) {
              integer += 1;
              break;
            }
            char c = buf[fracCursor];
            int d = c > '9' ? (c - 'a' + 10) : (c - '0');
            if (d + 1 < radix) {
              buf[fracCursor++] = DIGITS[d + 1];
              break;
            }
          }
          break;
        }
      } while (fraction >= delta);
    }
    // V8: while (Double(integer / radix).Exponent() > 0), where Exponent() == Math.getExponent(x) - 52.
    while (Math.getExponent(integer / radix) - 52 > 0) {
      integer /= radix;
      buf[--intCursor] = '0';
    }
    do {
      double remainder = integer % radix; // Java % on doubles is C fmod
      buf[--intCursor] = DIGITS[(int) remainder];
      integer = (integer - remainder) / radix;
    } while (integer > 0);
    if (negative) {
      buf[--intCursor] = '-';
    }
    return new String(buf, intCursor, fracCursor - intCursor);
  }
}

package org.embedwatch.verify;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;
import javax.imageio.ImageIO;

/**
 * A 64-bit difference hash (dHash) of a picture: scaled to 9x8 grey levels, each bit says whether a pixel is brighter
 * than its right-hand neighbour. Re-encoding (another JPEG quality, another format) leaves it within a few bits; another
 * picture differs in about half of them. Two pictures whose hashes differ in at most {@link #SAME_PICTURE} bits are
 * taken as one picture re-encoded.
 */
public final class PerceptualHash {
  /** The most bits (of 64) two hashes may differ in for their pictures to count as one picture re-encoded. */
  public static final int SAME_PICTURE = 10;

  private PerceptualHash() {}

  /**
   * The most pixels decoded for a hash: a small file can declare a huge canvas (a decompression bomb), which is read
   * from the header first and then subsampled down to about this many pixels.
   */
  static final long MAX_PIXELS = 50_000_000;

  /** The dHash of the image in {@code file}, or empty when javax.imageio cannot decode it (no image, a video). */
  public static OptionalLong of(Path file) {
    return of(file, MAX_PIXELS);
  }

  /** As {@link #of(Path)}, decoding at most about {@code maxPixels} pixels (subsampled beyond). */
  static OptionalLong of(Path file, long maxPixels) {
    try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      java.util.Iterator<javax.imageio.ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        return OptionalLong.empty();
      }
      javax.imageio.ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        javax.imageio.ImageReadParam param = reader.getDefaultReadParam();
        int step = (int) Math.max(1, Math.ceil(Math.sqrt((double) pixels / maxPixels)));
        param.setSourceSubsampling(step, step, 0, 0);
        BufferedImage image = reader.read(0, param);
        return image == null ? OptionalLong.empty() : OptionalLong.of(of(image));
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      // A truncated or malformed image is not hashed: its SHA-256 still tells whether the bytes changed.
      return OptionalLong.empty();
    }
  }

  /** The dHash of {@code image}: each of the 9x8 cells is the mean grey level of its pixels (box averaging). */
  public static long of(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    double[][] grey = new double[8][9];
    for (int cy = 0; cy < 8; cy++) {
      int y0 = cy * h / 8;
      int y1 = Math.max(y0 + 1, (cy + 1) * h / 8);
      for (int cx = 0; cx < 9; cx++) {
        int x0 = cx * w / 9;
        int x1 = Math.max(x0 + 1, (cx + 1) * w / 9);
        double sum = 0;
        for (int y = y0; y < Math.min(y1, h); y++) {
          for (int x = x0; x < Math.min(x1, w); x++) {
            int rgb = image.getRGB(x, y);
            sum += 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
          }
        }
        grey[cy][cx] = sum / ((double) (Math.min(y1, h) - y0) * (Math.min(x1, w) - x0));
      }
    }
    long hash = 0;
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        hash = (hash << 1) | (grey[y][x] > grey[y][x + 1] ? 1 : 0);
      }
    }
    return hash;
  }

  /** How many of the 64 bits {@code a} and {@code b} differ in. */
  public static int distance(long a, long b) {
    return Long.bitCount(a ^ b);
  }

  /** True when the two hashes are close enough for one picture re-encoded. */
  public static boolean samePicture(long a, long b) {
    return distance(a, b) <= SAME_PICTURE;
  }
}

package org.embedwatch.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerceptualHashTest {
  @TempDir Path dir;

  /** A 320x240 picture of seeded coloured blocks on a seeded background. */
  private static BufferedImage picture(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
    int background = random.nextInt(0x1000000);
    for (int y = 0; y < 240; y++) {
      for (int x = 0; x < 320; x++) {
        image.setRGB(x, y, background);
      }
    }
    for (int block = 0; block < 12; block++) {
      int colour = random.nextInt(0x1000000);
      int bx = random.nextInt(280);
      int by = random.nextInt(200);
      for (int y = by; y < by + 40; y++) {
        for (int x = bx; x < bx + 40; x++) {
          image.setRGB(x, y, colour);
        }
      }
    }
    return image;
  }

  private static byte[] jpeg(BufferedImage image, float quality) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpg").next();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  @org.junit.jupiter.api.Test
  void aPictureOverThePixelCapIsSubsampledWhenDecodedAndStillHashesAsTheSamePicture() throws IOException {
    // A smooth picture (no two neighbouring cells alike), 1200x900, decoded under a cap of 300,000 pixels: every
    // other pixel in each direction. (The real cap, 50 M pixels, is above any photo X serves; it stops a small file
    // that declares a huge canvas from taking the memory of the whole run.)
    BufferedImage image = new BufferedImage(1200, 900, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 900; y++) {
      for (int x = 0; x < 1200; x++) {
        int v = (int) (127 + 60 * Math.sin(x / 97.0) + 60 * Math.cos(y / 61.0 + x / 301.0));
        image.setRGB(x, y, (v << 16) | (v << 8) | v);
      }
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(image, "png", png);
    Path file = Files.write(dir.resolve("large.png"), png.toByteArray());

    long subsampled = PerceptualHash.of(file, 300_000).orElseThrow();

    assertThat(PerceptualHash.distance(subsampled, PerceptualHash.of(image))).as("against the whole picture decoded")
        .isLessThanOrEqualTo(2);
    assertThat(PerceptualHash.of(file)).as("under the real cap, decoded whole").hasValue(PerceptualHash.of(image));
  }

  private long hashOfFile(byte[] bytes, String name) throws IOException {
    return PerceptualHash.of(Files.write(dir.resolve(name), bytes)).orElseThrow();
  }

  @Test
  void theSamePictureReencodedIsWithinTheThreshold() throws IOException {
    BufferedImage image = picture(7);
    byte[] high = jpeg(image, 0.95f);
    byte[] low = jpeg(image, 0.5f);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(image, "png", png);
    assertThat(high).isNotEqualTo(low);

    long a = hashOfFile(high, "high.jpg");
    long b = hashOfFile(low, "low.jpg");
    long c = hashOfFile(png.toByteArray(), "same.png");
    assertThat(PerceptualHash.distance(a, b)).isLessThanOrEqualTo(PerceptualHash.SAME_PICTURE);
    assertThat(PerceptualHash.distance(a, c)).isLessThanOrEqualTo(PerceptualHash.SAME_PICTURE);
    assertThat(PerceptualHash.samePicture(a, b)).isTrue();
  }

  @Test
  void aResampledCopyIsWithinTheThreshold() throws IOException {
    BufferedImage image = picture(11);
    BufferedImage half = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
    half.getGraphics().drawImage(image, 0, 0, 160, 120, null);
    long full = PerceptualHash.of(ImageIO.read(new ByteArrayInputStream(jpeg(image, 0.8f))));
    long small = PerceptualHash.of(ImageIO.read(new ByteArrayInputStream(jpeg(half, 0.8f))));
    assertThat(PerceptualHash.distance(full, small)).isLessThanOrEqualTo(PerceptualHash.SAME_PICTURE);
  }

  @Test
  void anotherPictureIsFarBeyondTheThreshold() throws IOException {
    for (long seed = 1; seed <= 5; seed++) {
      long a = PerceptualHash.of(ImageIO.read(new ByteArrayInputStream(jpeg(picture(seed), 0.9f))));
      long b = PerceptualHash.of(ImageIO.read(new ByteArrayInputStream(jpeg(picture(seed + 100), 0.9f))));
      assertThat(PerceptualHash.distance(a, b)).as("seed " + seed).isGreaterThan(PerceptualHash.SAME_PICTURE);
    }
  }

  @Test
  void bytesThatAreNoImageHaveNoHash() throws IOException {
    assertThat(PerceptualHash.of(Files.write(dir.resolve("x.mp4"), new byte[] {0, 0, 0, 28, 'f', 't', 'y', 'p'})))
        .isEmpty();
  }

  @Test
  void distanceCountsDifferingBits() {
    assertThat(PerceptualHash.distance(0L, -1L)).isEqualTo(64);
    assertThat(PerceptualHash.distance(0b1011L, 0b0001L)).isEqualTo(2);
  }
}

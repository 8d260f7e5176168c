package org.embedwatch.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.embedwatch.evidence.Sha256;

/**
 * {@code pbs.twimg.com} and {@code video.twimg.com}: media bytes that derive deterministically from the URL path, so
 * each URL has stable, distinct bytes, plus the swap generation of the posts that use it, so a {@code media_swapped}
 * change makes the same URL serve different bytes (another picture), and a {@code media_reencoded} change makes it serve
 * the same picture encoded otherwise. Images are real JPEG/PNG files; {@code .mp4} starts with an ISO BMFF
 * {@code ftyp} box; {@code .m3u8} is an HLS playlist.
 */
final class MediaRoute implements Route {
  private static final Set<String> MEDIA_FIELDS = Set.of("mediaDetails", "photos", "video", "entities", "card",
      "author", "embed", "account", "media_attachments", "thumbnail_url");

  private final String host;
  private final Timeline timeline;
  /** Media path on this host -> ids of the posts whose JSON references it. */
  private final Map<String, List<String>> owners = new HashMap<>();
  private final Map<String, byte[]> rendered = new ConcurrentHashMap<>();

  MediaRoute(String host, Timeline timeline) {
    this.host = host;
    this.timeline = timeline;
    for (String postId : timeline.postIds()) {
      ObjectNode template = timeline.template(postId);
      MEDIA_FIELDS.forEach(field -> collect(template.path(field), postId));
    }
  }

  @Override
  public Answer answer(RecordedRequest request) {
    String path = request.hostPath();
    int generation = 0;
    int encoding = 0;
    for (String postId : owners.getOrDefault(path, List.of())) {
      PostState state = timeline.state(postId).orElseThrow();
      if (state.fault().active()) {
        return faulted(state.fault());
      }
      generation += state.mediaGeneration();
      encoding += state.mediaEncoding();
    }
    String format = request.queryParam("format").orElse(extension(path));
    String key = host + path + "#" + format + "#" + generation;
    int enc = encoding;
    return switch (format) {
      case "png" -> Answer.reply(200, "image/png",
          rendered.computeIfAbsent(key + "@" + enc, k -> image(key, "png", enc)));
      case "mp4", "m4s" -> Answer.reply(200, "video/mp4", rendered.computeIfAbsent(key, MediaRoute::mp4));
      case "m3u8" -> Answer.text(200, "application/x-mpegURL", playlist(path, generation));
      default -> host.startsWith("video.")
          ? Answer.reply(200, "video/mp4", rendered.computeIfAbsent(key, MediaRoute::mp4))
          : Answer.reply(200, "image/jpeg", rendered.computeIfAbsent(key + "@" + enc, k -> image(key, "jpg", enc)));
    };
  }

  @Override
  public Answer.Reply failure(int status) {
    return Answer.htmlError(status, "Error");
  }

  private void collect(JsonNode node, String postId) {
    if (node.isTextual() && node.asText().startsWith("https://" + host + "/")) {
      String path = URI.create(node.asText()).getRawPath();
      List<String> ids = owners.computeIfAbsent(path, p -> new ArrayList<>());
      if (!ids.contains(postId)) {
        ids.add(postId);
      }
    }
    node.forEach(child -> collect(child, postId));
  }

  private static String extension(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 || dot < path.lastIndexOf('/') ? "" : path.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
  }

  private static SplittableRandom random(String key) {
    byte[] digest = Sha256.newDigest().digest(key.getBytes(StandardCharsets.UTF_8));
    return new SplittableRandom(ByteBuffer.wrap(digest).getLong());
  }

  /**
   * A 32x24 picture: a seeded background colour with seeded blocks, so two keys never look alike. Re-encoded
   * ({@code encoding} above 0), the same picture comes as other bytes: a JPEG at another quality, a PNG with an alpha
   * channel.
   */
  private static byte[] image(String key, String format, int encoding) {
    SplittableRandom random = random(key);
    BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
    int background = random.nextInt(0x1000000);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, background);
      }
    }
    for (int block = 0; block < 6; block++) {
      int colour = random.nextInt(0x1000000);
      int bx = random.nextInt(28);
      int by = random.nextInt(20);
      for (int y = by; y < by + 4; y++) {
        for (int x = bx; x < bx + 4; x++) {
          image.setRGB(x, y, colour);
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (encoding > 0) {
        return reencoded(image, format, encoding);
      }
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a " + format + " for " + key, e);
    }
    return out.toByteArray();
  }

  /** {@code image} encoded otherwise: JPEG at quality 0.95 then lower with each re-encoding, PNG with alpha. */
  private static byte[] reencoded(BufferedImage image, String format, int encoding) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (format.equals("png")) {
      BufferedImage argb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
      argb.getGraphics().drawImage(image, 0, 0, null);
      ImageIO.write(argb, "png", out);
      return out.toByteArray();
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpg").next();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(Math.max(0.5f, 0.95f - 0.05f * (encoding - 1)));
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** An ISO BMFF file: a 28-byte {@code ftyp} box (isom, minor 0x200, isom/iso2/mp41), then an {@code mdat} box. */
  private static byte[] mp4(String key) {
    byte[] payload = new byte[512];
    random(key).nextBytes(payload);
    ByteBuffer buf = ByteBuffer.allocate(28 + 8 + payload.length);
    buf.putInt(28).put(ascii("ftyp")).put(ascii("isom")).putInt(0x200);
    buf.put(ascii("isom")).put(ascii("iso2")).put(ascii("mp41"));
    buf.putInt(8 + payload.length).put(ascii("mdat")).put(payload);
    return buf.array();
  }

  /** A VOD media playlist with one segment next to the playlist; the segment name carries the swap generation. */
  private static String playlist(String path, int generation) {
    String name = path.substring(path.lastIndexOf('/') + 1).replace(".m3u8", "");
    return "#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:0\n"
        + "#EXT-X-PLAYLIST-TYPE:VOD\n#EXTINF:4.000,\n" + name + "-g" + generation + "-0.m4s\n#EXT-X-ENDLIST\n";
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}

package org.embedwatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.embedwatch.sandbox.SandboxClient.PHOTO_ID;
import static org.embedwatch.sandbox.SandboxClient.VIDEO_ID;
import static org.embedwatch.sandbox.SandboxClient.text;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MediaRouteTest {
  private static final String PHOTO = "pbs.twimg.com/media/FsZNOgcWAAEQtrd.jpg";
  private static final String MP4 =
      "video.twimg.com/amplify_video/1684020091854225408/vid/886x546/_Mb5SBNFpaVehGMW.mp4?tag=14";

  private Sandbox sandbox;
  private SandboxClient client;

  @BeforeEach
  void start() throws IOException {
    sandbox = Sandbox.start(0, Scenario.demo(), new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
    client = new SandboxClient(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void photoIsARealJpegThatIsStableAcrossCalls() throws Exception {
    HttpResponse<byte[]> first = client.get(PHOTO);
    HttpResponse<byte[]> second = client.get(PHOTO);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("content-type")).hasValue("image/jpeg");
    assertThat(ImageIO.read(new ByteArrayInputStream(first.body()))).isNotNull();
    assertThat(second.body()).isEqualTo(first.body());
  }

  @Test
  void differentPathsGiveDifferentBytesAndPngWhenAsked() throws Exception {
    byte[] one = client.get("pbs.twimg.com/media/AAAA.jpg").body();
    byte[] two = client.get("pbs.twimg.com/media/BBBB.jpg").body();
    HttpResponse<byte[]> png = client.get("pbs.twimg.com/media/AAAA?format=png&name=small");

    assertThat(Arrays.equals(one, two)).isFalse();
    assertThat(png.headers().firstValue("content-type")).hasValue("image/png");
    assertThat(ImageIO.read(new ByteArrayInputStream(png.body()))).isNotNull();
  }

  @Test
  void mediaSwapChangesTheBytesOfThatPostsMediaOnly() throws Exception {
    byte[] before = client.get(PHOTO).body();
    byte[] videoBefore = client.get(MP4).body();

    sandbox.apply(PHOTO_ID, Change.mediaSwapped());

    byte[] after = client.get(PHOTO).body();
    assertThat(Arrays.equals(before, after)).isFalse();
    assertThat(ImageIO.read(new ByteArrayInputStream(after))).isNotNull();
    assertThat(client.get(PHOTO).body()).isEqualTo(after);
    assertThat(client.get(MP4).body()).isEqualTo(videoBefore);
  }

  @Test
  void mp4StartsWithAnFtypBox() throws Exception {
    HttpResponse<byte[]> response = client.get(MP4);

    assertThat(response.headers().firstValue("content-type")).hasValue("video/mp4");
    byte[] body = response.body();
    assertThat(new String(body, 4, 8, StandardCharsets.US_ASCII)).isEqualTo("ftypisom");
    int boxSize = ((body[0] & 0xff) << 24) | ((body[1] & 0xff) << 16) | ((body[2] & 0xff) << 8) | (body[3] & 0xff);
    assertThat(new String(body, boxSize + 4, 4, StandardCharsets.US_ASCII)).isEqualTo("mdat");

    sandbox.apply(VIDEO_ID, Change.mediaSwapped());
    assertThat(Arrays.equals(client.get(MP4).body(), body)).isFalse();
  }

  @Test
  void hlsPlaylistIsText() throws Exception {
    HttpResponse<byte[]> response =
        client.get("video.twimg.com/amplify_video/1684020091854225408/pl/mdYAV4YxwnjO5sca.m3u8?tag=14&container=fmp4");

    assertThat(response.headers().firstValue("content-type")).hasValue("application/x-mpegURL");
    assertThat(text(response)).startsWith("#EXTM3U\n").contains("#EXTINF:").endsWith("#EXT-X-ENDLIST\n");
  }
}

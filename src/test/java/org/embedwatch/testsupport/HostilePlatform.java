package org.embedwatch.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A hostile Mastodon-compatible server for tests, in the spirit of the reliability review's Appendix A: any host not
 * known to be another platform is read as a Mastodon server, so {@code https://evil.example/@alice/<id>} cited in an
 * article makes Embedwatch ask {@code https://evil.example/api/v1/statuses/<id>}, routed here by
 * {@code net.route.evil.example}. Each test registers the answer it needs ({@link #status}, or any
 * {@link PageServer.Behaviour} through {@link #server()}); everything else is 404. Binds 127.0.0.1 only.
 */
public final class HostilePlatform implements AutoCloseable {
  public static final String HOST = "evil.example";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A valid 1×1 PNG, for media and avatars. */
  public static final byte[] PNG = java.util.HexFormat.of().parseHex(
      "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0f3a0c40000000049454e44ae426082");

  private final PageServer server = PageServer.start();

  public HostilePlatform() {
    server.page("/" + HOST + "/avatar.png", PNG, Map.of("Content-Type", "image/png"));
  }

  /** The page server behind it, to register raw answers and behaviours under {@code /evil.example/...}. */
  public PageServer server() {
    return server;
  }

  /** The {@code net.route.evil.example} setting that sends the hostile host's requests here. */
  public Map<String, String> route() {
    return Map.of("net.route." + HOST, server.url("/" + HOST));
  }

  /** The post's URL as an article cites it. */
  public static String postUrl(String id) {
    return "https://" + HOST + "/@alice/" + id;
  }

  /** An article (HTML) citing each of {@code ids} as a plain link inside {@code <article>}. */
  public static String articleCiting(List<String> ids) {
    StringBuilder sb = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head>"
        + "<body><article><h1>Story</h1>");
    for (String id : ids) {
      sb.append("<p>As <a href=\"").append(postUrl(id)).append("\">Alice posted</a>, things happened.</p>");
    }
    return sb.append("</article></body></html>").toString();
  }

  /**
   * Serves a status for {@code id} (the defaults of a plain public post: acct alice, content hello, no media),
   * after {@code edit} changed what it wants in the JSON.
   */
  public HostilePlatform status(String id, Consumer<ObjectNode> edit) {
    ObjectNode s = statusJson(id);
    edit.accept(s);
    server.page("/" + HOST + "/api/v1/statuses/" + id, s.toString().getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "application/json"));
    return this;
  }

  /** A plain public status of {@code id}, to edit before serving it some other way. */
  public static ObjectNode statusJson(String id) {
    ObjectNode s = JSON.createObjectNode();
    s.put("id", id);
    s.put("uri", "https://" + HOST + "/users/alice/statuses/" + id);
    s.put("url", postUrl(id));
    s.put("created_at", "2026-01-01T00:00:00.000Z");
    s.put("content", "<p>hello</p>");
    s.put("spoiler_text", "");
    s.put("sensitive", false);
    ObjectNode account = s.putObject("account");
    account.put("id", "1");
    account.put("acct", "alice");
    account.put("username", "alice");
    account.put("display_name", "Alice");
    account.put("avatar", "https://" + HOST + "/avatar.png");
    s.putArray("media_attachments");
    return s;
  }

  /** Sets the status's media attachments to images at {@code urls}. */
  public static void media(ObjectNode status, List<String> urls) {
    ArrayNode media = status.putArray("media_attachments");
    for (int i = 0; i < urls.size(); i++) {
      ObjectNode m = media.addObject();
      m.put("id", String.valueOf(i + 1));
      m.put("type", "image");
      m.put("url", urls.get(i));
    }
  }

  /** Every path asked for, in order. */
  public List<String> requested() {
    return server.requested();
  }

  @Override
  public void close() {
    server.close();
  }
}

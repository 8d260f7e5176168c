package org.embedwatch.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code publish.twitter.com/oembed}: the sample's shape and escaping ({@code \/}, {@code \u003C}, surrogate pairs) with
 * the post's current text, author and date; 404 for a deleted or missing post, 403 JSON error for a protected or
 * suspended author. Honours {@code maxwidth} (clamped 220..550), {@code dnt} and {@code omit_script}.
 */
final class OEmbedRoute implements Route {
  private static final Pattern STATUS_URL =
      Pattern.compile("^https?://(?:www\\.|mobile\\.)?(?:twitter|x)\\.com/([^/]+)/status(?:es)?/([0-9]{1,40})");
  private static final Pattern TCO = Pattern.compile("https://t\\.co/[A-Za-z0-9]+");
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private final Timeline timeline;
  private final Samples samples;
  private final ObjectMapper json;
  private volatile boolean interstitial;

  OEmbedRoute(Timeline timeline, Samples samples, ObjectMapper json) {
    this.timeline = timeline;
    this.samples = samples;
    this.json = json;
  }

  @Override
  public Answer answer(RecordedRequest request) {
    if (!request.hostPath().equals("/oembed") && !request.hostPath().equals("/oembed.json")) {
      return Answer.htmlError(404, "Not Found");
    }
    String url = request.queryParam("url").orElse("");
    Matcher m = STATUS_URL.matcher(url);
    if (!m.find()) {
      return Answer.htmlError(404, "Not Found");
    }
    Optional<PostState> found = timeline.find(m.group(2));
    if (found.isEmpty()) {
      return Answer.htmlError(404, "Not Found");
    }
    PostState state = found.get();
    if (state.fault().active()) {
      return faulted(state.fault());
    }
    if (interstitial) {
      return Answer.reply(200, Answer.HTML,
          "<!DOCTYPE html><html><body><p>Please sign in to continue.</p></body></html>"
              .getBytes(StandardCharsets.UTF_8));
    }
    return switch (state.availability()) {
      case AVAILABLE, AGE_RESTRICTED -> Answer.reply(200, Answer.JSON, escaped(embed(state, request)));
      case PROTECTED, SUSPENDED -> forbidden(request);
      case DELETED, ACCOUNT_GONE, NOT_FOUND_EMPTY, NOT_FOUND_404 -> Answer.htmlError(404, "Not Found");
    };
  }

  /** Whether every post URL gets an HTML interstitial with HTTP 200 instead of the oEmbed JSON. */
  void interstitial(boolean on) {
    interstitial = on;
  }

  @Override
  public Answer.Reply failure(int status) {
    return Answer.htmlError(status, "Error");
  }

  private ObjectNode embed(PostState state, RecordedRequest request) {
    ObjectNode body = samples.object("publish_oembed_default_1762553251893764560.json");
    String statusUrl = "https://twitter.com/" + state.handle() + "/status/" + state.id();
    String attributes = "";
    int width = 550;
    Optional<String> maxwidth = request.queryParam("maxwidth");
    if (maxwidth.isPresent() && maxwidth.get().matches("[0-9]{1,6}")) {
      width = Math.max(220, Math.min(550, Integer.parseInt(maxwidth.get())));
      attributes += " data-width=\"" + width + "\"";
    }
    if (flag(request, "dnt")) {
      attributes += " data-dnt=\"true\"";
    }
    String html = "<blockquote class=\"twitter-tweet\"" + attributes + "><p lang=\"en\" dir=\"ltr\">"
        + paragraph(state.text()) + "</p>&mdash; " + escape(state.name()) + " (@" + state.handle() + ") <a href=\""
        + statusUrl + "?ref_src=twsrc%5Etfw\">" + DATE.format(state.createdAt()) + "</a></blockquote>\n"
        + (flag(request, "omit_script")
            ? ""
            : "<script async src=\"https://platform.twitter.com/widgets.js\" charset=\"utf-8\"></script>\n")
        + "\n";
    body.put("url", statusUrl);
    body.put("author_name", state.name());
    body.put("author_url", "https://twitter.com/" + state.handle());
    body.put("html", html);
    body.put("width", width);
    return body;
  }

  private Answer.Reply forbidden(RecordedRequest request) {
    ObjectNode body = samples.object("oembed_403_protected_reported.json");
    body.put("request", "/oembed?url=" + URLEncoder.encode(
        request.queryParam("url").orElse(""), StandardCharsets.UTF_8));
    return Answer.reply(403, Answer.JSON, escaped(body));
  }

  private static boolean flag(RecordedRequest request, String name) {
    String value = request.queryParam(name).orElse("false");
    return value.equals("true") || value.equals("t") || value.equals("1");
  }

  /** The tweet text as the embed's paragraph: escaped, t.co links as anchors, newlines as {@code <br>}. */
  private static String paragraph(String text) {
    Matcher m = TCO.matcher(escape(text));
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String link = m.group();
      m.appendReplacement(out, Matcher.quoteReplacement("<a href=\"" + link + "\">" + link + "</a>"));
    }
    m.appendTail(out);
    return out.toString().replace("\n", "<br>");
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** Jackson's JSON re-escaped the way publish.twitter.com serves it. */
  private byte[] escaped(ObjectNode body) {
    String plain;
    try {
      plain = json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise an oEmbed body", e);
    }
    // '/', '<' and '>' only occur inside strings in this JSON, so escaping them everywhere is safe.
    StringBuilder out = new StringBuilder(plain.length() + 64);
    plain.codePoints().forEach(cp -> {
      if (cp == '/') {
        out.append("\\/");
      } else if (cp == '<') {
        out.append("\\u003C");
      } else if (cp == '>') {
        out.append("\\u003E");
      } else if (cp > 0xFFFF) {
        for (char c : Character.toChars(cp)) {
          out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
        }
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}

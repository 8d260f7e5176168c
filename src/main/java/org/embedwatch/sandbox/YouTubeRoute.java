package org.embedwatch.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Entities;

/**
 * {@code www.youtube.com/oembed} for the scenario's YouTube posts. There is no recorded sample of this endpoint: the
 * 200 body is built from {@code youtube_oembed_constructed.json} (the field set reported by oEmbed consumers and
 * YouTube's public answers: title, author, thumbnail on i.ytimg.com, an iframe to {@code /embed/<id>}) with the
 * post's current title, channel and id. The errors are as reported in consumers' issue threads (Ghost,
 * oembed-extractor, YoutubeExplode): 404 with the plain body {@code Not Found} for a removed or unknown video, 401
 * {@code Unauthorized} for a private one (YouTube answers the same when embedding is disabled), 400
 * {@code Bad Request} for a URL it cannot read.
 */
final class YouTubeRoute implements Route {
  static final String THUMBNAILS = "i.ytimg.com";
  private static final Pattern VIDEO = Pattern.compile(
      "^https?://(?:www\\.|m\\.)?(?:youtube\\.com/watch\\?(?:.*&)?v=|youtu\\.be/)([A-Za-z0-9_-]{11})(?:[&#?].*)?$");

  private final Timeline timeline;
  private final ObjectMapper json;

  YouTubeRoute(Timeline timeline, ObjectMapper json) {
    this.timeline = timeline;
    this.json = json;
  }

  /** The post's template: the sample with the post's own thumbnail URL. */
  static ObjectNode template(Scenario.Post post, ObjectNode sample) {
    sample.put("thumbnail_url", "https://" + THUMBNAILS + "/vi/" + post.id() + "/hqdefault.jpg");
    return sample;
  }

  @Override
  public Answer answer(RecordedRequest request) {
    if (!request.hostPath().equals("/oembed")) {
      return Answer.htmlError(404, "Not Found");
    }
    Matcher m = VIDEO.matcher(request.queryParam("url").orElse(""));
    if (!m.matches()) {
      return Answer.text(400, Answer.HTML, "Bad Request");
    }
    return about(timeline.find(Scenario.Service.YOUTUBE, m.group(1)), YouTubeRoute::notFound,
        state -> switch (state.availability()) {
          case AVAILABLE, AGE_RESTRICTED -> Answer.json(200, json, body(timeline.template(state.id()), state));
          case PROTECTED -> Answer.text(401, Answer.HTML, "Unauthorized");
          case DELETED, SUSPENDED, ACCOUNT_GONE, NOT_FOUND_EMPTY, NOT_FOUND_404 -> notFound();
        });
  }

  @Override
  public Answer.Reply failure(int status) {
    return Answer.htmlError(status, status == 429 ? "Too Many Requests" : "Error");
  }

  private static Answer.Reply notFound() {
    return Answer.text(404, Answer.HTML, "Not Found");
  }

  private static ObjectNode body(ObjectNode template, PostState state) {
    template.put("title", state.text());
    template.put("author_name", state.name());
    template.put("author_url", "https://www.youtube.com/@" + state.handle());
    template.put("html", "<iframe width=\"200\" height=\"113\" src=\"https://www.youtube.com/embed/" + state.id()
        + "?feature=oembed\" frameborder=\"0\" allow=\"accelerometer; autoplay; clipboard-write; encrypted-media;"
        + " gyroscope; picture-in-picture; web-share\" referrerpolicy=\"strict-origin-when-cross-origin\""
        + " allowfullscreen title=\"" + Entities.escape(state.text()) + "\"></iframe>");
    return template;
  }
}

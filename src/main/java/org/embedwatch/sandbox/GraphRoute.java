package org.embedwatch.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.embedwatch.evidence.Sha256;
import org.jsoup.nodes.Entities;

/**
 * {@code graph.facebook.com}: Meta's oEmbed edges {@code /v<N>/instagram_oembed}, {@code oembed_post} and
 * {@code oembed_video} for the scenario's Instagram and Facebook posts. No recording exists: the 200 bodies are built
 * from {@code instagram_oembed_constructed.json} and {@code facebook_oembed_post_constructed.json}, which follow the
 * documented field lists (Graph API v18 references; Instagram's legacy docs example and Facebook's oEmbed docs example
 * as scaffolding), with the post's current author, text and id; the Instagram thumbnail sits on
 * {@code scontent.cdninstagram.com} behind a signed query that changes as the clock moves. Errors use the documented
 * Graph error shape ({@code {"error":{"message","type":"OAuthException","code","fbtrace_id"}}}):
 * <ul>
 *   <li>an {@code access_token} other than {@link #TOKEN}: 400, code 190 "Invalid OAuth access token";
 *   <li>a removed, private or unknown post: 400, code 24 "The requested resource does not exist" (code as reported
 *       for Meta's media edges; Meta does not document what instagram_oembed answers for a removed post);
 *   <li>an injected 429: 400, code 4 "Application request limit reached" (Graph throttles with error codes, not 429);
 *       an injected 5xx: that status with code 2 "An unexpected error has occurred".
 * </ul>
 */
final class GraphRoute implements Route {
  /** The one access token the sandbox accepts ({@code meta.oembed-token} in tests and the demo). */
  static final String TOKEN = "1234567890|sandbox-oembed-client-token";
  static final String INSTAGRAM_THUMBNAILS = "scontent.cdninstagram.com";
  private static final Pattern EDGE = Pattern.compile("^/v[0-9]{1,2}\\.[0-9]/(instagram_oembed|oembed_post|oembed_video)$");
  private static final Pattern INSTAGRAM =
      Pattern.compile("^https://(?:www\\.)?instagram\\.com/(?:[A-Za-z0-9_.]+/)?(?:p|reel|tv)/([A-Za-z0-9_-]{5,64})");
  private static final Pattern FACEBOOK = Pattern.compile("^https://(?:www\\.|m\\.)?facebook\\.com/.+");

  private final Timeline timeline;
  private final ObjectMapper json;

  GraphRoute(Timeline timeline, ObjectMapper json) {
    this.timeline = timeline;
    this.json = json;
  }

  /** An Instagram post's template: the sample with the post's own thumbnail path (signed per answer). */
  static ObjectNode instagramTemplate(Scenario.Post post, ObjectNode sample) {
    String object = Sha256.of(("instagram " + post.id()).getBytes(StandardCharsets.UTF_8)).hex().substring(0, 32);
    sample.put("thumbnail_url", "https://" + INSTAGRAM_THUMBNAILS + "/v/t51.2885-15/" + object + "_n.jpg");
    return sample;
  }

  @Override
  public Answer answer(RecordedRequest request) {
    Matcher edge = EDGE.matcher(request.hostPath());
    if (!edge.matches()) {
      return error(400, 100, "Unsupported get request.");
    }
    if (!request.queryParam("access_token").orElse("").equals(TOKEN)) {
      return error(400, 190, "Invalid OAuth access token - Cannot parse access token");
    }
    String url = request.queryParam("url").orElse("");
    boolean instagram = edge.group(1).equals("instagram_oembed");
    boolean video = edge.group(1).equals("oembed_video");
    return about(instagram ? instagramPost(url) : facebookPost(url), this::notFound,
        state -> switch (state.availability()) {
          case AVAILABLE, AGE_RESTRICTED -> Answer.json(200, json, instagram
              ? instagram(timeline.template(state.id()), state)
              : facebook(timeline.template(state.id()), state, url, video));
          case DELETED, SUSPENDED, PROTECTED, ACCOUNT_GONE, NOT_FOUND_EMPTY, NOT_FOUND_404 -> notFound();
        });
  }

  @Override
  public Answer.Reply failure(int status) {
    return status == 429
        ? error(400, 4, "(#4) Application request limit reached")
        : error(status, 2, "An unexpected error has occurred. Please retry your request later.");
  }

  private Optional<PostState> instagramPost(String url) {
    Matcher m = INSTAGRAM.matcher(url);
    return m.find() ? timeline.find(Scenario.Service.INSTAGRAM, m.group(1)) : Optional.empty();
  }

  /** The scenario's Facebook post whose id stands in {@code url} as a whole token. */
  private Optional<PostState> facebookPost(String url) {
    if (!FACEBOOK.matcher(url).matches()) {
      return Optional.empty();
    }
    for (String id : timeline.postIds()) {
      if (Pattern.compile("(?<![0-9A-Za-z])" + Pattern.quote(id) + "(?![0-9A-Za-z])").matcher(url).find()) {
        Optional<PostState> state = timeline.find(Scenario.Service.FACEBOOK, id);
        if (state.isPresent()) {
          return state;
        }
      }
    }
    return Optional.empty();
  }

  private Answer.Reply notFound() {
    return error(400, 24, "The requested resource does not exist");
  }

  private Answer.Reply error(int status, int code, String message) {
    ObjectNode body = json.createObjectNode();
    body.putObject("error").put("message", message).put("type", "OAuthException").put("code", code)
        .put("fbtrace_id", "A" + Sha256.of((code + message).getBytes(StandardCharsets.UTF_8)).hex().substring(0, 22));
    return Answer.json(status, json, body);
  }

  private ObjectNode instagram(ObjectNode template, PostState state) {
    String permalink = "https://www.instagram.com/p/" + state.id() + "/?utm_source=ig_embed&amp;utm_campaign=loading";
    long expires = timeline.now().plusSeconds(3 * 86_400L).getEpochSecond();
    template.put("author_name", state.handle());
    template.put("thumbnail_url", template.path("thumbnail_url").asText() + "?stp=dst-jpg_e35&_nc_ht="
        + INSTAGRAM_THUMBNAILS + "&oh=00_" + Sha256.of((state.id() + expires).getBytes(StandardCharsets.UTF_8))
            .hex().substring(0, 40) + "&oe=" + Long.toHexString(expires).toUpperCase(java.util.Locale.ROOT));
    template.put("html", "<blockquote class=\"instagram-media\" data-instgrm-captioned data-instgrm-permalink=\""
        + permalink + "\" data-instgrm-version=\"14\"><div style=\"padding:16px;\"><p><a href=\"" + permalink
        + "\" target=\"_blank\">A post shared by " + Entities.escape(state.name()) + " (@" + state.handle()
        + ")</a></p></div></blockquote>\n<script async src=\"//www.instagram.com/embed.js\"></script>");
    return template;
  }

  private ObjectNode facebook(ObjectNode template, PostState state, String url, boolean video) {
    String page = "https://www.facebook.com/" + state.handle() + "/";
    template.put("author_name", state.name());
    template.put("author_url", page);
    String href = Entities.escape(url);
    template.put("html", "<div id=\"fb-root\"></div>\n<script async=\"1\" defer=\"1\" crossorigin=\"anonymous\""
        + " src=\"https://connect.facebook.net/en_US/sdk.js#xfbml=1&version=v18.0\"></script>"
        + "<div class=\"" + (video ? "fb-video" : "fb-post") + "\" data-href=\"" + href + "\" data-width=\"552\">"
        + "<blockquote cite=\"" + href + "\" class=\"fb-xfbml-parse-ignore\"><p>"
        + Entities.escape(state.text()).replace("\n\n", "</p><p>") + "</p>Posted by <a href=\"" + page + "\">"
        + Entities.escape(state.name()) + "</a></blockquote></div>");
    return template;
  }
}

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
 * {@code www.tiktok.com/oembed} for the scenario's TikTok posts. The 200 body follows TikTok's documented example
 * ({@code tiktok_oembed_docs_example.json}, the {@code @scout2015} video of the embed docs, with the
 * {@code author_unique_id}, {@code embed_product_id} and {@code embed_type} fields the current docs add), rebuilt with
 * the post's current caption, author and id; the thumbnail sits on {@code p16-sign-va.tiktokcdn.com} behind a signed,
 * expiring query ({@code x-expires}, {@code x-signature}) that changes as the clock moves, as TikTok's CDN links do.
 * A removed, private or unknown video answers 400 with {@code {"code":400,"message":"Something went wrong",
 * "status_msg":…}} (the shape reported by oEmbed consumers; the {@code status_msg} words here are illustrative).
 */
final class TikTokRoute implements Route {
  static final String THUMBNAILS = "p16-sign-va.tiktokcdn.com";
  private static final Pattern VIDEO =
      Pattern.compile("^https://(?:www\\.|m\\.)?tiktok\\.com/(?:@[A-Za-z0-9_.]{1,40}/video|embed/v2)/([0-9]{6,25})");

  private final Timeline timeline;
  private final ObjectMapper json;

  TikTokRoute(Timeline timeline, ObjectMapper json) {
    this.timeline = timeline;
    this.json = json;
  }

  /** The post's template: the sample with the post's own thumbnail path (the signed query is added per answer). */
  static ObjectNode template(Scenario.Post post, ObjectNode sample) {
    String object = Sha256.of(("tiktok " + post.id()).getBytes(StandardCharsets.UTF_8)).hex().substring(0, 32);
    sample.put("thumbnail_url", "https://" + THUMBNAILS + "/obj/tos-maliva-p-0068/" + object + ".jpeg");
    return sample;
  }

  @Override
  public Answer answer(RecordedRequest request) {
    if (!request.hostPath().equals("/oembed")) {
      return Answer.htmlError(404, "Not Found");
    }
    Matcher m = VIDEO.matcher(request.queryParam("url").orElse(""));
    Optional<PostState> found = m.find() ? timeline.find(Scenario.Service.TIKTOK, m.group(1)) : Optional.empty();
    return about(found, this::somethingWentWrong, state -> switch (state.availability()) {
      case AVAILABLE, AGE_RESTRICTED -> Answer.json(200, json, body(timeline.template(state.id()), state));
      case DELETED, SUSPENDED, PROTECTED, ACCOUNT_GONE, NOT_FOUND_EMPTY, NOT_FOUND_404 -> somethingWentWrong();
    });
  }

  @Override
  public Answer.Reply failure(int status) {
    return Answer.htmlError(status, status == 429 ? "Too Many Requests" : "Error");
  }

  private Answer.Reply somethingWentWrong() {
    return Answer.json(400, json, json.createObjectNode().put("code", 400).put("message", "Something went wrong")
        .put("status_msg", "Something went wrong"));
  }

  private ObjectNode body(ObjectNode template, PostState state) {
    String id = state.id();
    String user = state.handle();
    long expires = timeline.now().plusSeconds(86_400).getEpochSecond();
    String signature = Sha256.of((id + " " + expires).getBytes(StandardCharsets.UTF_8)).hex().substring(0, 32);
    template.put("title", state.text());
    template.put("author_name", state.name());
    template.put("author_unique_id", user);
    template.put("author_url", "https://www.tiktok.com/@" + user);
    template.put("embed_product_id", id);
    template.put("thumbnail_url", template.path("thumbnail_url").asText() + "?x-expires=" + expires
        + "&x-signature=" + signature);
    template.put("html", "<blockquote class=\"tiktok-embed\" cite=\"https://www.tiktok.com/@" + user + "/video/" + id
        + "\" data-video-id=\"" + id + "\" data-embed-from=\"oembed\" style=\"max-width: 605px;min-width: 325px;\" >"
        + " <section> <a target=\"_blank\" title=\"@" + user + "\" href=\"https://www.tiktok.com/@" + user
        + "?refer=embed\">@" + user + "</a> <p>" + Entities.escape(state.text()) + "</p> </section> </blockquote>"
        + " <script async src=\"https://www.tiktok.com/embed.js\"></script>");
    return template;
  }
}

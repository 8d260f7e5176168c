package org.embedwatch.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scenario's posts over time. A post's state at a request is its sample plus every event (scenario events and
 * {@link #apply immediate changes}) whose instant is not after {@code clock.instant()}, applied in time order (ties in
 * declaration order). Thread-safe.
 */
final class Timeline {
  private record Timed(Instant at, long seq, Change change) {}

  private final Clock clock;
  private final Map<String, Scenario.Post> posts = new LinkedHashMap<>();
  private final Map<String, ObjectNode> templates = new LinkedHashMap<>();
  private final Map<String, List<Timed>> events = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> fetches = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  /** When the sandbox started: event times relative to it, and the creation time of an oEmbed post. */
  private final Instant start;

  Timeline(Scenario scenario, Samples samples, Clock clock) {
    this.clock = clock;
    this.start = clock.instant();
    for (Scenario.Post post : scenario.posts()) {
      posts.put(post.id(), post);
      templates.put(post.id(), template(post, samples));
      List<Timed> timed = new CopyOnWriteArrayList<>();
      for (Scenario.Event event : post.events()) {
        timed.add(new Timed(event.instant(start), sequence.incrementAndGet(), event.change()));
      }
      events.put(post.id(), timed);
      fetches.put(post.id(), new AtomicLong());
    }
  }

  Instant now() {
    return clock.instant();
  }

  List<String> postIds() {
    return List.copyOf(posts.keySet());
  }

  /** Records a change that happens now. */
  void apply(String postId, Change change) {
    List<Timed> timed = events.get(postId);
    if (timed == null) {
      throw new IllegalArgumentException("no post '" + postId + "' in the scenario (posts: " + posts.keySet() + ")");
    }
    timed.add(new Timed(clock.instant(), sequence.incrementAndGet(), change));
  }

  /** The X post's state now, or empty when the scenario has no such X post. */
  Optional<PostState> find(String postId) {
    return find(Scenario.Service.X, postId);
  }

  /** The state now of the post on {@code service}, or empty when the scenario has no such post there. */
  Optional<PostState> find(Scenario.Service service, String postId) {
    Scenario.Post post = posts.get(postId);
    if (post == null || post.service() != service) {
      return Optional.empty();
    }
    return state(postId);
  }

  /** The post's state now, whatever its platform, or empty when the scenario has no such post. */
  Optional<PostState> state(String postId) {
    return stateAt(postId, clock.instant());
  }

  /**
   * The post's state at {@code at} as far as it is known now: the events up to {@code at} (a change applied later for
   * an earlier instant counts too), or empty when the scenario has no such post.
   */
  Optional<PostState> stateAt(String postId, Instant at) {
    Scenario.Post post = posts.get(postId);
    if (post == null) {
      return Optional.empty();
    }
    ObjectNode template = templates.get(postId);
    PostState state = initial(post, template, start);
    List<Timed> due = new ArrayList<>();
    for (Timed t : events.get(postId)) {
      if (!t.at().isAfter(at)) {
        due.add(t);
      }
    }
    due.sort(Comparator.comparing(Timed::at).thenComparingLong(Timed::seq));
    for (Timed t : due) {
      state = state.apply(t.change(), t.at());
    }
    return Optional.of(state);
  }

  /** The scenario's post, or empty. */
  Optional<Scenario.Post> post(String postId) {
    return Optional.ofNullable(posts.get(postId));
  }

  /**
   * The post's state before any event: its sample, with the scenario's overrides. An oEmbed answer carries no
   * creation time, so a post on an oEmbed platform without {@code createdAt} was made when the sandbox started.
   */
  private static PostState initial(Scenario.Post post, ObjectNode template, Instant start) {
    String text;
    String handle;
    String name;
    String created;
    switch (post.service()) {
      case YOUTUBE, TIKTOK, INSTAGRAM, FACEBOOK -> {
        text = template.path("title").asText("");
        handle = post.handle();
        name = post.handle();
        created = start.toString();
      }
      case BLUESKY -> {
        text = template.path("record").path("text").asText();
        handle = template.path("author").path("handle").asText();
        name = template.path("author").path("displayName").asText();
        created = template.path("record").path("createdAt").asText();
      }
      case MASTODON -> {
        text = MastodonRoute.plainText(template.path("content").asText());
        handle = template.path("account").path("acct").asText();
        name = template.path("account").path("display_name").asText();
        created = template.path("created_at").asText();
      }
      default -> {
        text = template.path("text").asText();
        handle = template.path("user").path("screen_name").asText();
        name = template.path("user").path("name").asText();
        created = template.path("created_at").asText();
      }
    }
    return new PostState(
        post.id(),
        PostState.Availability.AVAILABLE,
        post.text() != null ? post.text() : text,
        post.handle() != null ? post.handle() : handle,
        post.name() != null ? post.name() : name,
        post.createdAt() != null ? post.createdAt() : Instant.parse(created),
        List.of(post.id()),
        0,
        Fault.none(),
        null,
        0);
  }

  /** The post's sample with its id swapped in everywhere (ids inside URLs too); a fresh copy. */
  ObjectNode template(String postId) {
    return templates.get(postId).deepCopy();
  }

  /** Counts one more fetch of the post and returns the count; volatile counters derive from it. */
  long countFetch(String postId) {
    return fetches.get(postId).incrementAndGet();
  }

  private static ObjectNode template(Scenario.Post post, Samples samples) {
    ObjectNode sample = samples.object(post.sample());
    if (post.service() == Scenario.Service.BLUESKY && sample.path("thread").path("post").isObject()) {
      return (ObjectNode) sample.path("thread").path("post");
    }
    switch (post.service()) {
      case YOUTUBE -> {
        return YouTubeRoute.template(post, sample);
      }
      case TIKTOK -> {
        return TikTokRoute.template(post, sample);
      }
      case INSTAGRAM -> {
        return GraphRoute.instagramTemplate(post, sample);
      }
      case BLUESKY, MASTODON, FACEBOOK -> {
        return sample;
      }
      case X -> {
        // below: the sample's own id is swapped for the post's
      }
    }
    String sampleId = sample.path("id_str").asText();
    if (sampleId.isEmpty() || sampleId.equals(post.id())) {
      return sample;
    }
    swapIds(sample, sampleId, post.id());
    return sample;
  }

  /** Replaces the sample's own id in every string value of the top-level tweet (not inside quoted_tweet). */
  private static void swapIds(ObjectNode node, String from, String to) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      if (name.equals("quoted_tweet") || name.equals("parent")) {
        continue;
      }
      JsonNode value = node.get(name);
      if (value.isTextual() && value.asText().contains(from)) {
        node.put(name, value.asText().replace(from, to));
      } else if (value.isObject()) {
        swapIds((ObjectNode) value, from, to);
      } else if (value.isArray()) {
        for (int i = 0; i < value.size(); i++) {
          JsonNode item = value.get(i);
          if (item.isTextual() && item.asText().contains(from)) {
            ((ArrayNode) value).set(i, item.asText().replace(from, to));
          } else if (item.isObject()) {
            swapIds((ObjectNode) item, from, to);
          }
        }
      }
    }
  }
}

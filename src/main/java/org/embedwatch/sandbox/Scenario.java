package org.embedwatch.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the sandbox serves: posts (each built from a bundled sample response, with a timeline of changes) and article
 * pages. Immutable. Read from JSON with {@link #parse(Path)}, or built in code.
 */
public record Scenario(List<Post> posts, List<Article> articles) {
  static final Pattern TWEET_ID = Pattern.compile("[0-9]{1,40}");
  static final Pattern RKEY = Pattern.compile("[a-z0-9]{1,64}");
  static final Pattern MASTODON_HANDLE = Pattern.compile("[A-Za-z0-9_]{1,64}@[a-z0-9.-]{1,253}");
  static final Pattern YOUTUBE_ID = Pattern.compile("[A-Za-z0-9_-]{11}");
  static final Pattern TIKTOK_ID = Pattern.compile("[0-9]{6,25}");
  static final Pattern SHORTCODE = Pattern.compile("[A-Za-z0-9_-]{5,64}");
  static final Pattern FACEBOOK_ID = Pattern.compile("[0-9]{1,25}|pfbid[0-9A-Za-z]{10,80}");
  /** Handles on the oEmbed platforms: a YouTube channel handle, a TikTok or Instagram user, a Facebook page. */
  static final Pattern OEMBED_HANDLE = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
  static final String BLUESKY_SAMPLE = "bluesky_getPostThread_200_constructed.json";
  static final String MASTODON_SAMPLE = "status_200_docs_example.json";
  static final String YOUTUBE_SAMPLE = "youtube_oembed_constructed.json";
  static final String TIKTOK_SAMPLE = "tiktok_oembed_docs_example.json";
  static final String INSTAGRAM_SAMPLE = "instagram_oembed_constructed.json";
  static final String FACEBOOK_SAMPLE = "facebook_oembed_post_constructed.json";

  public Scenario {
    posts = List.copyOf(posts);
    articles = List.copyOf(articles);
    long distinct = posts.stream().map(Post::id).distinct().count();
    if (distinct != posts.size()) {
      throw new IllegalArgumentException("post ids must be unique in a scenario");
    }
  }

  /** A scenario of posts only. */
  public static Scenario of(Post... posts) {
    return new Scenario(List.of(posts), List.of());
  }

  /**
   * Reads a scenario file. Relative article {@code file} paths resolve against the file's directory.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if it is not a valid scenario; the message names the file and the problem
   */
  public static Scenario parse(Path file) throws IOException {
    String json = Files.readString(file, StandardCharsets.UTF_8);
    Path dir = file.toAbsolutePath().getParent();
    return new ScenarioReader(file.toString(), dir).read(json);
  }

  /** Reads scenario JSON; relative article {@code file} paths resolve against {@code baseDir}. */
  public static Scenario parse(String json, Path baseDir) {
    return new ScenarioReader("scenario in " + baseDir, baseDir.toAbsolutePath()).read(json);
  }

  /**
   * The bundled demo: three real sample posts (photo 1641086480675225601 by SamuelSusla, video 1684218600456876032 by
   * Rainmaker1973, quote tweet 1641895049427550208 by mattcarrollcode), no events.
   */
  public static Scenario demo() {
    String name = "demo-scenario.json";
    try (InputStream in = Scenario.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("bundled resource " + name + " is missing from the classpath");
      }
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new ScenarioReader("bundled " + name, Path.of("").toAbsolutePath()).read(json);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read bundled " + name, e);
    }
  }

  /** Which platform a post is on; the sandbox serves each through that platform's API. */
  public enum Service {
    /** An X post: syndication, oEmbed, v1.1 and v2. The sample is a syndication tweet. */
    X,
    /** A Bluesky post on the public AppView. The id is the record key; the sample a getPostThread body. */
    BLUESKY,
    /** A Mastodon status on the server named by its {@code user@host} handle. The sample a Status entity. */
    MASTODON,
    /** A YouTube video (11-character id) on www.youtube.com/oembed; the handle is its channel's handle. */
    YOUTUBE,
    /** A TikTok video (decimal id) on www.tiktok.com/oembed; the handle is its author's user name. */
    TIKTOK,
    /** An Instagram post (shortcode) on graph.facebook.com instagram_oembed; the handle is its user name. */
    INSTAGRAM,
    /** A Facebook post (id or pfbid) on graph.facebook.com oembed_post; the handle is its page name. */
    FACEBOOK;

    /** Whether the sandbox serves this platform's posts through an oEmbed endpoint. */
    boolean oEmbed() {
      return this == YOUTUBE || this == TIKTOK || this == INSTAGRAM || this == FACEBOOK;
    }

    /** The platform's name in scenario files ({@code youtube}, …). */
    String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One post. Nullable overrides replace what the sample says.
   *
   * @param id the tweet id, the Bluesky record key or the Mastodon status id served
   * @param sample the bundled sample used as template, e.g. {@code photo_tweet_1641086480675225601.json}
   * @param text the post text, or null for the sample's
   * @param handle the author's handle, or null for the sample's; a Mastodon post needs {@code user@host}, a post on
   *     an oEmbed platform its channel, user or page name
   * @param name the author's display name, or null for the sample's
   * @param createdAt when the post was made, or null for the sample's
   * @param events what happens to it, in declaration order
   * @param service the platform the post is on
   */
  public record Post(String id, String sample, String text, String handle, String name, Instant createdAt,
      List<Event> events, Service service) {
    public Post {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(sample, "sample");
      Objects.requireNonNull(service, "service");
      String kindOfId = switch (service) {
        case X -> TWEET_ID.matcher(id).matches() ? null : "tweet id";
        case MASTODON -> TWEET_ID.matcher(id).matches() ? null : "status id";
        case BLUESKY -> RKEY.matcher(id).matches() ? null : "Bluesky record key";
        case YOUTUBE -> YOUTUBE_ID.matcher(id).matches() ? null : "YouTube video id (11 characters)";
        case TIKTOK -> TIKTOK_ID.matcher(id).matches() ? null : "TikTok video id (6 to 25 digits)";
        case INSTAGRAM -> SHORTCODE.matcher(id).matches() ? null : "Instagram shortcode";
        case FACEBOOK -> FACEBOOK_ID.matcher(id).matches() ? null : "Facebook post id (digits or pfbid…)";
      };
      if (kindOfId != null) {
        throw new IllegalArgumentException("not a " + kindOfId + ": '" + id + "'");
      }
      if (service == Service.MASTODON && (handle == null || !MASTODON_HANDLE.matcher(handle).matches())) {
        throw new IllegalArgumentException("a Mastodon post needs a handle user@host, got '" + handle + "'");
      }
      if (service.oEmbed() && (handle == null || !OEMBED_HANDLE.matcher(handle).matches())) {
        throw new IllegalArgumentException("a " + service.key() + " post needs a handle (channel, user or page"
            + " name), got '" + handle + "'");
      }
      events = List.copyOf(events);
    }

    /** An X post. */
    public Post(String id, String sample, String text, String handle, String name, Instant createdAt,
        List<Event> events) {
      this(id, sample, text, handle, name, createdAt, events, Service.X);
    }

    /** An X post exactly as its sample, with {@code id} swapped in. */
    public static Post of(String id, String sample, Event... events) {
      return new Post(id, sample, null, null, null, null, List.of(events));
    }

    /** A Bluesky post by {@code handle} with record key {@code rkey}, built from the bundled getPostThread sample. */
    public static Post bluesky(String rkey, String handle, String text, Event... events) {
      return new Post(rkey, BLUESKY_SAMPLE, text, handle, null, null, List.of(events), Service.BLUESKY);
    }

    /** A Mastodon status {@code id} by {@code user@host}, built from the bundled Status sample. */
    public static Post mastodon(String id, String handle, String text, Event... events) {
      return new Post(id, MASTODON_SAMPLE, text, handle, null, null, List.of(events), Service.MASTODON);
    }

    /** A YouTube video {@code id} on the channel with handle {@code channel}, titled {@code title}. */
    public static Post youtube(String id, String channel, String title, Event... events) {
      return new Post(id, YOUTUBE_SAMPLE, title, channel, null, null, List.of(events), Service.YOUTUBE);
    }

    /** A TikTok video {@code id} by user {@code handle}, with caption {@code title}. */
    public static Post tiktok(String id, String handle, String title, Event... events) {
      return new Post(id, TIKTOK_SAMPLE, title, handle, null, null, List.of(events), Service.TIKTOK);
    }

    /** An Instagram post {@code shortcode} by user {@code handle} (its oEmbed carries no caption). */
    public static Post instagram(String shortcode, String handle, Event... events) {
      return new Post(shortcode, INSTAGRAM_SAMPLE, "", handle, null, null, List.of(events), Service.INSTAGRAM);
    }

    /** A Facebook post {@code id} on page {@code page}, with text {@code text}. */
    public static Post facebook(String id, String page, String text, Event... events) {
      return new Post(id, FACEBOOK_SAMPLE, text, page, null, null, List.of(events), Service.FACEBOOK);
    }

    /** For a Mastodon post, its server: the part of the handle after {@code @}. */
    public String host() {
      return handle == null ? null : handle.substring(handle.indexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
    }

    /** For a Mastodon post, the user name: the part of the handle before {@code @}. */
    public String user() {
      return handle == null ? null : handle.substring(0, handle.indexOf('@'));
    }
  }

  /**
   * A change at a time: absolute ({@code at}) or relative to the sandbox's start ({@code after}); exactly one is set.
   */
  public record Event(Instant at, Duration after, Change change) {
    public Event {
      Objects.requireNonNull(change, "change");
      if ((at == null) == (after == null)) {
        throw new IllegalArgumentException("an event needs exactly one of 'at' and 'after'");
      }
      if (after != null && after.isNegative()) {
        throw new IllegalArgumentException("'after' must not be negative: " + after);
      }
    }

    public static Event at(Instant at, Change change) {
      return new Event(at, null, change);
    }

    public static Event after(Duration after, Change change) {
      return new Event(null, after, change);
    }

    /** When this event happens for a sandbox started at {@code start}. */
    public Instant instant(Instant start) {
      return at != null ? at : start.plus(after);
    }
  }

  /**
   * An article page served at {@code http://127.0.0.1:<port>/<host><path>}: from a file or a classpath resource.
   *
   * @param host the news site's host, e.g. {@code news.example}
   * @param path the path, starting with {@code /}
   * @param file the page file (absolute after parsing), or null
   * @param resource an absolute classpath resource name, or null
   * @param contentType the Content-Type to send
   */
  public record Article(String host, String path, Path file, String resource, String contentType) {
    public Article {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(contentType, "contentType");
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("an article path must start with '/': '" + path + "'");
      }
      if ((file == null) == (resource == null)) {
        throw new IllegalArgumentException("an article needs exactly one of 'file' and 'resource': " + host + path);
      }
    }
  }
}

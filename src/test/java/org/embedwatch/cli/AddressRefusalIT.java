package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.embedwatch.evidence.Media;
import org.embedwatch.evidence.MediaOutcome;
import org.embedwatch.evidence.PostState;
import org.embedwatch.testsupport.ArchiveFile;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.EvidenceView;
import org.embedwatch.testsupport.HostilePlatform;
import org.embedwatch.testsupport.MappedDns;
import org.embedwatch.testsupport.PageServer;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review's H1 through the real CLI: a hostile platform, a page, a feed or a sitemap naming an internal address
 * (cloud metadata, another loopback port, IPv6 loopback, the mapped form of 127.0.0.1, a name resolving to a private
 * address or to loopback, a redirect to any of them) gets nothing fetched from it. An "internal admin" page server
 * stands for what must stay unread: it records no request, and its secret is nowhere in the archive. The CLI runs
 * with {@code net.only-routed=false}, as deployed, so the address check itself is what refuses; names resolve through
 * a {@link MappedDns} (no real DNS), and a refused address is never connected to, so nothing leaves loopback.
 */
class AddressRefusalIT {
  private static final String SECRET = "ADMIN-SECRET-9f2c";
  private static final String ADVICE = "not fetched (allow it with net.allow-addresses)";

  @TempDir Path work;
  private HostilePlatform hostile;
  private PageServer admin;
  private SandboxedCli env;
  private CliRunner cli;

  @BeforeEach
  void start() throws IOException {
    hostile = new HostilePlatform();
    admin = PageServer.start();
    for (String path : List.of("/admin", "/via-redirect", "/from-feed", "/from-sitemap", "/via-article")) {
      admin.answer(path, 200, "text/html", "<html><body><article><p>" + SECRET + "</p></article></body></html>");
    }
    Map<String, String> settings = new HashMap<>(hostile.route());
    settings.put("net.only-routed", "false");
    env = SandboxedCli.start(work, settings);
    cli = env.cli().resolveWith(new MappedDns()
        .map("metadata.test", "169.254.169.254")
        .map("intranet.test", "10.0.0.5")
        .map("rebind.test", "127.0.0.1"));
  }

  @AfterEach
  void stop() {
    env.close();
    hostile.close();
    admin.close();
  }

  private String evil(String path) {
    return "https://" + HostilePlatform.HOST + path;
  }

  private void redirect(String path, String location) {
    hostile.server().redirect("/" + HostilePlatform.HOST + path, 302, location);
  }

  @Test
  void mediaLeadingInsideAreRefusedAndThePostIsStillCaptured() throws IOException {
    String id = "111111111111111101";
    int port = admin.port();
    hostile.server().page("/" + HostilePlatform.HOST + "/media/ok.png", HostilePlatform.PNG,
        Map.of("Content-Type", "image/png"));
    redirect("/media/redir-loop", admin.url("/via-redirect"));
    redirect("/media/redir-meta", "http://metadata.test/latest/meta-data/");
    List<String> inside = List.of(
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        admin.url("/admin?x=1"),
        "http://[::1]:" + port + "/admin",
        "http://[::ffff:127.0.0.1]:" + port + "/admin",
        "http://intranet.test/admin",
        "http://rebind.test:" + port + "/admin",
        evil("/media/redir-loop"),
        evil("/media/redir-meta"));
    hostile.status(id, s -> HostilePlatform.media(s, concat(inside, evil("/media/ok.png"))));
    Files.writeString(work.resolve("a.html"), HostilePlatform.articleCiting(List.of(id)));

    CliRunner.Run run = cli.run("archive", "a.html");

    assertThat(run.exit()).as(run.err()).isZero();
    EvidenceView.PostEvidence post = new EvidenceView(cli).stored().posts().stream()
        .filter(p -> p.post().post().postId().equals(id)).findFirst().orElseThrow();
    assertThat(post.post().post().state()).isEqualTo(PostState.AVAILABLE);
    List<Media> media = post.captures().get(post.captures().size() - 1).capture().media();
    for (String url : inside) {
      assertThat(media).filteredOn(m -> m.sourceUrl().equals(url)).singleElement().satisfies(m -> {
        assertThat(m.outcome()).as(url).isEqualTo(MediaOutcome.of(MediaOutcome.Kind.REFUSED));
        assertThat(m.sha256()).isNull();
        assertThat(m.path()).isNull();
      });
    }
    assertThat(media).filteredOn(m -> m.sourceUrl().equals(evil("/media/ok.png"))).singleElement()
        .satisfies(m -> assertThat(m.outcome()).isEqualTo(MediaOutcome.STORED));
    assertThat(MediaOutcome.parse("refused")).isEqualTo(MediaOutcome.of(MediaOutcome.Kind.REFUSED));

    assertThat(admin.requested()).as("the internal admin server was never asked").isEmpty();
    assertThat(hostile.requested()).contains("/evil.example/media/redir-loop", "/evil.example/media/redir-meta",
        "/evil.example/media/ok.png");
    List<ArchiveFile> files = ArchiveFile.allUnder(cli.archiveDir());
    assertThat(files).allSatisfy(f -> assertThat(f.text()).as(f.path().toString()).doesNotContain(SECRET));
    String warc = warcText(files);
    assertThat(warc).contains("169.254.169.254 is a link-local address; " + ADVICE,
        "rebind.test resolves to 127.0.0.1, a loopback address; " + ADVICE,
        "intranet.test resolves to 10.0.0.5, a private address; " + ADVICE,
        "[::ffff:127.0.0.1] is a loopback address; " + ADVICE,
        "metadata.test resolves to 169.254.169.254, a link-local address; " + ADVICE);

    CliRunner.Run status = cli.run("status", HostilePlatform.postUrl(id));
    assertThat(status.out()).contains("photo refused").contains("photo stored");
  }

  @Test
  void aPostWhoseApiRedirectsInsideIsInconclusiveNotDeleted() throws IOException {
    String id = "111111111111111102";
    redirect("/api/v1/statuses/" + id, "http://metadata.test/latest/meta-data/");
    Files.writeString(work.resolve("a.html"), HostilePlatform.articleCiting(List.of(id)));

    CliRunner.Run run = cli.run("archive", "a.html");

    assertThat(run.exit()).as(run.err()).isZero();
    EvidenceView.Post post = new EvidenceView(cli).post(id);
    assertThat(post.post().state()).isEqualTo(PostState.UNREACHABLE);
    assertThat(post.observations()).singleElement().satisfies(o -> {
      assertThat(o.observation().outcome().name()).isEqualTo("TRANSPORT_ERROR");
      assertThat(o.observation().detail()).contains("refused_address", "metadata.test resolves to 169.254.169.254");
    });
    assertThat(run.out()).contains("not evidence");
  }

  @Test
  void feedAndSitemapEntriesLeadingInsideAreRefusedWithAClearLine() throws IOException {
    int port = admin.port();
    String article = "111111111111111103";
    hostile.status(article, s -> {});
    hostile.server().page("/" + HostilePlatform.HOST + "/ok-article.html",
        HostilePlatform.articleCiting(List.of(article)).getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "text/html; charset=utf-8"));
    redirect("/article-redirect-loopback", admin.url("/via-article"));
    hostile.server().page("/" + HostilePlatform.HOST + "/feed.xml", ("<?xml version=\"1.0\"?><rss version=\"2.0\">"
        + "<channel><title>News</title>"
        + "<item><link>" + admin.url("/from-feed") + "</link></item>"
        + "<item><link>http://metadata.test/latest/meta-data/from-feed</link></item>"
        + "<item><link>" + evil("/article-redirect-loopback") + "</link></item>"
        + "<item><link>" + evil("/ok-article.html") + "</link></item>"
        + "</channel></rss>").getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/rss+xml"));
    hostile.server().page("/" + HostilePlatform.HOST + "/sitemap.xml", ("<?xml version=\"1.0\"?>"
        + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
        + "<url><loc>http://[::1]:" + port + "/from-sitemap</loc></url>"
        + "<url><loc>http://intranet.test/from-sitemap</loc></url>"
        + "<url><loc>http://169.254.169.254/latest/meta-data/from-sitemap</loc></url>"
        + "</urlset>").getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/xml"));

    CliRunner.Run run = cli.run("archive", evil("/feed.xml"), evil("/sitemap.xml"));

    assertThat(run.out()).contains(
        "127.0.0.1 is a loopback address; " + ADVICE,
        "metadata.test resolves to 169.254.169.254, a link-local address; " + ADVICE,
        "[::1] is a loopback address; " + ADVICE,
        "intranet.test resolves to 10.0.0.5, a private address; " + ADVICE,
        "169.254.169.254 is a link-local address; " + ADVICE);
    assertThat(run.out().lines().filter(l -> l.contains(ADVICE)).count()).as(run.out()).isEqualTo(6);
    assertThat(run.out()).contains("article " + evil("/ok-article.html") + ": 1 reference");
    assertThat(new EvidenceView(cli).post(article).post().state()).isEqualTo(PostState.AVAILABLE);
    assertThat(admin.requested()).isEmpty();
    assertThat(new EvidenceView(cli).stored().articleCaptures())
        .allSatisfy(a -> assertThat(a.toString()).doesNotContain("from-feed", "from-sitemap", "via-article"));
    assertThat(ArchiveFile.allUnder(cli.archiveDir()))
        .allSatisfy(f -> assertThat(f.text()).as(f.path().toString()).doesNotContain(SECRET));
  }

  @Test
  void anArticleUrlRedirectingToLoopbackIsRefusedAndOnlyTheAllowedPortIsFetched() throws IOException {
    redirect("/article-redirect-loopback", admin.url("/via-article"));

    CliRunner.Run refused = cli.run("archive", evil("/article-redirect-loopback"));

    assertThat(refused.out()).contains(evil("/article-redirect-loopback") + ": unreadable: cannot fetch: "
        + "refused_address (127.0.0.1 is a loopback address; " + ADVICE + ")");
    assertThat(refused.err()).contains("(an internal address is fetched only when net.allow-addresses allows it)");
    assertThat(admin.requested()).isEmpty();

    cli.allow(admin);
    CliRunner.Run allowed = cli.run("archive", admin.url("/admin"));

    assertThat(allowed.out()).as(allowed.err()).contains("article " + admin.url("/admin") + ": ");
    assertThat(admin.requested()).containsExactly("/admin");
    assertThat(warcText(ArchiveFile.allUnder(cli.archiveDir())))
        .as("the WARC says which internal address the operator opened")
        .contains("embedwatch-allow-addresses: 127.0.0.1:" + admin.port());
  }

  private static List<String> concat(List<String> list, String last) {
    List<String> out = new java.util.ArrayList<>(list);
    out.add(last);
    return out;
  }

  private static String warcText(List<ArchiveFile> files) {
    StringBuilder sb = new StringBuilder();
    files.stream().filter(f -> f.path().toString().contains("warc")).forEach(f -> sb.append(f.text()));
    return sb.toString();
  }
}

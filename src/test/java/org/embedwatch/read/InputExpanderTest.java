package org.embedwatch.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.embedwatch.read.Expansions.lines;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.testsupport.Documents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files, directories, list files and stdin: what each expands to, in which order, and how bad ones end. */
class InputExpanderTest {
  private static final String HTML = "<html><body><p>An article.</p></body></html>";

  @TempDir Path work;
  private Expansions expansions;

  @BeforeEach
  void open() {
    expansions = new Expansions(work, 100_000);
  }

  @AfterEach
  void close() throws IOException {
    expansions.close();
  }

  @Test
  void anUnexpectedExceptionWithOneInputBecomesItsProblemAndTheOthersGoOn() throws IOException {
    Files.writeString(work.resolve("a.html"), HTML);
    Files.writeString(work.resolve("b.html"), HTML);
    List<InputItem> items = new java.util.ArrayList<>();

    expansions.expander().expand(List.of("a.html", "b.html"), work, java.io.InputStream.nullInputStream(), item -> {
      if (item.input().equals("a.html") && item instanceof InputItem.Article) {
        throw new IllegalStateException("a bug");
      }
      items.add(item);
    });

    assertThat(lines(items)).containsExactly(
        "a.html unreadable: an internal error (IllegalStateException: a bug)",
        "b.html article text/html");
  }

  @Test
  void aSymbolicLinkOutOfTheDirectoryIsSkippedNotFollowed() throws IOException {
    Path dir = Files.createDirectories(work.resolve("dir"));
    Files.writeString(dir.resolve("a.html"), HTML);
    Path outside = Files.createDirectories(work.resolve("outside"));
    Files.writeString(outside.resolve("b.html"), HTML);
    Files.createSymbolicLink(dir.resolve("out"), outside);
    Files.createSymbolicLink(dir.resolve("out.html"), outside.resolve("b.html"));

    assertThat(lines(expansions.expand("dir"))).containsExactly(
        "dir directory 1",
        "dir/a.html article text/html",
        "dir/out skipped: a symbolic link out of the directory; not followed",
        "dir/out.html skipped: a symbolic link out of the directory; not followed");
  }

  @Test
  void directoriesNestedTooDeepAreNotWalked() throws IOException {
    Path deep = work.resolve("dir");
    for (int i = 0; i < InputExpander.MAX_DIRECTORY_DEPTH; i++) {
      deep = deep.resolve("d");
    }
    Files.createDirectories(deep.resolve("d"));
    Files.writeString(deep.resolve("a.html"), HTML);
    Files.writeString(deep.resolve("d/b.html"), HTML);

    List<String> lines = lines(expansions.expand("dir"));

    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("dir directory 1");
    assertThat(lines.get(1)).endsWith("/d/a.html article text/html");
    assertThat(lines.get(2)).endsWith("/d/d skipped: nested more than " + InputExpander.MAX_DIRECTORY_DEPTH
        + " directories deep; not walked");
  }

  @Test
  void aContainerTakesAtMostTheEntryLimitAndSaysHowManyItLeftOut() throws IOException {
    Path dir = Files.createDirectories(work.resolve("dir"));
    for (String name : List.of("a", "b", "c", "d", "e")) {
      Files.writeString(dir.resolve(name + ".html"), HTML);
    }
    List<InputItem> items = new java.util.ArrayList<>();

    new InputExpander(expansions.http(), new ContentSniffer(), 100_000, 3, java.time.Clock.systemUTC())
        .expand(List.of("dir"), work, java.io.InputStream.nullInputStream(), items::add);

    assertThat(lines(items)).containsExactly(
        "dir directory 3 (2 over the limit)",
        "dir/a.html article text/html",
        "dir/b.html article text/html",
        "dir/c.html article text/html");
  }

  @Test
  void aDirectoryIsWalkedDepthFirstInNameOrderWithoutHiddenEntriesOrLinkLoops() throws IOException {
    Path dir = Files.createDirectories(work.resolve("dir/sub"));
    Files.writeString(work.resolve("dir/b.html"), HTML);
    Files.writeString(work.resolve("dir/a.txt"), "text");
    Files.writeString(work.resolve("dir/Z.html"), HTML);
    Files.writeString(work.resolve("dir/sub/c.html"), HTML);
    Files.writeString(work.resolve("dir/.secret.html"), HTML);
    Files.createDirectories(work.resolve("dir/.git"));
    Files.writeString(work.resolve("dir/.git/x.html"), HTML);
    Files.createSymbolicLink(dir.resolve("loop"), work.resolve("dir"));
    Files.createSymbolicLink(work.resolve("dir/zz-broken.html"), work.resolve("nowhere.html"));

    List<InputItem> items = expansions.expand("dir");

    assertThat(lines(items)).containsExactly(
        "dir directory 4+2",
        "dir/Z.html article text/html",
        "dir/a.txt article text/plain",
        "dir/b.html article text/html",
        "dir/sub/c.html article text/html",
        "dir/sub/loop skipped: a link to a directory already walked (a loop or a second link); not walked again",
        "dir/zz-broken.html unreadable: a broken symbolic link");
  }

  @Test
  void aBinaryFileNamedHtmlAndAnEmptyFileEndInProblemsAndTheBatchGoesOn() throws IOException {
    Files.write(work.resolve("binary.html"), new byte[] {0x00, 0x01, (byte) 0xfe, 0x42, 0x00, 0x7f, 0x13, 0x00});
    Files.write(work.resolve("empty.txt"), new byte[0]);
    Files.writeString(work.resolve("good.html"), HTML);

    List<InputItem> items = expansions.expand("binary.html", "empty.txt", "missing.html", "good.html");

    assertThat(lines(items)).containsExactly(
        "binary.html unsupported: application/octet-stream",
        "empty.txt unreadable: empty (0 bytes)",
        "missing.html unreadable: no such file",
        "good.html article text/html");
    assertThat(((InputItem.Problem) items.get(0)).remedy()).contains("HTML, text, PDF or DOCX");
  }

  @Test
  void aListFileResolvesRelativePathsAgainstItsDirectoryAndNeverIncludesItselfTwice() throws IOException {
    Files.createDirectories(work.resolve("lists"));
    Files.writeString(work.resolve("lists/a.html"), HTML);
    Files.writeString(work.resolve("top.html"), HTML);
    Files.writeString(work.resolve("lists/urls.txt"), String.join("\n",
        "# articles of the week", "", "  a.html  ", "../top.html", "@nested.txt", "@urls.txt", "missing.html"));
    Files.writeString(work.resolve("lists/nested.txt"), "a.html\r\n@urls.txt\r\n");

    List<InputItem> items = expansions.expand("@lists/urls.txt");

    assertThat(lines(items)).containsExactly(
        "@lists/urls.txt list 5",
        "lists/a.html article text/html",
        "top.html article text/html",
        "@lists/nested.txt list 2",
        "lists/a.html article text/html",
        "@lists/urls.txt skipped: it includes itself (a loop); not expanded again",
        "@lists/urls.txt skipped: it includes itself (a loop); not expanded again",
        "lists/missing.html unreadable: no such file");
    assertThat(((InputItem.Article) items.get(1)).capture().input()).isEqualTo(work.resolve("lists/a.html").toString());
  }

  @Test
  void aListGivenTwiceIsExpandedOnceAndAtNeedsALocalFile() throws IOException {
    Files.writeString(work.resolve("one.html"), HTML);
    Files.writeString(work.resolve("l.txt"), "one.html\n");

    List<InputItem> items = expansions.expand("@l.txt", "@l.txt", "@nope.txt", "@https://example.org/l.txt", "@");

    assertThat(lines(items)).containsExactly(
        "@l.txt list 1",
        "one.html article text/html",
        "@l.txt skipped: already expanded above",
        "@nope.txt unreadable: no such list file",
        "@https://example.org/l.txt unreadable: @ must be followed by a local list file",
        "@ unreadable: @ must be followed by a local list file");
  }

  @Test
  void listsNestedTooDeeplyEndInAProblem() throws IOException {
    Files.writeString(work.resolve("deep.html"), HTML);
    for (int i = 0; i < 8; i++) {
      Files.writeString(work.resolve("l" + i + ".txt"), i == 7 ? "deep.html" : "@l" + (i + 1) + ".txt");
    }

    List<InputItem> items = expansions.expand("@l0.txt");

    assertThat(lines(items)).hasSize(InputExpander.MAX_DEPTH + 1)
        .endsWith("@l6.txt unreadable: nested more than 6 levels deep in lists, directories, feeds and sitemaps");
  }

  @Test
  void stdinIsReadOnceAndItsTypeComesFromTheBytes() {
    List<InputItem> items = expansions.expandWithStdin(HTML.getBytes(StandardCharsets.UTF_8), "-", "-");

    assertThat(lines(items)).containsExactly("stdin article text/html", "stdin skipped: standard input was read above");
    ArticleCapture c = ((InputItem.Article) items.get(0)).capture();
    assertThat(c.input()).isEqualTo("stdin:sha256:" + Sha256.of(HTML.getBytes(StandardCharsets.UTF_8)).hex());
    assertThat(c.url()).isNull();
    assertThat(c.text()).isEqualTo(HTML);
  }

  @Test
  void legacyCharsetsWithoutADeclarationDecodeRight() throws IOException {
    String arabic = "قال المتحدث إن الوضع خطير جدا في المدينة.\n— سير يا حرة (@siryahora) September 22, 2016\n";
    String japanese = "東京で大きな地震がありました。住民は避難しています。\n— 山田太郎 (@yamada) March 11, 2011\n";
    String french = "Le préfet a évoqué une situation très préoccupante à Besançon.\n"
        + "-- Hélène Lefèvre (@helenelefevre) 3 août 2021\n";
    Files.write(work.resolve("ar.txt"), arabic.getBytes(Charset.forName("windows-1256")));
    Files.write(work.resolve("fr.txt"), french.getBytes(StandardCharsets.ISO_8859_1));

    List<InputItem> files = expansions.expand("ar.txt", "fr.txt");
    List<InputItem> piped = expansions.expandWithStdin(japanese.getBytes(Charset.forName("Shift_JIS")), "-");

    assertThat(((InputItem.Article) files.get(0)).capture().text()).isEqualTo(arabic);
    assertThat(((InputItem.Article) files.get(1)).capture().text()).isEqualTo(french);
    ArticleCapture ja = ((InputItem.Article) piped.get(0)).capture();
    assertThat(ja.mediaType()).isEqualTo("text/plain");
    assertThat(ja.charset()).isEqualTo("Shift_JIS");
    assertThat(ja.text()).isEqualTo(japanese);
  }

  @Test
  void pdfAndDocxBecomeXhtmlWithTheirTextAndLinks() throws IOException {
    String link = "https://twitter.com/SamuelSusla/status/1641086480675225601";
    List<String> lines = List.of("The minister replied.", "\u2014 Sakir Khader (@sakirkhader) September 22, 2016");
    Files.write(work.resolve("report.pdf"), Documents.pdf(lines, link));
    Files.write(work.resolve("memo.bin"), Documents.docx(lines, link, "the post"));

    List<InputItem> items = expansions.expand("report.pdf", "memo.bin");

    assertThat(lines(items)).containsExactly(
        "report.pdf article application/pdf",
        "memo.bin article application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    for (InputItem item : items) {
      ArticleCapture c = ((InputItem.Article) item).capture();
      assertThat(c.textType()).isEqualTo("application/xhtml+xml");
      assertThat(c.charset()).isNull();
      assertThat(c.text()).contains("href=\"" + link + "\"").contains("Sakir Khader (@sakirkhader) September 22, 2016");
    }
  }

  @Test
  void aCorruptPdfIsUnreadableWithAOneLineReason() throws IOException {
    Files.writeString(work.resolve("broken.pdf"), "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        + "trailer << /Root 1 0 R >>\n%%EOF\n");

    InputItem.Problem p = (InputItem.Problem) expansions.expand("broken.pdf").get(0);

    assertThat(p.problem()).isEqualTo(InputItem.ProblemKind.UNREADABLE);
    assertThat(p.reason()).startsWith("not a readable PDF").doesNotContain("\n");
  }

  @Test
  void aFileOverTheLimitAndAGzipBombEndBeforeTheLimitIsPassed() throws IOException {
    Files.writeString(work.resolve("big.html"), "<p>" + "x".repeat(100_001));
    Files.write(work.resolve("bomb.html.gz"), gzip(new byte[20_000_000]));
    Files.write(work.resolve("page.html.gz"), gzip(HTML.getBytes(StandardCharsets.UTF_8)));

    List<InputItem> items = expansions.expand("big.html", "bomb.html.gz", "page.html.gz");

    assertThat(lines(items)).containsExactly(
        "big.html unreadable: larger than read.max-bytes (100000 bytes)",
        "bomb.html.gz unreadable: expands past read.max-bytes (100000 bytes) when decompressed",
        "page.html.gz article text/html");
    assertThat(((InputItem.Article) items.get(2)).capture().text()).isEqualTo(HTML);
  }

  @Test
  void aPageOfDeeplyNestedElementsIsReadLikeAnyOther() throws IOException {
    Files.writeString(work.resolve("deep.html"), "<html><body>" + "<div>".repeat(200_000) + "</body></html>");

    List<InputItem> items;
    try (Expansions large = new Expansions(work, 10_000_000)) {
      items = large.expand("deep.html");
    }

    assertThat(lines(items)).containsExactly("deep.html article text/html");
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }
}

package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.embedwatch.evidence.PostState;
import org.embedwatch.testsupport.ArchiveIntegrity;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.EvidenceView;
import org.embedwatch.testsupport.HostilePlatform;
import org.embedwatch.testsupport.PostgresServer;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.HeaderValidator;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.tools.ValidateTool;

/**
 * The archive's files through the CLI: valid WARC by jwarc's own validator, readable by their owner only, crash
 * debris repaired at the next start, and a write that fails (the file size limit a full disk stands for) stopping the
 * run with one line and nothing stored lost.
 */
class ArchiveFilesIT {
  @TempDir Path work;
  private SandboxedCli env;
  private HostilePlatform hostile;

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
    if (hostile != null) {
      hostile.close();
    }
  }

  @Test
  void everyWarcFilePassesJwarcsValidatorAndEveryFileIsReadableByItsOwnerOnly() throws Exception {
    env = SandboxedCli.start(work, Map.of());
    Path article = Files.writeString(work.resolve("two-embeds.html"), Articles.twoEmbeds());
    CliRunner.Run run = env.cli().run("archive", article.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    Path archive = env.cli().archiveDir();

    List<Path> warcs = files(archive.resolve("warc"));
    assertThat(warcs).isNotEmpty().allMatch(p -> p.toString().endsWith(".warc.gz"));
    HeaderValidator headers = HeaderValidator.warc_1_1();
    int digests = 0;
    for (Path warc : warcs) {
      assertThat(jwarcValidate(warc)).as("WarcTool validate %s", warc).isTrue();
      try (WarcReader reader = new WarcReader(warc)) {
        for (WarcRecord record : reader) {
          assertThat(headers.validate(record.headers())).as("%s at %d", warc, reader.position()).isEmpty();
          digests += record.headers().first("WARC-Block-Digest").isPresent() ? 1 : 0;
          record.body().consume();
        }
      }
    }
    assertThat(digests).isGreaterThan(4);

    try (Stream<Path> all = Files.walk(archive)) {
      for (Path p : all.toList()) {
        assertThat(Files.getPosixFilePermissions(p)).as("permissions of %s", p)
            .containsAnyOf(PosixFilePermission.OWNER_READ)
            .doesNotContain(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE);
        assertThat(p.getFileName().toString()).as("nothing left marked open or temporary after a clean run")
            .doesNotEndWith(".open").doesNotEndWith(".part").doesNotEndWith(".lock");
      }
    }
    if (PostgresServer.configured().isEmpty()) {
      assertThat(archive.resolve("embedwatch.mv.db")).as("the H2 file was among the files checked").exists();
    }
  }

  @Test
  void whatACrashLeftIsRepairedAtTheNextStartAndSaidOnStderr() throws Exception {
    env = SandboxedCli.start(work, Map.of());
    Path article = Files.writeString(work.resolve("two-embeds.html"), Articles.twoEmbeds());
    assertThat(env.cli().run("archive", article.toString()).exit()).isZero();
    Path archive = env.cli().archiveDir();
    Path warc = files(archive.resolve("warc")).get(0);
    long whole = Files.size(warc);
    // kill -9 in the middle of a record: a gzip member cut short, the file still marked open, and temporary files.
    byte[] head = Arrays.copyOf(Files.readAllBytes(warc), 300);
    Files.write(warc, head, StandardOpenOption.APPEND);
    Files.createFile(warc.resolveSibling(warc.getFileName() + ".open"));
    Path dead = Files.createDirectories(archive.resolve("tmp").resolve("0f0f0f0f-dead"));
    Files.write(dead.resolve("incoming-1.part"), new byte[4096]);
    Files.createFile(archive.resolve("tmp").resolve("0f0f0f0f-dead.lock"));

    // In a child JVM: the repair is told in a log line, on the process's real stderr.
    CliRunner.Run run = child(null, "check", "--all");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).contains(warc + ": cut a truncated last record (300 bytes) left by a crash")
        .contains(archive.resolve("tmp") + ": removed 1 temporary directory or file (4.0 KB) left by a crash");
    assertThat(Files.size(warc)).isEqualTo(whole);
    assertThat(warc.resolveSibling(warc.getFileName() + ".open")).doesNotExist();
    assertThat(dead).doesNotExist();
    assertThat(jwarcValidate(warc)).isTrue();
    ArchiveIntegrity.assertIntact(env.cli(), "after the repair");

    CliRunner.Run again = env.cli().run("check", "--all");
    assertThat(again.err()).doesNotContain("left by a crash");
  }

  /**
   * The real CLI in a child JVM whose files may not grow past 8 MB ({@code ulimit -f}): the WARC file reaches the
   * limit while a post's media are written, as it would reach the end of a full disk. Before the fix the next write
   * spun forever holding the lock. The archive is made first, without the limit: H2's file grows past a few MB for a
   * moment while the migrations run (it is compacted when closed).
   */
  @Test
  void aFailedWarcWriteStopsTheRunWithOneLineAndLosesNothingStored() throws Exception {
    hostile = new HostilePlatform();
    env = SandboxedCli.start(work, hostile.route());
    String id = "111111111111111200";
    List<String> media = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      byte[] noise = new byte[2560 * 1024];
      new Random(i).nextBytes(noise);
      hostile.server().page("/" + HostilePlatform.HOST + "/media/" + i + ".jpg", noise,
          Map.of("Content-Type", "image/jpeg"));
      media.add("https://" + HostilePlatform.HOST + "/media/" + i + ".jpg");
    }
    hostile.status(id, s -> HostilePlatform.media(s, media));
    Files.writeString(work.resolve("a.html"), HostilePlatform.articleCiting(List.of(id)));

    Files.writeString(work.resolve("empty.html"), "<html><body><article><p>No post.</p></article></body></html>");
    assertThat(env.cli().run("archive", "empty.html").exit()).isZero();
    CliRunner.Run run = child(8192, "archive", "a.html");
    String said = run.err();
    assertThat(run.exit()).as(said).isEqualTo(1);
    assertThat(said.lines().filter(l -> l.startsWith("error: "))).singleElement().asString()
        .startsWith("error: cannot write WARC file " + env.cli().archiveDir().resolve("warc"))
        .contains(": File too large (")
        .contains(" free); the run stopped, nothing after the last whole record was kept");

    Path archive = env.cli().archiveDir();
    for (Path warc : files(archive.resolve("warc"))) {
      assertThat(warc.toString()).endsWith(".warc.gz");
      assertThat(Files.size(warc)).isLessThanOrEqualTo(8192 * 1024);
      assertThat(jwarcValidate(warc)).as("%s ends with its last whole record", warc).isTrue();
    }
    ArchiveIntegrity.assertIntact(env.cli(), "after the failed write");

    CliRunner.Run again = env.cli().run("archive", "a.html");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(new EvidenceView(env.cli()).post(id).post().state()).isEqualTo(PostState.AVAILABLE);
    ArchiveIntegrity.assertIntact(env.cli(), "after the run again");
  }

  /**
   * Runs {@code embedwatch <args>} with the runner's settings in a child JVM, its files limited to {@code maxKb} KB
   * ({@code ulimit -f}; null: no limit), and waits for it to end by itself (two minutes at most).
   */
  private CliRunner.Run child(Integer maxKb, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", "-c",
        (maxKb == null ? "" : "ulimit -f " + maxKb + " && ") + "exec \"$0\" \"$@\"",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    command.addAll(env.cli().settingArgs());
    Path out = Files.createTempFile(work, "child", ".out");
    Path err = Files.createTempFile(work, "child", ".err");
    Process child = new ProcessBuilder(command).directory(work.toFile()).redirectError(err.toFile())
        .redirectOutput(out.toFile()).start();
    boolean ended = child.waitFor(120, TimeUnit.SECONDS);
    if (!ended) {
      child.destroyForcibly();
      child.waitFor();
    }
    assertThat(ended).as("the run ended by itself (it hung before the fix)").isTrue();
    return new CliRunner.Run(child.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** jwarc's own {@code WarcTool validate FILE}: its check of every record's headers, digests and gzip framing. */
  static boolean jwarcValidate(Path warc) throws Exception {
    Method validate = ValidateTool.class.getDeclaredMethod("validate", Path.class);
    validate.setAccessible(true);
    return (boolean) validate.invoke(new ValidateTool(false), warc);
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.sorted().toList();
    }
  }

}

package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --set} before and after the command: every value counts, the later ones last. */
class SetOptionTest {
  @TempDir Path work;

  @Test
  void setValuesBeforeAndAfterTheCommandAreAllKept() {
    Main main = new Main(work, Clock.systemUTC());
    Main.commandLine(main).parseArgs("--set", "store.url=jdbc:h2:mem:x", "--set", "archive.dir=a", "check",
        "--set", "check.refetch-photos=false", "--set", "archive.dir=b");

    assertThat(main.overrides()).containsExactly("store.url=jdbc:h2:mem:x", "archive.dir=a",
        "check.refetch-photos=false", "archive.dir=b");
    assertThat(main.settings().archiveDir()).isEqualTo(work.resolve("b"));
  }

  @Test
  void setValuesOnlyAfterTheCommandAreKept() {
    Main main = new Main(work, Clock.systemUTC());
    Main.commandLine(main).parseArgs("status", "--set", "archive.dir=c");

    assertThat(main.overrides()).containsExactly("archive.dir=c");
  }
}

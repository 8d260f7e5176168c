package org.embedwatch.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.embedwatch.App;
import org.embedwatch.Archiver;
import org.embedwatch.read.UnreadableInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code archive}: reads each input, stores it, extracts its references and captures every cited post. */
@Command(name = "archive", description = "Capture each input article and every post it cites.")
final class ArchiveCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Article URLs or files.")
  List<String> inputs;

  @Override
  public Integer call() {
    try (App app = App.open(main.settings(), main.clock())) {
      return run(app, inputs, Main.out(spec), spec.commandLine().getErr());
    }
  }

  /** Archives {@code inputs} with {@code app}, printing one line per article and per reference. */
  static int run(App app, List<String> inputs, PrintWriter out, PrintWriter err) {
    int failures = 0;
    for (String input : inputs) {
      Archiver.Result result;
      try {
        result = app.archiver().archive(input);
      } catch (UnreadableInputException e) {
        err.println("error: " + e.getMessage());
        err.flush();
        failures++;
        continue;
      }
      int n = result.references().size();
      out.println("article " + input + ": " + (n == 0 ? "no references found" : n + (n == 1 ? " reference" : " references"))
          + " (" + result.article().mediaType() + ", sha256 " + result.article().sha256().hex() + ")");
      for (Archiver.ReferenceResult r : result.references()) {
        out.println("  " + ReferenceLines.describe(r.reference()) + "\n    -> "
            + (r.capture() == null ? "not captured: a text remnant without a post id" : CaptureLines.outcome(r.capture())));
      }
      out.flush();
    }
    return failures == 0 ? 0 : CliErrorHandler.OPERATIONAL;
  }
}

package org.embedwatch.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.embedwatch.App;
import org.embedwatch.Archiver;
import org.embedwatch.evidence.Platform;
import org.embedwatch.capture.CheckResult;
import org.embedwatch.capture.StopToken;
import org.embedwatch.read.InputItem;
import org.embedwatch.report.VisibleText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code archive}: reads each input, stores it, extracts its references and captures every cited post. */
@Command(name = "archive", description = "Capture each input article and every post it cites.")
final class ArchiveCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "INPUT", description = ExtractCommand.INPUTS)
  List<String> inputs = List.of();

  @Option(names = "--recapture", description = "Re-fetch articles archived before (every one, or the INPUTs given),"
      + " store the new capture and report each reference removed or replaced since the previous capture.")
  boolean recapture;

  @Option(names = "--scope", paramLabel = "article|page|all", defaultValue = "article",
      description = "Which references to store and capture: those in the article body (default), in page furniture,"
          + " or all.")
  ScopeOption scope;

  @Mixin ProgressOption progress = new ProgressOption();

  @Override
  public Integer call() {
    if (inputs.isEmpty() && !recapture) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "Missing required parameter: INPUT (a file, a URL, a list @file or -), or --recapture to fetch stored"
              + " articles again");
    }
    try (App app = App.openOrCreate(main.settings(), main.clock(), main.sleeper(), main.dns())) {
      PrintWriter err = spec.commandLine().getErr();
      StopToken stop = new StopToken();
      try (StopOnSignal signals = StopOnSignal.install(stop, err)) {
        ArchiveProgress shown = new ArchiveProgress(progress.open("archive", "read", "inputs", app.clock(), err));
        int code;
        try (shown) {
          code = recapture
              ? recapture(app, inputs, scope, main.workingDir(), main.stdin(), Main.out(spec), err, stop, shown)
              : run(app, inputs, scope, main.workingDir(), main.stdin(), Main.out(spec), err, stop, shown);
        }
        if (stop.requested()) {
          err.println(shown.stopped(stop.reason().orElseThrow()));
          err.flush();
          return signals.exitCode();
        }
        return code;
      }
    }
  }

  /**
   * Re-captures {@code inputs}, or every stored article when none is given, printing what {@link #run} prints and
   * then, per article, each reference removed or replaced since its previous capture or "no change".
   */
  static int recapture(App app, List<String> inputs, ScopeOption scope, Path baseDir, InputStream stdin,
      PrintWriter out, PrintWriter err, StopToken stop, ArchiveProgress progress) {
    List<String> chosen = inputs;
    if (chosen.isEmpty()) {
      List<String> stored = app.evidence().articleCaptures().stream().map(a -> a.capture().input()).distinct()
          .toList();
      chosen = stored.stream().filter(i -> !i.startsWith("stdin:")).toList();
      for (String input : stored) {
        if (input.startsWith("stdin:")) {
          out.println(VisibleText.of(input) + ": not re-captured: it was read from standard input, with no address to fetch"
              + " again");
        }
      }
      if (chosen.isEmpty()) {
        out.println("no stored article to re-capture");
        out.flush();
        return 0;
      }
    }
    progress.start(chosen.size());
    return exitCode(app.archiver().archiveAll(chosen, baseDir, stdin, scope::shows, true, stop,
        item -> print(app, item, scope, out, err, progress)));
  }

  /** The drift lines of one re-captured article. */
  private static String drift(String input, Archiver.Recapture r) {
    if (r.previousAt() == null) {
      return "recapture " + input + ": first capture, nothing to compare";
    }
    if (r.drift().isEmpty()) {
      return "recapture " + input + ": no change in references since " + r.previousAt();
    }
    StringBuilder sb = new StringBuilder("recapture " + input + ": " + r.drift().size()
        + (r.drift().size() == 1 ? " reference" : " references") + " removed or replaced since " + r.previousAt());
    r.drift().forEach(f -> sb.append("\n  ARTICLE_DRIFT ").append(VisibleText.of(f.summary())));
    return sb.toString();
  }

  /**
   * Expands {@code inputs} and archives each article with {@code app}, printing one line per article, per reference,
   * per container and per problem.
   *
   * @return 0, or 1 when an input was unreadable or unsupported, failed unexpectedly, or a post's check failed
   */
  static int run(App app, List<String> inputs, ScopeOption scope, Path baseDir, InputStream stdin, PrintWriter out,
      PrintWriter err) {
    return run(app, inputs, scope, baseDir, stdin, out, err, new StopToken(),
        new ArchiveProgress(new Progress.Off()));
  }

  /**
   * As {@link #run(App, List, ScopeOption, Path, InputStream, PrintWriter, PrintWriter)}, starting no new input,
   * article or post check once {@code stop} is requested, and telling {@code progress} each item.
   */
  static int run(App app, List<String> inputs, ScopeOption scope, Path baseDir, InputStream stdin, PrintWriter out,
      PrintWriter err, StopToken stop, ArchiveProgress progress) {
    progress.start(inputs.size());
    return exitCode(app.archiver().archiveAll(inputs, baseDir, stdin, scope::shows, false, stop,
        item -> print(app, item, scope, out, err, progress)));
  }

  /**
   * One item of the run: the article's lines (and its drift, for a re-capture), or what the inputs said; then
   * {@code progress} is told it (a post's check only counts there: its lines come with its article).
   */
  private static void print(App app, Archiver.Item item, ScopeOption scope, PrintWriter out, PrintWriter err,
      ArchiveProgress progress) {
    progress.above(() -> print(app, item, scope, out, err));
    progress.told(item);
  }

  private static void print(App app, Archiver.Item item, ScopeOption scope, PrintWriter out, PrintWriter err) {
    if (item instanceof Archiver.Item.Checked) {
      return;
    }
    if (item instanceof Archiver.Item.Archived a) {
      String input = VisibleText.of(a.input());
      print(a.result(), scope, input, out, app.missingClients());
      if (a.recapture() != null) {
        out.println(drift(input, a.recapture()));
      }
    } else {
      InputItem input = ((Archiver.Item.Input) item).item();
      switch (input.kind()) {
        case EXPANSION -> out.println(InputLines.expansion((InputItem.Expansion) input));
        case SKIPPED -> out.println(InputLines.skipped((InputItem.Skipped) input));
        case PROBLEM -> problem((InputItem.Problem) input, out, err);
        case ARTICLE -> throw new IllegalStateException("an article is told as archived: " + input.input());
      }
    }
    out.flush();
  }

  /** The exit code of a run: 0, or 1 when an input could not be archived or a post's check failed. */
  private static int exitCode(Archiver.Summary summary) {
    return summary.clean() ? 0 : CliErrorHandler.OPERATIONAL;
  }

  private static void problem(InputItem.Problem p, PrintWriter out, PrintWriter err) {
    out.println(InputLines.problem(p));
    out.flush();
    err.println(InputLines.error(p));
    err.flush();
  }

  private static void print(Archiver.Result result, ScopeOption scope, String input, PrintWriter out,
      Map<Platform, String> missingClients) {
    int n = result.references().size();
    int left = result.leftOut();
    out.println("article " + input + ": " + (n == 0 ? "no references found" : n + (n == 1 ? " reference" : " references"))
        + (left == 0 ? "" : " (" + left + " " + scope.hiddenName() + (left == 1 ? " reference" : " references")
            + " not archived; --scope all archives them)")
        + (result.overLimit() == 0 ? "" : " (" + result.overLimit() + " more over extract.max-references not"
            + " archived)")
        + " (" + VisibleText.of(result.article().mediaType()) + ", sha256 " + result.article().sha256().hex() + ")");
    java.util.Iterator<Archiver.RemnantResult> remnants = result.remnants().iterator();
    for (Archiver.ReferenceResult r : result.references()) {
      if (r.capture() == null && r.reference().postId() == null && remnants.hasNext()) {
        out.println("  " + ReferenceLines.describe(r.reference()) + "\n    -> "
            + RemnantLines.outcome(remnants.next(), missingClients));
        out.flush();
        continue;
      }
      out.println("  " + ReferenceLines.describe(r.reference()) + "\n    -> "
          + (r.capture() != null ? CaptureLines.outcome(r.capture(), missingClients)
              // A post id without a check: the run was stopped (Ctrl-C) before this post's check started.
              : r.reference().postId() != null ? "not checked: the run was stopped before this post's check (run"
                  + " the command again to check it)"
              : "not captured: a text remnant without a post id"));
      if (r.capture() != null && r.capture().memento().attempted()) {
        out.println("       " + CaptureLines.memento(r.capture()));
      }
      // Each post's lines reach stdout as they are printed (its check was committed before): a run killed now has
      // told only what is stored.
      out.flush();
    }
    for (CheckResult r : result.related()) {
      out.println("  " + CaptureLines.related(r) + "\n    -> " + CaptureLines.outcome(r, missingClients));
      out.flush();
    }
  }
}

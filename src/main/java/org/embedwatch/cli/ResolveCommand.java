package org.embedwatch.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.embedwatch.App;
import org.embedwatch.Archiver;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code resolve}: retries every X remnant not linked to a post yet. */
@Command(name = "resolve", description = "Retry resolving text remnants (handle, date, text, no post id) to posts.")
final class ResolveCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    try (App app = App.open(main.settings(), main.clock(), main.sleeper(), main.dns())) {
      run(app, Main.out(spec));
      return 0;
    }
  }

  /** Tries each unresolved remnant, printing one line each (and its post's capture when resolved) and a summary. */
  static void run(App app, PrintWriter out) {
    List<Archiver.RemnantResult> results = app.archiver().resolveUnresolved();
    int resolved = 0;
    for (Archiver.RemnantResult r : results) {
      out.println(RemnantLines.remnant(r.resolution().citation().reference()) + ": "
          + RemnantLines.outcome(r, app.missingClients()));
      if (r.resolution().post().isPresent()) {
        resolved++;
      }
    }
    out.println("tried " + results.size() + (results.size() == 1 ? " remnant" : " remnants") + ": " + resolved
        + " resolved, " + (results.size() - resolved) + " still unresolved");
    out.flush();
  }
}

package org.embedwatch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.embedwatch.App;
import org.embedwatch.ReadOnlyEvidence;
import org.embedwatch.EmbedwatchException;
import org.embedwatch.report.AuditReport;
import org.embedwatch.report.AuditReportBuilder;
import org.embedwatch.report.ReportFormat;
import org.embedwatch.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code report}: the audit report of everything stored, in Markdown, CSV or JSON. */
@Command(name = "report", description = "Write the audit report (what was cited where, each post's history).")
final class ReportCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--format", defaultValue = "md", description = "md, csv or json (default md).")
  ReportFormat format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
  Path outFile;

  @Override
  public Integer call() {
    try (ReadOnlyEvidence app = App.openReadOnly(main.settings(), main.clock())) {
      AuditReport report = new AuditReportBuilder(app.evidence(), app.clock()).build();
      ReportWriter writer = new ReportWriter(app.json());
      if (outFile == null) {
        writer.write(report, format, Main.out(spec));
        return 0;
      }
      Path target = main.workingDir().resolve(outFile);
      Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        writer.write(report, format, w);
      }
      Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      spec.commandLine().getErr().println("report written to " + target);
      return 0;
    } catch (java.nio.file.NoSuchFileException e) {
      throw new EmbedwatchException("cannot write the report to " + outFile + ": its directory does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + outFile + ": " + e.getMessage(), e);
    }
  }
}

package org.embedwatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.embedwatch.App;
import org.embedwatch.extract.Reference;
import org.embedwatch.read.ArticleCapture;
import org.embedwatch.read.UnreadableInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code extract}: prints the post references found in each input; stores nothing, fetches no post. */
@Command(name = "extract", description = "Print the post references found in each input (URL or file).")
final class ExtractCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Article URLs or files.")
  List<String> inputs;

  @Option(names = "--json", description = "One JSON object per reference per line.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = Main.out(spec);
    PrintWriter err = spec.commandLine().getErr();
    ObjectMapper mapper = new ObjectMapper();
    int failures = 0;
    try (App.ReadOnly app = App.readOnly(main.settings(), main.clock())) {
      for (String input : inputs) {
        ArticleCapture article;
        try {
          article = app.reader().read(input);
        } catch (UnreadableInputException e) {
          err.println("error: " + e.getMessage());
          failures++;
          continue;
        }
        List<Reference> refs = app.extractor().extract(article.text(), article.mediaType(),
            article.url() == null ? null : article.url().toString());
        if (json) {
          for (Reference r : refs) {
            out.println(jsonLine(mapper, input, r));
          }
        } else {
          printTable(out, input, article, refs);
        }
      }
    }
    out.flush();
    return failures == 0 ? 0 : CliErrorHandler.OPERATIONAL;
  }

  private static void printTable(PrintWriter out, String input, ArticleCapture article, List<Reference> refs) {
    out.println(input + " (" + article.mediaType() + ", " + article.charset() + "): "
        + (refs.isEmpty() ? "no references found" : refs.size() + (refs.size() == 1 ? " reference" : " references")));
    for (Reference r : refs) {
      out.println("  " + ReferenceLines.describe(r));
    }
  }

  static String jsonLine(ObjectMapper mapper, String input, Reference r) {
    ObjectNode o = mapper.createObjectNode();
    o.put("input", input);
    o.put("platform", r.platform().key());
    o.put("id", r.postId());
    o.put("handle", r.handle());
    o.put("url", r.url());
    o.put("form", r.forms().get(0).key());
    var forms = o.putArray("forms");
    r.forms().forEach(f -> forms.add(f.key()));
    o.put("scope", r.scope().key());
    o.put("cited_text", r.citedText());
    o.put("cited_date", r.citedDate());
    o.put("display_name", r.displayName());
    o.put("lang", r.lang());
    try {
      return mapper.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a reference", e);
    }
  }
}

package org.embedwatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.embedwatch.App;
import org.embedwatch.extract.Reference;
import org.embedwatch.read.ArticleCapture;
import org.embedwatch.read.InputExpander;
import org.embedwatch.read.InputItem;
import org.embedwatch.report.VisibleText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code extract}: prints the post references found in each input, and one outcome line per input; stores nothing,
 * fetches no post.
 */
@Command(name = "extract", description = "Print the post references found in each input.")
final class ExtractCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ExtractCommand.class);
  static final String INPUTS = "Article URLs or files (HTML, text, PDF, DOCX), directories, @LIST files (one input a"
      + " line), RSS/Atom feeds and sitemaps (file or URL), or - for standard input.";

  @ParentCommand Main main;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "INPUT", description = INPUTS)
  List<String> inputs;

  @Option(names = "--json", description = "One JSON object per reference per line, then one outcome object per input.")
  boolean json;

  @Option(names = "--scope", paramLabel = "article|page|all", defaultValue = "article",
      description = "Which references to print: those in the article body (default), in page furniture, or all.")
  ScopeOption scope;

  @Override
  public Integer call() {
    PrintWriter out = Main.out(spec);
    PrintWriter err = spec.commandLine().getErr();
    Tally tally = new Tally();
    ObjectMapper mapper = new ObjectMapper();
    try (App.ReadOnly app = App.readOnly(main.settings(), main.clock(), main.sleeper(), main.dns())) {
      app.inputs().expand(inputs, main.workingDir(), main.stdin(), item -> {
        switch (item.kind()) {
          case ARTICLE -> {
            try {
              article(app, (InputItem.Article) item, tally, mapper, out);
            } catch (RuntimeException e) {
              log.warn("unexpected error extracting {}", item.input(), e);
              problem(InputExpander.internalError(item.input(), e), tally, mapper, out, err);
            }
          }
          case EXPANSION -> out.println(json ? expansionJson(mapper, (InputItem.Expansion) item)
              : InputLines.expansion((InputItem.Expansion) item));
          case SKIPPED -> out.println(json ? skippedJson(mapper, (InputItem.Skipped) item)
              : InputLines.skipped((InputItem.Skipped) item));
          case PROBLEM -> problem((InputItem.Problem) item, tally, mapper, out, err);
        }
        out.flush();
      });
    }
    if (!json && tally.outcomes() > 1) {
      out.println(tally.line(scope));
    }
    out.flush();
    return tally.problems() == 0 ? 0 : CliErrorHandler.OPERATIONAL;
  }

  private void problem(InputItem.Problem p, Tally tally, ObjectMapper mapper, PrintWriter out, PrintWriter err) {
    tally.problem(p);
    out.println(json ? problemJson(mapper, p) : InputLines.problem(p));
    out.flush();
    err.println(InputLines.error(p));
    err.flush();
  }

  private void article(App.ReadOnly app, InputItem.Article item, Tally tally, ObjectMapper mapper, PrintWriter out) {
    ArticleCapture article = item.capture();
    List<Reference> all = app.extractor().extract(article.text(), article.textType(), article.baseUrl());
    List<Reference> shown = all.stream().filter(scope::shows).toList();
    int hidden = all.size() - shown.size();
    tally.article(shown.size(), hidden);
    if (json) {
      for (Reference r : shown) {
        out.println(jsonLine(mapper, item.input(), r));
      }
      out.println(outcomeJson(mapper, item.input(), article, shown.size(), hidden));
      return;
    }
    out.println(VisibleText.of(item.input()) + " (" + VisibleText.of(article.mediaType())
        + (article.charset() == null ? "" : ", " + article.charset())
        + "): " + found(shown.size(), hidden));
    for (Reference r : shown) {
      out.println("  " + ReferenceLines.describe(r));
    }
  }

  /** "2 references", "no references found", "no article references (3 page references hidden; …)". */
  private String found(int shown, int hidden) {
    String count = shown == 0
        ? (hidden == 0 ? "no references found" : "no " + scope.name().toLowerCase(Locale.ROOT) + " references")
        : shown + (shown == 1 ? " reference" : " references");
    return hidden == 0 ? count : count + " (" + hidden + " " + scope.hiddenName()
        + (hidden == 1 ? " reference" : " references") + " hidden; --scope all shows them)";
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
    return write(mapper, o);
  }

  private static String outcomeJson(ObjectMapper mapper, String input, ArticleCapture article, int shown,
      int hidden) {
    ObjectNode o = mapper.createObjectNode();
    o.put("input", input);
    o.put("outcome", shown == 0 ? "none" : "references");
    o.put("references", shown);
    o.put("hidden", hidden);
    o.put("media_type", article.mediaType());
    o.put("charset", article.charset());
    return write(mapper, o);
  }

  private static String expansionJson(ObjectMapper mapper, InputItem.Expansion e) {
    ObjectNode o = mapper.createObjectNode();
    o.put("input", e.input());
    o.put("outcome", "expanded");
    o.put("container", e.container().key());
    o.put("entries", e.entries());
    o.put("left_out", e.leftOut());
    o.put("over_limit", e.overLimit());
    return write(mapper, o);
  }

  private static String skippedJson(ObjectMapper mapper, InputItem.Skipped s) {
    ObjectNode o = mapper.createObjectNode();
    o.put("input", s.input());
    o.put("outcome", "skipped");
    o.put("reason", s.reason());
    return write(mapper, o);
  }

  private static String problemJson(ObjectMapper mapper, InputItem.Problem p) {
    ObjectNode o = mapper.createObjectNode();
    o.put("input", p.input());
    o.put("outcome", p.problem().key());
    o.put("reason", p.reason());
    o.put("remedy", p.remedy());
    return write(mapper, o);
  }

  private static String write(ObjectMapper mapper, ObjectNode o) {
    try {
      return mapper.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + o, e);
    }
  }

  /** Counts of one run, for the closing line and the exit code. Not thread-safe. */
  private static final class Tally {
    private int withReferences;
    private int without;
    private int shown;
    private int hidden;
    private int unreadable;
    private int unsupported;

    void article(int shownHere, int hiddenHere) {
      if (shownHere > 0) {
        withReferences++;
      } else {
        without++;
      }
      shown += shownHere;
      hidden += hiddenHere;
    }

    void problem(InputItem.Problem p) {
      switch (p.problem()) {
        case UNREADABLE -> unreadable++;
        case UNSUPPORTED -> unsupported++;
      }
    }

    int problems() {
      return unreadable + unsupported;
    }

    int outcomes() {
      return withReferences + without + problems();
    }

    /** "total: 5 articles (3 with references, 2 without), 9 references, 2 page references hidden; 1 unreadable, …". */
    String line(ScopeOption scope) {
      int articles = withReferences + without;
      return "total: " + articles + (articles == 1 ? " article" : " articles") + " (" + withReferences
          + " with references, " + without + " without), " + shown + (shown == 1 ? " reference" : " references")
          + (hidden == 0 ? "" : ", " + hidden + " " + scope.hiddenName() + (hidden == 1 ? " reference" : " references")
              + " hidden")
          + "; " + unreadable + " unreadable, " + unsupported + " unsupported";
    }
  }
}

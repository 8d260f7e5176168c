package org.embedwatch.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** A news site: serves the scenario's article pages for one host, read fresh on every request. */
final class ArticleRoute implements Route {
  private final Map<String, Scenario.Article> byPath;

  ArticleRoute(Map<String, Scenario.Article> byPath) {
    this.byPath = Map.copyOf(byPath);
  }

  @Override
  public Answer answer(RecordedRequest request) {
    Scenario.Article article = byPath.get(request.hostPath());
    if (article == null) {
      return Answer.htmlError(404, "Not Found");
    }
    return Answer.reply(200, article.contentType(), read(article));
  }

  @Override
  public Answer.Reply failure(int status) {
    return Answer.htmlError(status, "Error");
  }

  private static byte[] read(Scenario.Article article) {
    try {
      if (article.file() != null) {
        return Files.readAllBytes(article.file());
      }
      try (InputStream in = ArticleRoute.class.getResourceAsStream(article.resource())) {
        if (in == null) {
          throw new IllegalStateException("article resource vanished: " + article.resource());
        }
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read article " + article.host() + article.path(), e);
    }
  }
}

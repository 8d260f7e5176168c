package org.embedwatch.sandbox;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code web.archive.org/web/<timestamp>id_/<original>} (platform-protocols §5.3): the raw bytes of a capture, with
 * {@code Memento-Datetime}, {@code Link} (original, timemap, timegate, memento) and {@code x-archive-src}. A timestamp
 * that is not a capture's own (or shorter than 14 digits) redirects (302) to the closest capture of that URL; an
 * archived redirect is replayed as a redirect into the archive; a URL never captured is the archive's 404 HTML page.
 */
final class ReplayRoute implements Route {
  private static final Pattern RAW = Pattern.compile("^/web/([0-9]{1,14})id_/(https?):/+(.+)$");
  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
  private static final String WAYBACK = "https://web.archive.org/web/";

  private final WaybackArchive archive;

  ReplayRoute(WaybackArchive archive) {
    this.archive = archive;
  }

  @Override
  public Answer answer(RecordedRequest request) {
    Matcher m = RAW.matcher(request.hostPath());
    if (!m.matches()) {
      return notArchived();
    }
    String original = m.group(2) + "://" + m.group(3) + (request.query().isEmpty() ? "" : "?" + request.query());
    String timestamp = (m.group(1) + "99991231235959".substring(m.group(1).length())).substring(0, 14);
    Optional<WaybackArchive.Capture> found = archive.closest(original, timestamp);
    if (found.isEmpty()) {
      return notArchived();
    }
    WaybackArchive.Capture capture = found.get();
    if (!capture.timestamp().equals(m.group(1))) {
      return redirect(WAYBACK + capture.timestamp() + "id_/" + capture.original(), capture);
    }
    if (capture.statuscode().equals("302")) {
      String clean = capture.original().replaceFirst("^http://", "https://").replaceFirst("\\?.*$", "");
      return archive.closest(clean, capture.timestamp())
          .<Answer>map(target -> redirect(WAYBACK + target.timestamp() + "id_/" + target.original(), capture))
          .orElseGet(ReplayRoute::notArchived);
    }
    String type = capture.mimetype().startsWith("text/") ? capture.mimetype() + "; charset=utf-8"
        : capture.mimetype();
    return Answer.reply(200, type, archive.payload(capture)).withHeaders(mementoHeaders(capture));
  }

  @Override
  public Answer.Reply failure(int status) {
    return Answer.htmlError(status, "Error");
  }

  private static Answer.Reply redirect(String location, WaybackArchive.Capture capture) {
    Map<String, String> headers = new LinkedHashMap<>(mementoHeaders(capture));
    headers.put("Location", location);
    return Answer.text(302, Answer.HTML, "").withHeaders(headers);
  }

  private static Map<String, String> mementoHeaders(WaybackArchive.Capture c) {
    String datetime = HTTP_DATE.format(c.at());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Memento-Datetime", datetime);
    headers.put("Link", "<" + c.original() + ">; rel=\"original\", <" + WAYBACK + "timemap/link/" + c.original()
        + ">; rel=\"timemap\"; type=\"application/link-format\", <" + WAYBACK + c.original()
        + ">; rel=\"timegate\", <" + WAYBACK + c.timestamp() + "/" + c.original() + ">; rel=\"memento\"; datetime=\""
        + datetime + "\"");
    headers.put("x-archive-src", "sandbox-" + c.timestamp() + ".warc.gz");
    return headers;
  }

  /** The archive's 404: an HTML page titled "Wayback Machine". */
  private static Answer.Reply notArchived() {
    return Answer.text(404, Answer.HTML, "<!DOCTYPE html>\n<html lang=\"en\">\n  <head>\n    <title>Wayback Machine"
        + "</title>\n  </head>\n  <body><p>Hrm. The Wayback Machine has not archived that URL.</p></body>\n</html>\n");
  }
}

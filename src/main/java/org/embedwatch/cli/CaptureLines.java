package org.embedwatch.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.embedwatch.evidence.Platform;
import org.embedwatch.capture.CheckResult;
import org.embedwatch.net.Fetch;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.report.VisibleText;

/**
 * One-line human descriptions of what a check of a post gave, shared by {@code archive} and {@code check}. Every value
 * from outside (handles, failure and endpoint details, which quote what a server sent) is shown through
 * {@link VisibleText#of}: its control characters and line breaks escaped, so it stays on its line.
 */
final class CaptureLines {
  private CaptureLines() {}

  /**
   * The outcome of a capture, or {@code not captured: no client for <platform> posts yet}, with what the client needs
   * when it exists but is not configured ({@code (needs meta.oembed-token)}).
   */
  static String outcome(CheckResult result, Map<Platform, String> missingClients) {
    if (result.failed()) {
      return failed(result);
    }
    if (result.unsupported()) {
      return "not captured: " + noClient(result.post().platform(), missingClients);
    }
    return state(result) + " — " + fetches(result, missingClients);
  }

  /** {@code check failed, nothing of it recorded: <why>}. */
  static String failed(CheckResult result) {
    return "check failed, nothing of it recorded: " + VisibleText.of(result.failure());
  }

  /** {@code no client for instagram posts yet (needs meta.oembed-token)}. */
  static String noClient(Platform platform, Map<Platform, String> missingClients) {
    return "no client for " + platform.key() + " posts yet" + why(platform, missingClients);
  }

  /** {@code " (needs meta.oembed-token)"}, or "" when nothing would make a client of {@code platform}. */
  static String why(Platform platform, Map<Platform, String> missingClients) {
    String needs = missingClients.get(platform);
    return needs == null ? "" : " (" + needs + ")";
  }

  /** A post checked because a captured post named it: {@code x 123 @handle, quoted by x 456}. */
  static String related(CheckResult result) {
    return result.post().platform().key() + " " + VisibleText.of(result.post().postId())
        + (result.post().handle() == null ? "" : " @" + VisibleText.of(result.post().handle()))
        + (result.via() == null ? "" : ", " + VisibleText.of(result.via()));
  }

  /** The post's state after the check, with the reason when unavailable. */
  static String state(CheckResult result) {
    return result.state().state().name()
        + (result.state().reason() == null ? "" : " (" + result.state().reason().key() + ")");
  }

  /** What each endpoint answered. */
  static String fetches(CheckResult result, Map<Platform, String> missingClients) {
    if (result.unsupported()) {
      return noClient(result.post().platform(), missingClients);
    }
    List<String> parts = result.fetches().stream().map(CaptureLines::fetch).toList();
    return String.join("; ", parts);
  }

  /** What the Wayback fallback did for a post gone before its first capture, e.g. {@code wayback-memento: stored …}. */
  static String memento(CheckResult result) {
    return "wayback-memento: " + VisibleText.of(result.memento().detail());
  }

  private static String fetch(PostFetch f) {
    String http = f.fetch() instanceof Fetch.Response r ? "HTTP " + r.status() : "no response";
    String what = f.outcome().key();
    if (f instanceof PostFetch.Served s) {
      what = "served, " + s.content().media().size() + " media";
    } else if (f instanceof PostFetch.Unavailable u) {
      what = "unavailable: " + VisibleText.of(u.detail());
    } else if (f instanceof PostFetch.NotFound n) {
      what = "not found: " + VisibleText.of(n.detail());
    } else if (f instanceof PostFetch.Inconclusive i) {
      String shown = VisibleText.of(i.detail());
      String detail = shown.length() > 60 ? shown.substring(0, 57) + "..." : shown;
      what = i.outcome().key().replace('_', ' ') + " (" + detail + "), not evidence";
    }
    return f.endpoint() + " " + http + ", " + what.toLowerCase(Locale.ROOT).charAt(0) + what.substring(1);
  }
}

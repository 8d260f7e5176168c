package org.embedwatch.archive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.embedwatch.config.Settings;

/**
 * The fields of every WARC file's warcinfo record: the software, the configuration's source and the settings that
 * shape what was fetched and how (never a secret: for credentials only whether they were configured).
 */
public final class WarcinfoFields {
  private WarcinfoFields() {}

  /**
   * The fields for {@code s}.
   *
   * @param software the software name and version
   * @param cadence the check cadence, described
   */
  public static Map<String, String> of(Settings s, String software, String cadence) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("software", software);
    f.put("format", "WARC File Format 1.1");
    f.put("conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/");
    f.put("configuration", s.source());
    f.put("http-header-user-agent", s.net().userAgent());
    if (!s.net().routes().isEmpty()) {
      List<String> routes = new ArrayList<>();
      s.net().routes().forEach((host, base) -> routes.add(host + " -> " + base));
      f.put("embedwatch-routes", String.join(", ", routes));
    }
    if (!s.net().allowAddresses().entries().isEmpty()) {
      // Internal addresses the operator opened (net.allow-addresses); every other one was refused.
      f.put("embedwatch-allow-addresses", s.net().allowAddresses().toString());
    }
    Settings.Politeness p = s.net().politeness();
    f.put("embedwatch-politeness", "rate " + rate(p.defaultRate()) + per(p.rates(), WarcinfoFields::rate) + "; concurrency "
        + limit(p.defaultConcurrency()) + per(p.concurrency(), WarcinfoFields::limit) + "; retries " + p.retries() + " (backoff "
        + p.retryBackoff() + ", at most " + p.retryMaxWait() + "); 429 park " + p.rateLimitPark());
    f.put("embedwatch-limits", "net.connect-timeout " + s.net().connectTimeout() + ", net.read-timeout "
        + s.net().readTimeout() + ", net.max-body-bytes " + s.net().maxBodyBytes() + ", media.max-bytes "
        + s.media().maxBytes() + ", warc.max-file-bytes " + s.net().warcMaxFileBytes());
    f.put("embedwatch-check", "cadence " + cadence + ", concurrency "
        + limit(s.check().concurrency()));
    f.put("embedwatch-credentials", "x.v1 " + (s.xV1().isPresent() ? "configured" : "none") + ", x.v2 "
        + (s.xV2().isPresent() ? "configured" : "none") + ", meta.oembed " + (s.metaOEmbed().isPresent()
        ? "configured" : "none") + " (values never recorded)");
    return f;
  }

  private static String rate(Settings.Rate r) {
    return r.isOff() ? "off" : r.requests() + "/" + r.per();
  }

  private static String limit(int n) {
    return n == 0 ? "off" : Integer.toString(n);
  }

  private static <T> String per(Map<String, T> hosts, java.util.function.Function<T, String> show) {
    if (hosts.isEmpty()) {
      return "";
    }
    List<String> out = new ArrayList<>();
    new java.util.TreeMap<>(hosts).forEach((host, v) -> out.add(host + " " + show.apply(v)));
    return " (" + String.join(", ", out) + ")";
  }
}

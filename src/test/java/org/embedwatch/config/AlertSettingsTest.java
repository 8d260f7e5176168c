package org.embedwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code alert.*} keys: defaults, the documented file, and errors that never quote the webhook's secrets. */
class AlertSettingsTest {
  private static final String SECRET = "a-long-enough-secret-0123";
  @TempDir Path work;

  private AlertSettings load(String... overrides) {
    return new SettingsLoader(work).load(Optional.empty(), List.of(overrides)).alerts();
  }

  @Test
  void byDefaultNoSinkIsConfigured() {
    AlertSettings a = load();

    assertThat(a.anySink()).isFalse();
    assertThat(a.interval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(a.atomEntries()).isEqualTo(200);
    assertThat(a.retryFirst()).isEqualTo(Duration.ofMinutes(1));
    assertThat(a.retryMax()).isEqualTo(Duration.ofHours(1));
    assertThat(a.maxAttempts()).isEqualTo(10);
    assertThat(a.backfill()).isFalse();
  }

  @Test
  void theDocumentedFileLoadsAsItIs() {
    Path documented = Path.of("config/embedwatch.properties").toAbsolutePath();

    AlertSettings a = new SettingsLoader(work).load(Optional.of(documented), List.of()).alerts();

    assertThat(a.anySink()).isFalse();
  }

  @Test
  void aWebhookShowsNeitherItsSecretNorItsUserInfoNorItsQuery() {
    AlertSettings a = load("alert.webhook.url=https://user:pw@hooks.example:8443/in?token=qq123", "alert.webhook.secret="
        + SECRET, "alert.atom.file=feeds/a.atom");

    AlertSettings.Webhook w = a.webhook().orElseThrow();
    assertThat(w.shownUrl()).isEqualTo("https://hooks.example:8443/in?…");
    assertThat(w.toString() + a).doesNotContain(SECRET).doesNotContain("pw@").doesNotContain("qq123");
    assertThat(w.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(a.atomFile()).contains(Path.of("feeds/a.atom"));
  }

  @Test
  void badWebhookSettingsAreRefusedInOneLineWithoutQuotingThem() {
    assertThatThrownBy(() -> load("alert.webhook.url=https://hooks.example/x?token=qq123"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("alert.webhook.secret is empty")
        .message().doesNotContain("qq123").doesNotContain("\n");
    assertThatThrownBy(() -> load("alert.webhook.url=ftp://hooks.example/x?token=qq123", "alert.webhook.secret="
        + SECRET)).isInstanceOf(ConfigException.class).hasMessageContaining("not an http(s) URL")
        .message().doesNotContain("qq123").doesNotContain(SECRET);
    assertThatThrownBy(() -> load("alert.webhook.url=https://hooks.example/x", "alert.webhook.secret=short secret"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("alert.webhook.secret")
        .message().doesNotContain("short secret");
    assertThatThrownBy(() -> load("alert.webhook.secret=" + SECRET)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("alert.webhook.url is empty").message().doesNotContain(SECRET);
  }

  @Test
  void retriesAndEntriesAreChecked() {
    assertThatThrownBy(() -> load("alert.retry-first=PT2H")).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("alert.retry-max=PT1H").hasMessageContaining("shorter than alert.retry-first");
    assertThatThrownBy(() -> load("alert.max-attempts=0")).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("alert.max-attempts=0");
    assertThatThrownBy(() -> load("alert.atom.entries=0")).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("alert.atom.entries=0");
    assertThatThrownBy(() -> load("alert.backfill=yes")).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("alert.backfill=yes");
  }
}

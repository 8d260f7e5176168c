package org.embedwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.embedwatch.config.Settings;
import org.embedwatch.config.SettingsLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppTest {
  @TempDir Path work;

  @Test
  void warcinfoNamesNoStorePassword() {
    Settings s = new SettingsLoader(work, Map.of("EMBEDWATCH_STORE_PASSWORD", "env-pw-secret")).load(Optional.empty(),
        List.of("store.url=jdbc:postgresql://127.0.0.1:5432/ew", "store.user=ew"));

    assertThat(s.store().password()).isPresent();
    assertThat(App.warcinfo(s).values()).noneMatch(v -> v.contains("env-pw-secret"));
    assertThat(App.warcinfo(s.withStore(new Settings.Store(s.store().url(), "ew",
        Optional.of(new Settings.Password("key-pw-secret")))))).allSatisfy((k, v) ->
        assertThat(v).doesNotContain("key-pw-secret"));
  }
}

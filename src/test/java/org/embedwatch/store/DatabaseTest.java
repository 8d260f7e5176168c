package org.embedwatch.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Optional;
import org.embedwatch.EmbedwatchException;
import org.embedwatch.config.Settings;
import org.junit.jupiter.api.Test;

class DatabaseTest {
  @Test
  void anUnreachableServerIsOneLineNamingTheUrlAndWhatToCheckButNotThePassword() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/evidence";

    assertThatThrownBy(() -> Database.open(new Settings.Store(url, "ew",
        Optional.of(new Settings.Password("pw-secret")))))
        .isInstanceOf(EmbedwatchException.class)
        .hasMessageStartingWith("cannot open the store at " + url + ": ")
        .hasMessageEndingWith("(check that the server runs, store.url, store.user, and the password in store.password"
            + " or EMBEDWATCH_STORE_PASSWORD)")
        .hasMessageNotContaining("pw-secret")
        .hasMessageNotContaining("\n");
  }

  @Test
  void anUnsupportedUrlIsRefusedBeforeAnythingIsOpened() {
    assertThatThrownBy(() -> Database.open(new Settings.Store("jdbc:mysql://db/x", "", Optional.empty())))
        .isInstanceOf(EmbedwatchException.class)
        .hasMessageStartingWith("store.url=jdbc:mysql://db/x is not supported");
  }
}

package org.embedwatch.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class QuerySecretsTest {
  @Test
  void theAccessTokenValueIsRedactedAndTheRestKeptAsWritten() {
    URI uri = URI.create("https://graph.facebook.com/v18.0/instagram_oembed?url=https%3A%2F%2Fwww.instagram.com"
        + "%2Fp%2FC1%2F&access_token=123%7Csecret&maxwidth=500#frag");

    assertThat(QuerySecrets.redact(uri).toString()).isEqualTo("https://graph.facebook.com/v18.0/instagram_oembed"
        + "?url=https%3A%2F%2Fwww.instagram.com%2Fp%2FC1%2F&access_token=[redacted]&maxwidth=500#frag");
  }

  @Test
  void anEncodedOrUpperCaseNameIsASecretToo() {
    assertThat(QuerySecrets.redact(URI.create("https://h/p?ACCESS%5FTOKEN=s3cret")).toString())
        .isEqualTo("https://h/p?ACCESS%5FTOKEN=[redacted]");
  }

  @Test
  void aUriWithoutSecretsIsReturnedAsItIs() {
    URI uri = URI.create("https://www.youtube.com/oembed?url=https%3A%2F%2Fyoutu.be%2Fx&format=json");

    assertThat(QuerySecrets.redact(uri)).isSameAs(uri);
    assertThat(QuerySecrets.redact(URI.create("https://h/p"))).hasToString("https://h/p");
  }

  @Test
  void anErrorMessageLosesTheRawAndTheDecodedValue() {
    URI uri = URI.create("http://127.0.0.1:1/graph?access_token=123%7Csecret");

    assertThat(QuerySecrets.scrub("refused: http://127.0.0.1:1/graph?access_token=123%7Csecret and 123|secret", uri))
        .isEqualTo("refused: http://127.0.0.1:1/graph?access_token=[redacted] and [redacted]");
  }

  @Test
  void recordsCarryOnlyRedactedAddresses() {
    HttpExchangeRecord record = new HttpExchangeRecord(URI.create("https://graph.facebook.com/x?access_token=t0k"),
        URI.create("http://127.0.0.1:9/graph.facebook.com/x?access_token=t0k"), java.time.Instant.EPOCH, "GET",
        java.util.List.of(), null, "refused");

    assertThat(record.targetUri()).hasToString("https://graph.facebook.com/x?access_token=[redacted]");
    assertThat(record.routedTo()).hasToString("http://127.0.0.1:9/graph.facebook.com/x?access_token=[redacted]");
  }
}

package org.embedwatch.platform.x;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SyndicationTokenTest {

  /** Rows of token_vectors_node20.tsv: id, JS String(value), toString(36), token (computed with Node 20). */
  static Stream<Arguments> nodeVectors() throws IOException {
    try (InputStream in = SyndicationTokenTest.class.getResourceAsStream("token_vectors_node20.tsv")) {
      assertThat(in).as("token_vectors_node20.tsv on the test classpath").isNotNull();
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      return lines.stream()
          .filter(line -> !line.startsWith("#") && !line.isBlank())
          .map(line -> line.split("\t", -1))
          .map(cols -> Arguments.of(cols[0], cols[2], cols[3]));
    }
  }

  @ParameterizedTest(name = "id {0} -> {2}")
  @MethodSource("nodeVectors")
  void tokenMatchesNode(String id, String radix36, String token) {
    assertThat(SyndicationToken.of(id)).isEqualTo(token);
  }

  @ParameterizedTest(name = "id {0} -> {1}")
  @MethodSource("nodeVectors")
  void radixStringMatchesNode(String id, String radix36, String token) {
    double value = (Double.parseDouble(id) / 1e15) * Math.PI;
    assertThat(SyndicationToken.toRadixString(value, 36)).isEqualTo(radix36);
  }
}

package org.embedwatch.evidence;

import java.util.List;
import java.util.Objects;

/**
 * What one endpoint gave in one check of a post: its observation, the capture stored when it served content not
 * captured before (or null), the posts that capture names, and the findings it shows (stored with this observation).
 */
public record CheckedEndpoint(Observation observation, PostCapture capture, List<PostLink> links,
    List<Finding> findings) {
  public CheckedEndpoint {
    Objects.requireNonNull(observation, "observation");
    links = List.copyOf(links);
    findings = List.copyOf(findings);
    if (capture == null && !links.isEmpty()) {
      throw new IllegalArgumentException("links are stored only with a capture");
    }
  }
}

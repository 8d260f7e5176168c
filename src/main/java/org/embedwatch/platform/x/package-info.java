/**
 * X (Twitter) clients: the syndication endpoint, oEmbed, the v1.1 API through Twitter4J, the v2 batch lookup with a
 * bearer token, and the syndication token algorithm.
 */
package org.embedwatch.platform.x;

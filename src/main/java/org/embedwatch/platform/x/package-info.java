/** X (Twitter) clients: the syndication endpoint, the v1.1 API through Twitter4J, the token algorithm. */
package org.embedwatch.platform.x;

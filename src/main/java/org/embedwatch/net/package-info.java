/**
 * The one HTTP stack: Apache HttpClient 5 with {@code net.route} rewriting, bounded bodies, manual redirects, and a
 * WARC record for every exchange.
 */
package org.embedwatch.net;

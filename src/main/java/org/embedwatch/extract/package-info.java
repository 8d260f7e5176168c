/**
 * Reference extraction: finds the posts an article cites (embeds, links, text remnants). Pure: it never touches the
 * network or the store, so it can be re-run on old article captures.
 */
package org.embedwatch.extract;

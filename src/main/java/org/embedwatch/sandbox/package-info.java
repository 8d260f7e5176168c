/**
 * The simulated platform: a loopback HTTP server that answers like cdn.syndication.twimg.com, publish.twitter.com,
 * api.twitter.com and api.x.com (v1.1 statuses/show, v2 tweet lookup), pbs/video.twimg.com and scenario-declared news
 * sites, built from real sample responses, with posts that get deleted, edited or suspended as a settable clock moves.
 * Used by tests and the demo command only, never by production code paths.
 */
package org.embedwatch.sandbox;

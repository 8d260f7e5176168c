/**
 * YouTube, TikTok, Instagram and Facebook posts through their public oEmbed endpoints: one {@link
 * org.embedwatch.platform.oembed.OEmbedEndpoint} per platform, whose request and error rules come from a small
 * dialect, and one reading of the embed (title, author, thumbnail, the embed's own link) shared by all four.
 */
package org.embedwatch.platform.oembed;

/** Mastodon through each post's own server ({@code /api/v1/statuses/:id}). */
package org.embedwatch.platform.mastodon;

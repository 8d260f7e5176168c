/** Bluesky through the public AppView ({@code public.api.bsky.app}): handle resolution and post threads. */
package org.embedwatch.platform.bluesky;

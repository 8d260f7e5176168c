/**
 * The Wayback Machine (platform-protocols §5): the CDX server and the availability API. What they list are mementos,
 * corroboration of a post's past, never a statement about its current availability.
 */
package org.embedwatch.platform.wayback;

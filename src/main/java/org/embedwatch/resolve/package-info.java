/** Remnant resolution: a citation with handle, date and text but no post id, matched to a post id, never guessed. */
package org.embedwatch.resolve;

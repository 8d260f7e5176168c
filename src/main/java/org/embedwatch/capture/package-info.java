/** Capture: observing posts through their platform endpoints, storing what was served and its media. */
package org.embedwatch.capture;

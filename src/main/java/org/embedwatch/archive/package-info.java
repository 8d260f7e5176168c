/** The archive on disk: WARC files written with jwarc, and content-addressed files for media and article bytes. */
package org.embedwatch.archive;

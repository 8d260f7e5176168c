package org.embedwatch.evidence;

import java.net.URI;

/**
 * Where one record sits in the WARC files.
 *
 * @param file the WARC file name, relative to the WARC directory
 * @param offset byte offset of the record (its gzip member) in the file
 * @param recordId the record's {@code WARC-Record-ID}
 */
public record WarcLocation(String file, long offset, URI recordId) {}

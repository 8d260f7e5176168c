package org.embedwatch.read;

import java.net.URI;
import org.embedwatch.evidence.WarcLocation;

/**
 * The bytes of one input as loaded (and decompressed), before their type is decided.
 *
 * @param input the URL, the file's absolute path, or {@code stdin:sha256:<hex of the bytes>}
 * @param url the URL asked for, or null for a file or stdin
 * @param finalUrl the address that answered after redirects, or null for a file or stdin
 * @param bytes the document's bytes, after undoing a gzip or deflate Content-Encoding and a gzip file wrapper
 * @param name a file name or URL path (".gz" removed once unwrapped), as a hint for type detection, or null
 * @param declaredType the Content-Type the server declared, or null
 * @param warc where the fetch sits in WARC, or null for a file or stdin
 */
record Loaded(String input, URI url, URI finalUrl, byte[] bytes, String name, String declaredType, WarcLocation warc) {}

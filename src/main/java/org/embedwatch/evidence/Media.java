package org.embedwatch.evidence;


/**
 * One media item of a capture: the URL we fetched and, when it was stored, the bytes' digest and file.
 *
 * @param outcome {@code stored}, or why not
 * @param sha256 digest of the stored bytes, or null when not stored
 * @param contentType the content type Tika detected from the bytes, or null
 * @param path the stored file, relative to the archive directory, or null
 * @param warc where the exchange sits in WARC, or null
 * @param dhash the 64-bit perceptual hash of the stored image ({@code verify.PerceptualHash}), or null when the bytes
 *     are no image javax.imageio decodes, or were not stored
 */
public record Media(
    MediaKind kind,
    String sourceUrl,
    MediaOutcome outcome,
    Sha256 sha256,
    String contentType,
    long byteLength,
    String path,
    WarcLocation warc,
    Long dhash) {
  /** A media item without a perceptual hash (not an image, or not hashed). */
  public Media(MediaKind kind, String sourceUrl, MediaOutcome outcome, Sha256 sha256, String contentType, long byteLength,
      String path, WarcLocation warc) {
    this(kind, sourceUrl, outcome, sha256, contentType, byteLength, path, warc, null);
  }
}

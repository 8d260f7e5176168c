package org.embedwatch.verify;

import org.embedwatch.evidence.MediaKind;
import org.embedwatch.evidence.MediaOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.embedwatch.evidence.ContentFacets;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.evidence.Media;
import org.embedwatch.evidence.PostCapture;
import org.junit.jupiter.api.Test;

class ContentDiffTest {
  private static Media photo(String bytes, Long dhash) {
    return new Media(MediaKind.PHOTO, "https://pbs.twimg.com/media/a.jpg?name=orig", MediaOutcome.STORED, Sha256.of(bytes.getBytes()),
        "image/jpeg", 10, "media/x", null, dhash);
  }

  private static PostCapture capture(String text, String handle, String name, List<Media> media,
      ContentFacets facets) {
    return new PostCapture("x-syndication", new byte[0], Sha256.of(new byte[0]), "payload", "f" + text.hashCode(),
        text, handle, name, null, media, facets);
  }

  private static final ContentFacets ONE = new ContentFacets(List.of("https://a.example/"), List.of("1"), List.of());

  @Test
  void photosThatCannotBeComparedAreANoteNeverAChange() {
    // An error page or a format ImageIO cannot read has no perceptual hash: different bytes prove nothing.
    ContentDiff diff = ContentDiff.between(capture("a", "h", "H", List.of(photo("x", 5L)), ONE),
        capture("a", "h", "H", List.of(photo("html error page", null)), ONE));

    assertThat(diff.altered()).isFalse();
    assertThat(diff.notes()).singleElement().asString().contains("cannot be compared");
  }

  @Test
  void sameContentHasNoChanges() {
    ContentDiff diff = ContentDiff.between(capture("a", "h", "H", List.of(photo("x", 5L)), ONE),
        capture("a", "h", "H", List.of(photo("x", 5L)), ONE));
    assertThat(diff.altered()).isFalse();
    assertThat(diff.notes()).isEmpty();
  }

  @Test
  void textIsComparedAfterNfcAndShownAsALineDiff() {
    assertThat(ContentDiff.between(capture("caf\u00e9", "h", "H", List.of(), ONE),
        capture("cafe\u0301", "h", "H", List.of(), ONE)).altered()).as("NFC-equal").isFalse();
    ContentDiff diff = ContentDiff.between(capture("one\ntwo\nthree", "h", "H", List.of(), ONE),
        capture("one\n2\nthree", "h", "H", List.of(), ONE));
    assertThat(diff.changes()).containsExactly("text:\n    one\n  - two\n  + 2\n    three");
    assertThat(diff.aspects()).containsExactly("text");
  }

  @Test
  void authorLinksEditsAndNotesAreItemised() {
    ContentFacets after = new ContentFacets(List.of("https://b.example/"), List.of("1", "2"),
        List.of("note 9: Readers added context"));
    ContentDiff diff = ContentDiff.between(capture("a", "old", "Old", List.of(), ONE),
        capture("a", "new", "New", List.of(), after));
    assertThat(diff.changes()).containsExactly(
        "author handle: @old -> @new",
        "author display name: \"Old\" -> \"New\"",
        "links:\n  - https://a.example/\n  + https://b.example/",
        "edit history: 1 version [1] -> 2 versions [1, 2]",
        "community notes:\n  + note 9: Readers added context");
    assertThat(diff.aspects()).containsExactly("author handle", "author display name", "links", "edit history",
        "community notes");
  }

  @Test
  void aReencodedPhotoIsANoteAndAReplacedOneAChange() {
    ContentDiff reencoded = ContentDiff.between(capture("a", "h", "H", List.of(photo("x", 0L)), ONE),
        capture("a", "h", "H", List.of(photo("y", 0b111L)), ONE));
    assertThat(reencoded.altered()).isFalse();
    assertThat(reencoded.notes()).singleElement().asString()
        .startsWith("photo 1: re-encoded copy, not a change").contains("perceptual distance 3 of 64");

    ContentDiff replaced = ContentDiff.between(capture("a", "h", "H", List.of(photo("x", 0L)), ONE),
        capture("a", "h", "H", List.of(photo("y", 0xFFFFFFL)), ONE));
    assertThat(replaced.changes()).singleElement().asString()
        .startsWith("photo 1 replaced (perceptual distance 24 of 64)");
    assertThat(replaced.aspects()).containsExactly("photo 1");
  }

  @Test
  void aPhotoNotStoredOnOneSideIsNoChange() {
    Media failed = new Media(MediaKind.PHOTO, "https://pbs.twimg.com/media/a.jpg", MediaOutcome.httpError(503), null, null, 0, null,
        null);
    assertThat(ContentDiff.between(capture("a", "h", "H", List.of(failed), ONE),
        capture("a", "h", "H", List.of(photo("y", 1L)), ONE)).altered()).isFalse();
  }

  @Test
  void facetsNotRecordedOnOneSideAreNotCompared() {
    assertThat(ContentDiff.between(capture("a", "h", "H", List.of(), null), capture("a", "h", "H", List.of(), ONE))
        .altered()).isFalse();
  }
}

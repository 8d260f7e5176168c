package org.embedwatch.sandbox;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A post as it stands at one instant: what the platforms would show for it.
 *
 * @param id the tweet id
 * @param availability whether and how it can be seen
 * @param text the current text
 * @param handle the author's screen name
 * @param name the author's display name
 * @param createdAt when it was posted
 * @param editIds every version's id, oldest first (the first is {@code id})
 * @param mediaGeneration how many times its media was swapped; the media bytes derive from it
 * @param fault a failure its hosts answer with instead, or {@link Fault#none()}
 * @param editedAt when it was last edited, or null
 * @param mediaEncoding how many times its media was re-encoded: the same pictures, encoded with other settings
 */
record PostState(
    String id,
    Availability availability,
    String text,
    String handle,
    String name,
    Instant createdAt,
    List<String> editIds,
    int mediaGeneration,
    Fault fault,
    Instant editedAt,
    int mediaEncoding) {

  /** Twitter's epoch for snowflake ids (2010-11-04T01:42:54.657Z). */
  private static final long SNOWFLAKE_EPOCH_MS = 1288834974657L;

  /** How a post can be seen. */
  enum Availability {
    AVAILABLE,
    DELETED,
    SUSPENDED,
    PROTECTED,
    AGE_RESTRICTED,
    ACCOUNT_GONE,
    NOT_FOUND_EMPTY,
    NOT_FOUND_404
  }

  PostState {
    editIds = List.copyOf(editIds);
  }

  boolean edited() {
    return editIds.size() > 1;
  }

  /** This state after {@code change}, which happened at {@code at}. */
  PostState apply(Change change, Instant at) {
    return switch (change.kind()) {
      case DELETED -> with(Availability.DELETED);
      case SUSPENDED -> with(Availability.SUSPENDED);
      case PROTECTED -> with(Availability.PROTECTED);
      case AGE_RESTRICTED -> with(Availability.AGE_RESTRICTED);
      case ACCOUNT_GONE -> with(Availability.ACCOUNT_GONE);
      case NOT_FOUND_EMPTY -> with(Availability.NOT_FOUND_EMPTY);
      case NOT_FOUND_404 -> with(Availability.NOT_FOUND_404);
      case RESTORED -> with(Availability.AVAILABLE);
      case EDITED -> edit(((Change.Edited) change).text(), at);
      case MEDIA_SWAPPED ->
          new PostState(id, availability, text, handle, name, createdAt, editIds, mediaGeneration + 1, fault,
              editedAt, mediaEncoding);
      case MEDIA_REENCODED ->
          new PostState(id, availability, text, handle, name, createdAt, editIds, mediaGeneration, fault,
              editedAt, mediaEncoding + 1);
      case FLAKY -> new PostState(
          id, availability, text, handle, name, createdAt, editIds, mediaGeneration, ((Change.Flaky) change).fault(),
          editedAt, mediaEncoding);
    };
  }

  private PostState with(Availability next) {
    return new PostState(id, next, text, handle, name, createdAt, editIds, mediaGeneration, fault, editedAt,
        mediaEncoding);
  }

  /** An edit gets a new snowflake id for its time, always greater than the previous version's. */
  private PostState edit(String newText, Instant at) {
    String last = editIds.get(editIds.size() - 1);
    BigInteger snowflake = BigInteger.valueOf(at.toEpochMilli() - SNOWFLAKE_EPOCH_MS).shiftLeft(22);
    BigInteger previous = last.chars().allMatch(Character::isDigit) ? new BigInteger(last) : BigInteger.ZERO;
    List<String> ids = new ArrayList<>(editIds);
    ids.add(previous.add(BigInteger.ONE).max(snowflake).toString());
    return new PostState(id, availability, newText, handle, name, createdAt, ids, mediaGeneration, fault, at,
        mediaEncoding);
  }
}

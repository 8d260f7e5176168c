package org.embedwatch.platform.wayback;

import org.embedwatch.evidence.Outcome;
import org.embedwatch.net.Fetch;

/**
 * What a request for a memento's raw bytes ({@code id_}) answered: the bytes, no such capture, or nothing learnt.
 * Stored as a {@code wayback-memento} observation, corroboration of the post's past, never its current state.
 */
public sealed interface MementoReplay {
  Memento memento();

  Fetch fetch();

  Outcome outcome();

  String detail();

  /**
   * The archive served the capture.
   *
   * @param mementoDatetime the {@code Memento-Datetime} it was served with
   * @param text the post's text read from the bytes, or null when they show none (a tombstone, an app shell)
   */
  record Served(Memento memento, Fetch.Response fetch, String mementoDatetime, MementoText text, String detail)
      implements MementoReplay {
    @Override
    public Outcome outcome() {
      return Outcome.AVAILABLE;
    }
  }

  /** The archive answered 404: it holds no such capture. */
  record Missing(Memento memento, Fetch.Response fetch, String detail) implements MementoReplay {
    @Override
    public Outcome outcome() {
      return Outcome.NOT_FOUND;
    }
  }

  /** Blocked, rate limited, 5xx, transport error, or an answer that is not a memento: nothing learnt. */
  record Inconclusive(Memento memento, Fetch fetch, Outcome outcome, String detail) implements MementoReplay {
    public Inconclusive {
      if (outcome.isEvidence()) {
        throw new IllegalArgumentException("an inconclusive replay cannot have outcome " + outcome);
      }
    }
  }
}

package org.embedwatch.cli;

import org.embedwatch.Archiver;
import org.embedwatch.read.InputItem;

/**
 * The progress of {@code archive}: inputs done of those known (a list, directory, feed or sitemap adds its entries
 * when it is expanded), articles archived, posts checked, flagged and failed, told to a {@link Progress} display as
 * each item comes. Used by the run's own thread.
 */
final class ArchiveProgress implements AutoCloseable {
  private final Progress display;
  private long inputs;
  private long done;
  private int articles;
  private int posts;
  private int flagged;
  private int failed;

  ArchiveProgress(Progress display) {
    this.display = display;
  }

  /** The run starts with {@code given} inputs. */
  void start(int given) {
    inputs = given;
  }

  /** Runs {@code print}, which writes the command's lines, clear of the display. */
  void above(Runnable print) {
    display.above(print);
  }

  /** One item of the run. */
  void told(Archiver.Item item) {
    if (item instanceof Archiver.Item.Checked c) {
      posts++;
      if (c.result().failed()) {
        failed++;
      } else if (c.result().state().state().flagged()) {
        flagged++;
      }
    } else if (item instanceof Archiver.Item.Archived) {
      done++;
      articles++;
    } else if (item instanceof Archiver.Item.Input in) {
      done++;
      if (in.item() instanceof InputItem.Expansion e) {
        inputs += e.entries();
      }
    }
    // Short, so that a bar keeps it on an 80-column line.
    display.update(new ProgressStep(done, inputs, articles + (articles == 1 ? " article, " : " articles, ") + posts
        + (posts == 1 ? " post, " : " posts, ") + flagged + " flagged, " + failed + " failed"));
  }

  /** {@code stopped by Ctrl-C after 3 of 40 inputs; …}: what a stopped run says on stderr. */
  String stopped(String why) {
    return "stopped by " + why + " after " + done + " of " + Math.max(inputs, done) + " inputs (" + articles
        + (articles == 1 ? " article" : " articles") + " archived, " + posts + (posts == 1 ? " post" : " posts")
        + " checked); the inputs after them were not read (run the command again to archive them); every article"
        + " and post check printed on stdout is stored";
  }

  @Override
  public void close() {
    display.close();
  }
}

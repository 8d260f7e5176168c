package org.embedwatch;

import org.embedwatch.config.Settings;
import org.embedwatch.config.SettingsLoader;
import org.embedwatch.store.Database;
import org.embedwatch.store.UnusableArchiveException;

/** Opening an archive's database, with what to do in the operator's terms when it cannot be used. */
final class ArchiveOpening {
  private ArchiveOpening() {}

  /** Opens the database with {@code open}, saying in the operator's terms what to do when it cannot be used. */
  static Database usable(Settings settings, java.util.function.Function<Settings.Store, Database> open) {
    try {
      return open.apply(settings.store());
    } catch (UnusableArchiveException e) {
      throw new EmbedwatchException(unusable(settings, e), e);
    }
  }

  private static String unusable(Settings settings, UnusableArchiveException e) {
    boolean embedded = settings.store().url().equals(SettingsLoader.defaultDatabaseUrl(settings.archiveDir()));
    String place = embedded ? settings.archiveDir().toAbsolutePath().normalize().toString()
        : "store.url " + settings.store().url();
    String elsewhere = embedded ? "point --set archive.dir=… at an existing archive"
        : "set store.url to an existing archive";
    return switch (e.reason()) {
      case NO_DATABASE -> "no archive at " + place + (embedded ? " (no embedwatch.mv.db)" : "")
          + ": run 'embedwatch archive <input>' first, or " + elsewhere;
      case NO_SCHEMA -> "no archive at " + place + " (" + (embedded ? "embedwatch.mv.db" : "the database")
          + " holds no Embedwatch schema): run 'embedwatch archive <input>' first, or " + elsewhere;
      case OLDER_SCHEMA -> "the archive at " + place + " has schema version " + e.found()
          + ", older than this Embedwatch's " + e.expected() + ": run 'embedwatch check' once to upgrade it"
          + " ('archive' and 'resolve' upgrade it too; 'status' and 'report' never change an archive)";
      case NEWER_SCHEMA -> "the archive at " + place + " has schema version " + e.found()
          + ", newer than this Embedwatch's " + e.expected() + ": use the Embedwatch that wrote it, or a newer one";
    };
  }
}

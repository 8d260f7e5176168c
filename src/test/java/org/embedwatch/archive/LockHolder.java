package org.embedwatch.archive;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Another live process holding a file's lock, as a writer does: run in a child JVM, it locks the file named by its
 * argument, prints {@code locked}, and holds the lock until its standard input closes or it is killed. With
 * {@code --probe} first, it only says whether the lock is {@code free} or {@code held} by another process.
 */
public final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("--probe")) {
      try (FileChannel channel = FileChannel.open(Path.of(args[1]), StandardOpenOption.WRITE)) {
        System.out.println(channel.tryLock() == null ? "held" : "free");
      }
      return;
    }
    try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      channel.lock();
      System.out.println("locked");
      System.out.flush();
      while (System.in.read() != -1) {
        // hold the lock until stdin closes
      }
    }
  }

  /** Whether another process could lock {@code file} now: {@code free} or {@code held}. */
  static String probe(Path file) throws Exception {
    Process child = new ProcessBuilder(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), LockHolder.class.getName(), "--probe", file.toString())
        .redirectErrorStream(true).start();
    String said = new String(child.getInputStream().readAllBytes()).trim();
    child.waitFor();
    return said;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Starts a child JVM holding the lock of {@code file}, and returns once it holds it. */
  static Process hold(Path file) throws Exception {
    Process child = new ProcessBuilder(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), LockHolder.class.getName(), file.toString()).redirectErrorStream(true).start();
    String line = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream())).readLine();
    if (!"locked".equals(line)) {
      child.destroyForcibly();
      throw new AssertionError("the lock holder did not start: " + line);
    }
    return child;
  }
}

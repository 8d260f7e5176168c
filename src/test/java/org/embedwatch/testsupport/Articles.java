package org.embedwatch.testsupport;

/** Small article pages for end-to-end tests, built from the sandbox's real sample posts. */
public final class Articles {
  private Articles() {}

  public static final String PHOTO_POST = "1641086480675225601";
  public static final String VIDEO_POST = "1684218600456876032";
  public static final String QUOTE_POST = "1641895049427550208";

  /** An article embedding the photo post and the video post as standard twitter-tweet blockquotes. */
  public static String twoEmbeds() {
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Two posts</title></head><body><article>"
        + "<p>Two posts were cited.</p>"
        + "<blockquote class=\"twitter-tweet\"><p lang=\"en\" dir=\"ltr\">If you are interested about View Flattening"
        + " in React Native, I wrote a short post about it</p>&mdash; sammy (@SamuelSusla) <a href=\"https://twitter.com/"
        + "SamuelSusla/status/" + PHOTO_POST + "?ref_src=twsrc%5Etfw\">March 29, 2023</a></blockquote>"
        + "<p>And another.</p>"
        + "<blockquote class=\"twitter-tweet\"><p lang=\"en\" dir=\"ltr\">For the first time in the world, researchers"
        + " succeeded in synthesizing a room-temperature superconductor</p>&mdash; Massimo (@Rainmaker1973)"
        + " <a href=\"https://twitter.com/Rainmaker1973/status/" + VIDEO_POST + "\">July 26, 2023</a></blockquote>"
        + "</article></body></html>";
  }
}

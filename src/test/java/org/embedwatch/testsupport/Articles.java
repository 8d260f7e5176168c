package org.embedwatch.testsupport;

/** Small article pages for end-to-end tests, built from the sandbox's real sample posts. */
public final class Articles {
  private Articles() {}

  public static final String PHOTO_POST = "1641086480675225601";
  public static final String VIDEO_POST = "1684218600456876032";
  public static final String QUOTE_POST = "1641895049427550208";

  /**
   * An article embedding the photo post and the video post as standard twitter-tweet blockquotes, quoting them as X's
   * embed code does (full text, links as t.co anchors), so the citations match the captured posts.
   */
  public static String twoEmbeds() {
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Two posts</title></head><body><article>"
        + "<p>Two posts were cited.</p>"
        + "<blockquote class=\"twitter-tweet\"><p lang=\"en\" dir=\"ltr\">If you are interested about View Flattening"
        + " in React Native, I wrote a short post about it: <a href=\"https://t.co/4G6RAMfrHy\">"
        + "https://t.co/4G6RAMfrHy</a><br><br>Let me know what you think! <a href=\"https://t.co/rQd6FIwZ0U\">"
        + "pic.twitter.com/rQd6FIwZ0U</a></p>&mdash; sammy (@SamuelSusla) <a href=\"https://twitter.com/"
        + "SamuelSusla/status/" + PHOTO_POST + "?ref_src=twsrc%5Etfw\">March 29, 2023</a></blockquote>"
        + "<p>And another.</p>"
        + "<blockquote class=\"twitter-tweet\"><p lang=\"en\" dir=\"ltr\">For the first time in the world, researchers"
        + " succeeded in synthesizing a room-temperature superconductor (Tc≥400 K, 127°C) working at ambient pressure"
        + " with a modified lead-apatite (LK-99) structure<br><br>[full paper: <a href=\"https://t.co/1kNB4GT8ut\">"
        + "https://t.co/1kNB4GT8ut</a>]<br><a href=\"https://t.co/1N4ogvaMPA\">https://t.co/1N4ogvaMPA</a></p>"
        + "&mdash; Massimo (@Rainmaker1973)"
        + " <a href=\"https://twitter.com/Rainmaker1973/status/" + VIDEO_POST + "\">July 26, 2023</a></blockquote>"
        + "</article></body></html>";
  }
}

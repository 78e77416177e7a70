package io.corpusforge.clean;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The lists shipped in conf/ (on the test classpath under conf/), so rules are tested on what users run. */
final class ShippedLists {
  private ShippedLists() {}

  static List<String> read(String location) {
    try (InputStream in = ShippedLists.class.getClassLoader().getResourceAsStream("conf/" + location)) {
      if (in == null) {
        throw new IllegalStateException("conf/" + location + " is not on the test classpath");
      }
      return WordList.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

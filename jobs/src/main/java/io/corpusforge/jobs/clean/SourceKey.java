package io.corpusforge.jobs.clean;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * The "source" whose documents share boilerplate: the host of the record's url (without "www."), else the input
 * file the record came from ({@code metadata.source} without its ":line" or "#n" suffix).
 */
final class SourceKey {
  private SourceKey() {}

  static String of(Map<String, String> metadata) {
    if (metadata == null) {
      return "";
    }
    String url = metadata.get("url");
    if (url != null) {
      String host = host(url.strip());
      if (host != null) {
        return host;
      }
    }
    String source = metadata.getOrDefault("source", "");
    return "file:" + source.replaceFirst("(?::\\d+|#\\d+)$", "");
  }

  private static String host(String url) {
    try {
      String host = URI.create(url).getHost();
      if (host == null || host.isEmpty()) {
        return null;
      }
      host = host.toLowerCase(Locale.ROOT);
      return host.startsWith("www.") ? host.substring(4) : host;
    } catch (IllegalArgumentException e) {
      return null;  // not a URI: fall back to the file
    }
  }
}

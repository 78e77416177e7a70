package io.corpusforge.clean;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What the job knows about a document beyond its text: the hashes ({@link LineHash}) of the lines that recur in
 * many documents of the same source (site boilerplate), sorted. Rules that need no context ignore it.
 */
public record DocContext(long[] frequentLineHashes) implements Serializable {
  public static final DocContext NONE = new DocContext(new long[0]);

  public boolean isFrequent(long hash) {
    return frequentLineHashes.length > 0 && Arrays.binarySearch(frequentLineHashes, hash) >= 0;
  }
}

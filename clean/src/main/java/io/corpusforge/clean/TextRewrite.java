package io.corpusforge.clean;

import java.io.Serializable;

/** A pure text-to-text normalization, the body of most edit rules. */
@FunctionalInterface
public interface TextRewrite extends Serializable {
  String rewrite(String text);
}

package io.corpusforge.dedup;

import java.io.Serializable;

/**
 * Maps one code point to its canonical form before hashing, e.g. a traditional character to its simplified
 * one. Supplied from outside (the jobs module builds one from OpenCC tables) so this module stays free of
 * dictionaries. Must be a pure function: it runs on every executor.
 */
@FunctionalInterface
public interface CodePointFolding extends Serializable {
  CodePointFolding IDENTITY = cp -> cp;

  int fold(int codePoint);
}

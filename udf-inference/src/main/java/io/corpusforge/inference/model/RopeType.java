package io.corpusforge.inference.model;

/** How rotary embeddings pair dimensions: NORMAL rotates (2i, 2i+1); NEOX rotates (i, i + n/2). */
public enum RopeType {
  NORMAL,
  NEOX
}

package io.corpusforge.jobs.generate.input;

import java.io.Serializable;
import java.util.Map;

/**
 * One input row, normalised: its id and the named values the prompt templates use ({@code title}, {@code category},
 * {@code brand}, {@code attributes}, {@code description}, {@code price} for products; {@code text} and optional
 * {@code title} for documents). A row that could not be read has an {@code error} and becomes an error row in the
 * output instead of being dropped.
 */
public record InputRecord(String id, Map<String, String> fields, String error) implements Serializable {
  public static InputRecord rejected(String id, String error) {
    return new InputRecord(id, Map.of(), error);
  }

  public String field(String name) {
    return fields.getOrDefault(name, "");
  }
}

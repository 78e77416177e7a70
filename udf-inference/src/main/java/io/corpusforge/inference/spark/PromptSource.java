package io.corpusforge.inference.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A row's prompt: one column, or a template whose {@code {{column}}} placeholders take the row's values (null: an
 * empty string). A null prompt column stays null, which the engine call reports as a bad row.
 */
final class PromptSource implements Serializable {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]+?)\\s*}}");

  /** Literal text pieces, and between them the column index of each placeholder. */
  private final List<String> pieces;
  private final int[] columns;

  private PromptSource(List<String> pieces, int[] columns) {
    this.pieces = pieces;
    this.columns = columns;
  }

  static PromptSource of(String template, String promptColumn, StructType schema) {
    if (template == null || template.isEmpty()) {
      return new PromptSource(List.of(), new int[] {schema.fieldIndex(promptColumn)});
    }
    List<String> pieces = new ArrayList<>();
    List<Integer> columns = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    int at = 0;
    while (m.find()) {
      pieces.add(template.substring(at, m.start()));
      columns.add(schema.fieldIndex(m.group(1)));
      at = m.end();
    }
    pieces.add(template.substring(at));
    return new PromptSource(pieces, columns.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The column names a template's placeholders refer to, in order. */
  static List<String> placeholders(String template) {
    List<String> names = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  String prompt(Row row) {
    if (pieces.isEmpty()) {
      Object v = row.get(columns[0]);
      return v == null ? null : v.toString();
    }
    StringBuilder sb = new StringBuilder(pieces.get(0));
    for (int i = 0; i < columns.length; i++) {
      Object v = row.get(columns[i]);
      sb.append(v == null ? "" : v.toString()).append(pieces.get(i + 1));
    }
    return sb.toString();
  }
}

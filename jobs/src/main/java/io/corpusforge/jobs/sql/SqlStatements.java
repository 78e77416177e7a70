package io.corpusforge.jobs.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements at semicolons that are outside quotes ({@code '...'}, {@code "..."},
 * {@code `...`}, with backslash escapes) and comments ({@code -- ...} to the end of the line, {@code /* ... *}{@code /});
 * comments are dropped, except Spark's hints ({@code /*+ REPARTITION(8) *}{@code /}), which stay in the statement for
 * Spark's parser. Blank statements are dropped.
 */
public final class SqlStatements {
  private SqlStatements() {}

  public static List<String> split(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    char quote = 0;
    int n = script.length();
    for (int i = 0; i < n; i++) {
      char c = script.charAt(i);
      char next = i + 1 < n ? script.charAt(i + 1) : 0;
      if (quote != 0) {
        current.append(c);
        if (c == '\\' && next != 0) {
          current.append(next);
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '-' && next == '-') {
        int end = script.indexOf('\n', i);
        i = end < 0 ? n : end - 1;
      } else if (c == '/' && next == '*') {
        int end = script.indexOf("*/", i + 2);
        int stop = end < 0 ? n : end + 2;
        boolean hint = i + 2 < n && script.charAt(i + 2) == '+';
        current.append(hint ? script.substring(i, stop) : " ");
        i = stop - 1;
      } else if (c == ';') {
        add(statements, current);
      } else {
        if (c == '\'' || c == '"' || c == '`') {
          quote = c;
        }
        current.append(c);
      }
    }
    add(statements, current);
    return statements;
  }

  private static void add(List<String> statements, StringBuilder current) {
    String s = current.toString().strip();
    if (!s.isEmpty()) {
      statements.add(s);
    }
    current.setLength(0);
  }
}

package io.corpusforge.jobs.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlStatementsTest {
  @Test
  void splitsAtSemicolonsOutsideQuotesAndComments() {
    String script = """
        -- a comment; not a split
        CREATE TEMP VIEW p AS SELECT 'a;b' AS x, "c;d" AS y, `e;f` AS z;
        /* block; comment */ SELECT llm_generate(x, 8) FROM p ;
        SELECT 'it\\'s; fine';
        ;
        """;
    assertEquals(List.of("CREATE TEMP VIEW p AS SELECT 'a;b' AS x, \"c;d\" AS y, `e;f` AS z",
        "SELECT llm_generate(x, 8) FROM p", "SELECT 'it\\'s; fine'"), SqlStatements.split(script));
  }

  @Test
  void keepsSparkHintsForTheParser() {
    // a hint is a comment to the splitter but an instruction to Spark: dropping it silently ran the query unsplit
    assertEquals(List.of("SELECT f(x) FROM (SELECT /*+ REPARTITION(4) */ x FROM t)", "SELECT 1"),
        SqlStatements.split("SELECT f(x) FROM (SELECT /*+ REPARTITION(4) */ x FROM t); /* note; */ SELECT 1"));
  }

  @Test
  void oneStatementWithoutSemicolon() {
    assertEquals(List.of("SELECT 1"), SqlStatements.split("  SELECT 1  "));
    assertEquals(List.of(), SqlStatements.split(" ; -- nothing\n"));
  }
}

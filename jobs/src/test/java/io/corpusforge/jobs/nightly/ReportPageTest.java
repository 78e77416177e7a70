package io.corpusforge.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportPageTest {
  @Test
  void barWidthsAreProportionalAndTextIsEscaped() {
    String svg = ReportPage.barChart("c", List.of("a<b", "z"),
        List.of(new ReportPage.Series("n", List.of(10.0, 5.0))));
    assertTrue(svg.contains("width=\"560.0\""), svg);
    assertTrue(svg.contains("width=\"280.0\""), svg);
    assertTrue(svg.contains("a&lt;b"), svg);
    assertEquals(2, svg.split("class=\"bar\"").length - 1);
  }

  @Test
  void pageIsSelfContainedAndEscapesGeneratedText() throws Exception {
    ObjectNode r = new ObjectMapper().createObjectNode();
    r.putObject("run").put("date", "2026-12-06").put("ok", true).putArray("notices").add("placeholder");
    r.putObject("documents").put("clean_input", 3).put("clean_kept", 2);
    r.putArray("generation").addObject().put("part", "copy").put("rows", 2).put("errors", 1).put("flagged", 1);
    r.putArray("flagged").addObject().put("id", "p1").put("text", "<script>alert(1)</script>");
    r.putArray("errors");
    String html = ReportPage.render(r);
    assertFalse(html.contains("<script"), "no scripts, generated text escaped");
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertFalse(html.matches("(?s).*(src|href)\\s*=.*"), "nothing loaded from elsewhere");
    assertTrue(html.contains("id=\"documents-per-stage\"") && html.contains("id=\"throughput\""));
    assertTrue(html.contains("placeholder-notice"));
  }
}

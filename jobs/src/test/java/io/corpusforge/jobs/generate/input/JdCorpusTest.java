package io.corpusforge.jobs.generate.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JdCorpusTest {
  private final RecordParser parser = new RecordParser(RecordParser.Kind.PRODUCT, RecordParserTest.PRODUCT_ALIASES,
      List.of("产品类型", "类别"), List.of("品牌"));

  @Test
  void jsonCorpusKeyedById() {
    String file = "{\n \"3009730\": {\"source\": \"家庭影院 声道 杜比 ， 音质 清澈\", "
        + "\"targets\": \"['参考']\", \"table\": \"连接 方式\\tAV\\t品牌\\tCAV\\t产品 类型\\t卫星 式 影院\", \"aspect\": \"x\"}\n}";
    List<String> lines = JdCorpus.records("dev_courpus_acl_50", file, null);
    assertEquals(1, lines.size());
    InputRecord r = parser.parse(lines.get(0));
    assertNull(r.error());
    assertEquals("3009730", r.id());
    assertEquals("连接方式：AV；品牌：CAV；产品类型：卫星式影院", r.field("attributes"));
    assertEquals("CAV", r.field("brand"));
    assertEquals("卫星式影院", r.field("category"));
    assertEquals("家庭影院声道杜比，音质清澈", r.field("description"));
  }

  @Test
  void lineAlignedKbAndSourceFiles() {
    assertEquals(Optional.of("train_source_acl_500"), JdCorpus.sourcePartner("train_kb_acl_500"));
    assertFalse(JdCorpus.isRecordFile("train_target_acl_500"));
    assertFalse(JdCorpus.isRecordFile("test_source_kb_acl_10"));
    assertTrue(JdCorpus.isRecordFile("train_kb_acl_500"));
    List<String> lines = JdCorpus.records("train_kb_acl_500", "品牌\t戴森\t产品 特色\t干式\n\n类别\t吸尘器\n",
        "戴森 吸尘器 ， 强劲 吸力\n\n手持 吸尘器\n");
    assertEquals(2, lines.size());
    InputRecord first = parser.parse(lines.get(0));
    assertEquals("train_kb_acl_500:1", first.id());
    assertEquals("戴森吸尘器，强劲吸力", first.field("description"));
    assertEquals("train_kb_acl_500:3", parser.parse(lines.get(1)).id());
  }

  @Test
  void brokenJsonFileBecomesAnErrorRecord() {
    InputRecord r = parser.parse(JdCorpus.records("bad", "{ \"1\": ", null).get(0));
    assertTrue(r.error().startsWith("input: bad is not a JSON object"), r.error());
  }

  @Test
  void formatDetection() {
    assertEquals(InputFormat.PARQUET, InputFormat.detect("PAR1xxxx".getBytes()));
    assertEquals(InputFormat.JSONL, InputFormat.detect("{\"content\": \"a\"}\n{".getBytes()));
    assertEquals(InputFormat.JD, InputFormat.detect("{\n  \"3009730\": {".getBytes()));
    assertEquals(InputFormat.JD, InputFormat.detect("电机 类型\t普通 电机".getBytes()));
  }
}

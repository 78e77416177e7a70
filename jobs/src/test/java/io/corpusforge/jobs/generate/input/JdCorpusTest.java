package io.corpusforge.jobs.generate.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corpusforge.jobs.io.InputFormat;
import io.corpusforge.jobs.io.JdCorpus;
import io.corpusforge.jobs.io.SourceRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** JD corpus files through the reader's JD handler, then generate's product mapping. */
class JdCorpusTest {
  private final RecordParser parser = new RecordParser(RecordParser.Kind.PRODUCT, RecordParserTest.PRODUCT_ALIASES,
      List.of("产品类型", "类别"), List.of("品牌"));

  private List<InputRecord> read(String name, String content, String partner) throws Exception {
    List<InputRecord> out = new ArrayList<>();
    RecordParserTest.reader(parser).file(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), name,
        InputFormat.JD, () -> partner).forEachRemaining((SourceRecord r) -> out.add(parser.parse(r)));
    return out;
  }

  @Test
  void jsonCorpusKeyedById() throws Exception {
    String file = "{\n \"3009730\": {\"source\": \"家庭影院 声道 杜比 ， 音质 清澈\", "
        + "\"targets\": \"['参考']\", \"table\": \"连接 方式\\tAV\\t品牌\\tCAV\\t产品 类型\\t卫星 式 影院\", \"aspect\": \"x\"}\n}";
    List<InputRecord> records = read("dev_courpus_acl_50", file, null);
    assertEquals(1, records.size());
    InputRecord r = records.get(0);
    assertNull(r.error());
    assertEquals("3009730", r.id());
    assertEquals("连接方式：AV；品牌：CAV；产品类型：卫星式影院", r.field("attributes"));
    assertEquals("CAV", r.field("brand"));
    assertEquals("卫星式影院", r.field("category"));
    assertEquals("家庭影院声道杜比，音质清澈", r.field("description"));
  }

  @Test
  void lineAlignedKbAndSourceFiles() throws Exception {
    assertEquals(Optional.of("train_source_acl_500"), JdCorpus.sourcePartner("train_kb_acl_500"));
    assertFalse(JdCorpus.isRecordFile("train_target_acl_500"));
    assertFalse(JdCorpus.isRecordFile("test_source_kb_acl_10"));
    assertTrue(JdCorpus.isRecordFile("train_kb_acl_500"));
    List<InputRecord> records = read("train_kb_acl_500", "品牌\t戴森\t产品 特色\t干式\n\n类别\t吸尘器\n",
        "戴森 吸尘器 ， 强劲 吸力\n\n手持 吸尘器\n");
    assertEquals(2, records.size());
    InputRecord first = records.get(0);
    assertEquals("train_kb_acl_500:1", first.id());
    assertEquals("戴森吸尘器，强劲吸力", first.field("description"));
    assertEquals("train_kb_acl_500:3", records.get(1).id());
    assertTrue(read("train_target_acl_500", "参考\n", null).isEmpty(), "reference files give no records");
  }

  @Test
  void brokenJsonFileBecomesAnErrorRecord() throws Exception {
    List<InputRecord> records = read("bad", "{ \"1\": ", null);
    assertEquals(1, records.size());
    InputRecord r = records.get(0);
    assertTrue(r.error().startsWith("input: malformed-json: bad: bad is not a JSON object"), r.error());
  }

  @Test
  void formatDetection() {
    assertEquals(InputFormat.PARQUET, InputFormat.detect("PAR1xxxx".getBytes()));
    assertEquals(InputFormat.JSONL, InputFormat.detect("{\"content\": \"a\"}\n{".getBytes()));
    assertEquals(InputFormat.JD, InputFormat.detect("{\n  \"3009730\": {".getBytes()));
    assertEquals(InputFormat.JD, InputFormat.detect("电机 类型\t普通 电机".getBytes()));
  }
}

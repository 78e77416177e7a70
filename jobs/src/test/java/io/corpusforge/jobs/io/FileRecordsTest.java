package io.corpusforge.jobs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The reader's format handlers (clean's options: Chinese encodings detected, ids derived). */
class FileRecordsTest {
  private static final RecordReader READER = new RecordReader(new ReadOptions(List.of("text", "raw_content",
      "content"), List.of("id", "docno"), ReadOptions.IdPolicy.DERIVE, ReadOptions.Decoding.CHINESE, 1024, 0.1, 100));

  private static List<SourceRecord> read(String name, byte[] bytes) throws Exception {
    List<SourceRecord> out = new ArrayList<>();
    Iterator<SourceRecord> it = READER.file(new ByteArrayInputStream(bytes), name, InputFormat.BY_NAME, () -> null);
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void jsonLinesWithEveryKindOfBadLine() throws Exception {
    String big = "{\"id\":\"big\",\"text\":\"" + "很长".repeat(1000) + "\"}";
    String lines = String.join("\n",
        "{\"id\":\"a\",\"text\":\"第一篇\",\"url\":\"http://x\",\"tags\":[1,2]}",
        "",
        "{\"id\":\"b\",\"text\":\"截断",
        "[1,2]",
        "{\"id\":\"c\",\"title\":\"没有正文\"}",
        big,
        "{\"raw_content\":\"没有编号\"}") + "\r\n";
    List<SourceRecord> docs = read("part.jsonl", lines.getBytes(StandardCharsets.UTF_8));
    assertEquals(6, docs.size(), "the blank line is not a record; every other line is");
    assertEquals("a", docs.get(0).id());
    assertEquals("第一篇", docs.get(0).text());
    assertEquals("http://x", docs.get(0).metadata().get("url"));
    assertEquals("[1,2]", docs.get(0).metadata().get("tags"));
    assertEquals("part.jsonl:1", docs.get(0).metadata().get("source"));
    assertEquals("malformed-json", docs.get(1).reject());
    assertEquals(RecordReader.derivedId("{\"id\":\"b\",\"text\":\"截断"), docs.get(1).id());
    assertEquals("part.jsonl:3", docs.get(1).source());
    assertTrue(docs.get(1).rejectDetail().startsWith("part.jsonl:3: "), docs.get(1).rejectDetail());
    assertEquals("malformed-json", docs.get(2).reject());
    assertEquals("missing-text", docs.get(3).reject());
    assertEquals("c", docs.get(3).id());
    assertEquals("oversized", docs.get(4).reject());
    assertEquals(big.getBytes(StandardCharsets.UTF_8).length, docs.get(4).rejectValue());
    assertTrue(docs.get(4).record().length() <= 100, "a reject keeps the head of its record");
    assertEquals(RecordReader.derivedId("{\"raw_content\":\"没有编号\"}"), docs.get(5).id());
    assertEquals("part.jsonl:7", docs.get(5).metadata().get("source"));
    assertEquals("没有编号", docs.get(5).text());
    assertNull(docs.get(5).reject());
  }

  @Test
  void compressedJsonLines() throws Exception {
    byte[] plain = "{\"id\":\"z\",\"text\":\"压缩的正文\"}\n".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(plain);
    }
    assertEquals("压缩的正文", read("a.jsonl.gz", gz.toByteArray()).get(0).text());
    assertEquals("压缩的正文", read("a.jsonl.zst", Zstd.compress(plain)).get(0).text());
  }

  @Test
  void aFileCutOffMidwayEndsWithAnUnreadableRecordNamedByItsPlace() throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      for (int i = 0; i < 20000; i++) {
        out.write(("{\"id\":\"g" + i + "\",\"text\":\"第" + Integer.toHexString(i * 7919) + "行\"}\n")
            .getBytes(StandardCharsets.UTF_8));
      }
    }
    List<SourceRecord> docs = read("cut.jsonl.gz", java.util.Arrays.copyOf(gz.toByteArray(), gz.size() / 2));
    SourceRecord last = docs.get(docs.size() - 1);
    assertTrue(docs.size() > 1000 && docs.get(0).reject() == null, "the records before the cut are read");
    assertEquals("unreadable", last.reject());
    assertTrue(last.id().startsWith("cut.jsonl.gz:"), "nothing of it was read: its place is its id: " + last.id());
    assertTrue(last.rejectDetail().startsWith(last.id() + ": read failed"), last.rejectDetail());
  }

  @Test
  void wholeFilesDecodeGbkBig5AndRejectBinary() throws Exception {
    String simplified = "南都讯　记者昨日从市交通运输局获悉，全市公交线路将全面使用纯电动公交车。";
    SourceRecord gbk = read("gbk/news.txt", simplified.getBytes(Charset.forName("GBK"))).get(0);
    assertEquals(simplified, gbk.text());
    assertEquals("GB18030", gbk.metadata().get("charset"));
    String traditional = "台南老街再現人潮，青年返鄉開店帶動社區活力。週末午後，遊客拿著手機四處拍照。";
    SourceRecord big5 = read("tw.html", traditional.getBytes(Charset.forName("Big5"))).get(0);
    assertEquals(traditional, big5.text());
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
    assertEquals("binary", read("img.png", png).get(0).reject());
    assertEquals("oversized", read("huge.txt", new byte[5000]).get(0).reject());
    SourceRecord empty = read("empty.txt", new byte[0]).get(0);
    assertEquals("", empty.text());
    assertEquals("empty.txt", empty.id(), "a whole file's id is its name");
    assertNull(empty.reject());
  }

  @Test
  void docBlocksAndJsonArrays() throws Exception {
    String dat = "<doc>\n<url>http://a</url>\n<docno>n1</docno>\n<contenttitle>标题</contenttitle>\n"
        + "<content>正文一</content>\n</doc>\n<doc>\n<docno>n2</docno>\n<content>正文二</content>\n</doc>\n";
    List<SourceRecord> docs = read("news.dat", dat.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("n1", "n2"), docs.stream().map(SourceRecord::id).toList());
    assertEquals("标题", docs.get(0).metadata().get("contenttitle"));
    assertEquals("news.dat#1", docs.get(1).source());
    List<SourceRecord> array = read("a.json", "[{\"id\":\"x\",\"text\":\"甲\"},{\"text\":\"乙\"}]".getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("x", RecordReader.derivedId("{\"text\":\"乙\"}")), array.stream().map(SourceRecord::id).toList());
    assertEquals("a.json#1", array.get(1).source());
  }
}

package io.corpusforge.jobs.vocab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A small generated mixed Chinese/English/digit corpus for vocab tests (written by the test itself). */
final class VocabCorpus {
  private VocabCorpus() {}

  static final String[] CLAUSES = {
      "今天北京的天气很好", "我们一起去公园散步", "这家公司发布了新的产品", "人工智能技术发展迅速",
      "上海的房价继续上涨", "学生们在图书馆学习", "中国经济保持稳定增长", "他喜欢吃四川火锅",
      "The quick brown fox jumps", "machine learning models", "price 299 yuan", "2024年3月15日",
      "电话 13800138000", "全新正品 包邮 😀", "ＡＢＣ全角字母", "e\u0301 NFD 文本",
  };

  static List<String> documents(int n, long seed) {
    Random r = new Random(seed);
    List<String> docs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder();
      for (int k = 3 + r.nextInt(6); k > 0; k--) {
        sb.append(CLAUSES[r.nextInt(CLAUSES.length)]).append(r.nextBoolean() ? "，" : "。");
      }
      docs.add(sb.toString());
    }
    return docs;
  }

  private static String json(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /** Writes docs as JSON Lines with ids doc-0..; plus one row without text (to be rejected). */
  static Path writeJsonl(Path dir, List<String> docs) throws IOException {
    Files.createDirectories(dir);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < docs.size(); i++) {
      sb.append("{\"id\":\"doc-").append(i).append("\",\"text\":").append(json(docs.get(i))).append("}\n");
    }
    sb.append("{\"id\":\"no-text\"}\n");
    Path file = dir.resolve("docs.jsonl");
    Files.writeString(file, sb, StandardCharsets.UTF_8);
    return dir;
  }
}

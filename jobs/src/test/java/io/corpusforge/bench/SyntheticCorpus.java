package io.corpusforge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.houbb.opencc4j.util.ZhConverterUtil;
import io.corpusforge.clean.CleanChain;
import io.corpusforge.clean.CleanChainFactory;
import io.corpusforge.clean.CleanOutcome;
import io.corpusforge.cli.PipelineConfig;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A large dirty corpus for benchmarks, made from the project's own samples: the sample pages are cleaned, cut into
 * sentences, and recombined into new pages with web dirt injected at fixed rates (markup, entities, boilerplate,
 * full-width digits, traditional characters, PII, repeated paragraphs, spam pages). Deterministic for a seed.
 */
public final class SyntheticCorpus {
  private static final String[] BOILERPLATE = {
      "首页 > 新闻中心 > 社会", "分享到：微信 微博 QQ空间", "打开APP查看高清大图", "版权所有 © 2023 示例网 京ICP备12345678号",
      "转载请注明出处", "免责声明：本文仅代表作者观点，仅供参考。", "点赞 128 评论 36", "发布时间：2023-05-06 10:21 浏览：1532次",
      "相关阅读", "登录 | 注册", "责任编辑：王小明"};
  private static final String[] SPAM = {
      "金沙娱乐城 现金网 注册送彩金 百家乐 真人视讯", "出售各类发票 有意者加QQ：12345678 微信：abc888888",
      "澳门新葡京官网 开户即送彩金 时时彩 北京赛车"};

  private SyntheticCorpus() {}

  /** Sentences of the sample corpus, cleaned by the default chain. */
  static List<String> sentences(Path samplesCorpus) throws IOException {
    CleanChain chain = CleanChainFactory.fromConfig(PipelineConfig.defaults().getConfig("clean"));
    ObjectMapper json = new ObjectMapper();
    List<String> out = new ArrayList<>();
    for (String name : List.of("news.jsonl", "products.jsonl")) {
      for (String line : Files.readAllLines(samplesCorpus.resolve(name), StandardCharsets.UTF_8)) {
        String text;
        try {
          text = json.readTree(line).path("text").asText("");
        } catch (IOException e) {
          continue;
        }
        CleanOutcome o = chain.process(text);
        if (o.kept()) {
          for (String s : o.text().split("(?<=[。！？])")) {
            if (s.strip().length() >= 8 && !s.contains("<")) {
              out.add(s.strip());
            }
          }
        }
      }
    }
    return out;
  }

  /** Writes {@code docs} JSON Lines records into {@code shards} files under {@code dir}; returns the bytes of text. */
  public static long write(Path dir, Path samplesCorpus, int docs, int shards, long seed) throws IOException {
    List<String> sentences = sentences(samplesCorpus);
    Files.createDirectories(dir);
    ObjectMapper json = new ObjectMapper();
    SplittableRandom random = new SplittableRandom(seed);
    long textBytes = 0;
    List<BufferedWriter> writers = new ArrayList<>();
    for (int s = 0; s < shards; s++) {
      writers.add(Files.newBufferedWriter(dir.resolve(String.format("part-%05d.jsonl", s)), StandardCharsets.UTF_8));
    }
    try {
      for (int d = 0; d < docs; d++) {
        String text = page(sentences, random);
        textBytes += text.getBytes(StandardCharsets.UTF_8).length;
        ObjectNode o = json.createObjectNode();
        o.put("id", String.format("doc-%08d", d));
        o.put("url", "https://example.com/news/" + d + ".html");
        o.put("text", text);
        BufferedWriter w = writers.get(d % shards);
        w.write(json.writeValueAsString(o));
        w.newLine();
      }
    } finally {
      for (BufferedWriter w : writers) {
        w.close();
      }
    }
    return textBytes;
  }

  static String page(List<String> sentences, SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    boolean html = r.nextDouble() < 0.4;
    if (r.nextDouble() < 0.05) {
      for (int i = 0; i < 6; i++) {
        sb.append(SPAM[r.nextInt(SPAM.length)]).append('\n');
      }
    }
    if (r.nextDouble() < 0.6) {
      sb.append(BOILERPLATE[r.nextInt(BOILERPLATE.length)]).append('\n');
    }
    int paragraphs = 2 + r.nextInt(8);
    String repeated = null;
    for (int p = 0; p < paragraphs; p++) {
      StringBuilder para = new StringBuilder();
      int n = 1 + r.nextInt(4);
      for (int i = 0; i < n; i++) {
        para.append(sentences.get(r.nextInt(sentences.size())));
      }
      String text = para.toString();
      if (r.nextDouble() < 0.1) {
        text = text.replace("，", "，&ldquo;").replace("。", "&rdquo;。");
      }
      if (r.nextDouble() < 0.05) {
        text += "联系电话：13812345678，邮箱 reader" + r.nextInt(1000) + "@example.com。";
      }
      if (p == 1 && r.nextDouble() < 0.1) {
        repeated = text;
      }
      sb.append(html ? "<p>" + text + "</p>" : text).append('\n');
    }
    if (repeated != null) {
      sb.append(repeated).append('\n');
    }
    if (r.nextDouble() < 0.5) {
      sb.append(BOILERPLATE[r.nextInt(BOILERPLATE.length)]).append('\n');
    }
    String page = sb.toString();
    if (r.nextDouble() < 0.1) {
      page = ZhConverterUtil.toTraditional(page);
    }
    if (r.nextDouble() < 0.1) {
      StringBuilder full = new StringBuilder(page.length());
      page.chars().forEach(c -> full.append(c >= '0' && c <= '9' ? (char) (c + 0xFEE0) : (char) c));
      page = full.toString();
    }
    return html ? "<html><body><div class=\"nav\">首页</div>" + page + "<script>var x=1;</script></body></html>" : page;
  }
}

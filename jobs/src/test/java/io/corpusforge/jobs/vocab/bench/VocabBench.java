package io.corpusforge.jobs.vocab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corpusforge.jobs.vocab.HeldOutSplit;
import io.corpusforge.jobs.vocab.TextPreparation;
import io.corpusforge.tokenization.bpe.BpeTokenizer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Benchmark helper for docs/benchmarks.md (vocab section) (test scope, run by hand; reads ../shared at run time only).
 *
 * <pre>
 * corpus SHARED_EVAL OUT_DIR PER_MILLE   writes corpus.jsonl (id, text), train.txt and heldout.txt (one NFC
 *                                         document per line, newlines as spaces) split exactly as the vocab job does
 * eval VOCAB_DIR HELDOUT_TXT [SIGHAN_DIR] chars/token of our tokenizer on held-out lines, and tokens per gold word
 *                                         on SIGHAN 2005 PKU test gold (space-separated words)
 * </pre>
 */
public final class VocabBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private VocabBench() {}

  public static void main(String[] args) throws IOException {
    switch (args[0]) {
      case "corpus" -> corpus(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
      case "eval" -> eval(Path.of(args[1]), Path.of(args[2]), args.length > 3 ? Path.of(args[3]) : null);
      default -> throw new IllegalArgumentException("corpus | eval");
    }
  }

  /** Space between two words of a pre-segmented text, dropped unless both sides are ASCII. */
  static String unsegment(String s) {
    return s.replaceAll("(?<=[^\\x00-\\x7F]) +|(?<=[\\x00-\\x7F]) +(?=[^\\x00-\\x7F])", "");
  }

  static void corpus(Path eval, Path out, int perMille) throws IOException {
    List<String[]> docs = new ArrayList<>(); // id, text
    for (String f : List.of("summaries-lcsts/test.tsv", "summaries-lcsts/val.tsv")) {
      int n = 0;
      for (String line : Files.readAllLines(eval.resolve(f))) {
        String[] p = line.split("\t");
        docs.add(new String[] {f + "-" + n++, String.join("\n", p)});
      }
    }
    for (String f : List.of("summaries-csl/dev.tsv", "summaries-csl/test.tsv")) {
      int n = 0;
      for (String line : Files.readAllLines(eval.resolve(f))) {
        String[] p = line.split("\t");
        docs.add(new String[] {f + "-" + n++, p.length >= 3 ? p[2] + "\n" + p[1] : p[p.length - 1]});
      }
    }
    jsonl(eval.resolve("dirty-web/chinesewebtext-samples/cc-2021-43_cleared1.jsonl"), "raw_content", docs);
    jsonl(eval.resolve("dirty-web/chinesewebtext-samples/fasttext_clean.jsonl"), "text", docs);
    jsonl(eval.resolve("products-advertisegen/dev.json"), "summary", docs);
    int n = 0;
    for (String line : Files.readAllLines(eval.resolve("products-jd/test_target_acl"))) {
      docs.add(new String[] {"jd-" + n++, unsegment(line.strip())});
    }
    Files.createDirectories(out);
    long trainChars = 0;
    long heldChars = 0;
    try (BufferedWriter all = Files.newBufferedWriter(out.resolve("corpus.jsonl"));
        BufferedWriter train = Files.newBufferedWriter(out.resolve("train.txt"));
        BufferedWriter held = Files.newBufferedWriter(out.resolve("heldout.txt"))) {
      for (String[] d : docs) {
        all.write(JSON.writeValueAsString(Map.of("id", d[0], "text", d[1])));
        all.newLine();
        String line = TextPreparation.prepare(d[1], true).replaceAll("[\\r\\n]+", " ").strip();
        if (line.isEmpty()) {
          continue;
        }
        if (HeldOutSplit.isHeldOut(d[0], perMille)) {
          held.write(line);
          held.newLine();
          heldChars += line.codePointCount(0, line.length());
        } else {
          train.write(line);
          train.newLine();
          trainChars += line.codePointCount(0, line.length());
        }
      }
    }
    System.out.printf("%d docs; train %d chars, held-out %d chars -> %s%n", docs.size(), trainChars, heldChars, out);
  }

  private static void jsonl(Path file, String field, List<String[]> docs) throws IOException {
    int n = 0;
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = JSON.readTree(line);
      JsonNode text = node.get(field);
      if (text != null && text.isTextual()) {
        docs.add(new String[] {file.getFileName() + "-" + n++, text.asText()});
      }
    }
  }

  static BpeTokenizer load(Path vocabDir) throws IOException {
    JsonNode vocab = JSON.readTree(vocabDir.resolve("vocab.json").toFile());
    String[] tokens = new String[vocab.size()];
    for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      tokens[e.getValue().asInt()] = e.getKey();
    }
    List<String> merges = Files.readAllLines(vocabDir.resolve("merges.txt"), StandardCharsets.UTF_8);
    merges = merges.subList(1, merges.size());
    JsonNode report = JSON.readTree(vocabDir.resolve("report.json").toFile());
    List<String> specials = new ArrayList<>();
    report.at("/vocab/special_tokens").forEach(s -> specials.add(s.asText()));
    return BpeTokenizer.of(List.of(tokens), merges, report.at("/vocab/pre_tokenizer").asText(), specials);
  }

  static void eval(Path vocabDir, Path heldout, Path sighan) throws IOException {
    BpeTokenizer t = load(vocabDir);
    List<String> lines = Files.readAllLines(heldout);
    long chars = 0;
    long tokens = 0;
    long bytes = 0;
    for (String l : lines) {
      chars += l.codePointCount(0, l.length());
      bytes += l.getBytes(StandardCharsets.UTF_8).length;
    }
    // encode speed: 5 passes, the median; a fresh tokenizer each pass so the pre-token cache starts empty
    List<Double> mbps = new ArrayList<>();
    for (int pass = 0; pass < 5; pass++) {
      BpeTokenizer fresh = load(vocabDir);
      long t0 = System.nanoTime();
      long n = 0;
      for (String l : lines) {
        n += fresh.encodeOrdinary(l).length;
      }
      mbps.add(bytes / 1e6 / ((System.nanoTime() - t0) / 1e9));
      tokens = n;
    }
    mbps.sort(null);
    System.out.printf("ours: held-out %d lines, %d chars, %d tokens, %.4f chars/token, encode median %.1f MB/s "
        + "(single thread, cold cache) %s%n", lines.size(), chars, tokens, (double) chars / tokens, mbps.get(2), mbps);
    if (sighan != null && Files.isDirectory(sighan)) {
      long words = 0;
      long tok = 0;
      for (String l : Files.readAllLines(sighan.resolve("pku_test_gold.utf8"))) {
        String[] ws = l.strip().split("\\s+");
        if (l.isBlank()) {
          continue;
        }
        words += ws.length;
        tok += t.encodeOrdinary(String.join("", ws)).length;
      }
      System.out.printf("ours: SIGHAN 2005 PKU test gold: %d words, %d tokens, %.4f tokens/word%n", words, tok,
          (double) tok / words);
    }
  }
}

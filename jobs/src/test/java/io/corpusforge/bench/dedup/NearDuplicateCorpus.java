package io.corpusforge.bench.dedup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.houbb.opencc4j.util.ZhConverterUtil;
import io.corpusforge.dedup.DocumentSketcher;
import io.corpusforge.dedup.Shingler;
import io.corpusforge.dedup.UnionFind;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A labelled near-duplicate corpus. Families: a generated news-like base document plus variants made by
 * realistic edits (sentence deletion, insertion, reordering, truncation, boilerplate lines) until the variant's
 * exact Jaccard to the base lands within ±0.02 of a target level, then layout edits that hashing must ignore
 * (punctuation and whitespace variants, full-width digits, traditional characters). About half the families are a
 * lone base document: unrelated documents on the same topic, built from the same templates and vocabulary.
 *
 * <p>Truth: inside a family, two documents belong together when their exact Jaccard (normalized 5-gram shingles,
 * traditional folded) is >= the threshold; the truth clusters are the connected components of that relation,
 * the same semantics the job implements. Deterministic for a seed.
 */
public final class NearDuplicateCorpus {
  /** Target Jaccard levels of variants to their base; "1.0" variants differ in layout only. */
  public static final double[] LEVELS = {1.0, 0.95, 0.9, 0.85, 0.7, 0.6, 0.5};
  /** A harder set: levels every 0.05 from 0.5 to 1.0, so many pairs sit right at the default threshold. */
  public static final double[] DENSE_LEVELS = {1.0, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5};
  private static final double TOLERANCE = 0.02;

  public record Doc(String id, String text, double qualityScore) {}

  /** One document's label: its family, truth cluster, target level and measured Jaccard to the family base. */
  public record Label(String id, int family, String truthCluster, double level, double jaccardToBase) {}

  public record Corpus(List<Doc> docs, List<Label> labels) {
    public Map<String, String> truth() {
      Map<String, String> m = new HashMap<>();
      labels.forEach(l -> m.put(l.id(), l.truthCluster()));
      return m;
    }
  }

  private final DocumentSketcher sketcher;
  private final double threshold;
  private final double[] levels;

  public NearDuplicateCorpus(DocumentSketcher sketcher, double threshold) {
    this(sketcher, threshold, LEVELS);
  }

  public NearDuplicateCorpus(DocumentSketcher sketcher, double threshold, double[] levels) {
    this.sketcher = sketcher;
    this.threshold = threshold;
    this.levels = levels.clone();
  }

  public Corpus generate(int targetDocs, long seed) {
    Random rnd = new Random(seed);
    List<String> texts = new ArrayList<>();
    List<int[]> familyOf = new ArrayList<>(); // {family, member index}
    List<double[]> levelAndJ = new ArrayList<>();
    List<String> truthSuffix = new ArrayList<>();
    int family = 0;
    while (texts.size() < targetDocs) {
      ChineseVocabulary.Topic topic = ChineseVocabulary.TOPICS.get(rnd.nextInt(ChineseVocabulary.TOPICS.size()));
      List<List<String>> base = baseDocument(topic, rnd);
      String baseText = render(base);
      List<String> members = new ArrayList<>(List.of(baseText));
      List<double[]> memberLevels = new ArrayList<>();
      memberLevels.add(new double[] {1.0, 1.0});
      int variants = rnd.nextDouble() < 0.5 ? 0 : 1 + rnd.nextInt(4);
      long[] baseShingles = sketcher.shingles(baseText);
      for (int v = 0; v < variants && texts.size() + members.size() < targetDocs; v++) {
        double level = levels[rnd.nextInt(levels.length)];
        String variant = variant(base, baseShingles, topic, level, rnd);
        members.add(variant);
        memberLevels.add(new double[] {level, Shingler.jaccard(baseShingles, sketcher.shingles(variant))});
      }
      String[] truth = truthClusters(members);
      for (int m = 0; m < members.size(); m++) {
        texts.add(members.get(m));
        familyOf.add(new int[] {family, m});
        levelAndJ.add(memberLevels.get(m));
        truthSuffix.add(truth[m]);
      }
      family++;
    }
    // Shuffle before numbering, so the base document is not systematically the smallest id.
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, rnd);
    List<Doc> docs = new ArrayList<>();
    List<Label> labels = new ArrayList<>();
    for (int k = 0; k < order.size(); k++) {
      int i = order.get(k);
      String id = String.format("d%08d", k);
      docs.add(new Doc(id, texts.get(i), Math.round(rnd.nextDouble() * 1000) / 1000.0));
      labels.add(new Label(id, familyOf.get(i)[0], "f" + familyOf.get(i)[0] + "-" + truthSuffix.get(i),
          levelAndJ.get(i)[0], Math.round(levelAndJ.get(i)[1] * 10000) / 10000.0));
    }
    return new Corpus(docs, labels);
  }

  /** Components of the exact-Jaccard >= threshold relation inside one family. */
  private String[] truthClusters(List<String> members) {
    List<long[]> shingles = members.stream().map(sketcher::shingles).toList();
    UnionFind uf = new UnionFind(members.size());
    for (int a = 0; a < members.size(); a++) {
      for (int b = a + 1; b < members.size(); b++) {
        if (Shingler.jaccard(shingles.get(a), shingles.get(b)) >= threshold) {
          uf.union(a, b);
        }
      }
    }
    String[] out = new String[members.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Integer.toString(uf.find(i));
    }
    return out;
  }

  private static List<List<String>> baseDocument(ChineseVocabulary.Topic topic, Random rnd) {
    List<List<String>> paragraphs = new ArrayList<>();
    int n = 4 + rnd.nextInt(5);
    for (int p = 0; p < n; p++) {
      List<String> sentences = new ArrayList<>();
      int s = 2 + rnd.nextInt(4);
      for (int i = 0; i < s; i++) {
        sentences.add(sentence(topic, rnd));
      }
      paragraphs.add(sentences);
    }
    if (rnd.nextDouble() < 0.3) {
      paragraphs.add(new ArrayList<>(List.of(pick(ChineseVocabulary.BOILERPLATE, rnd))));
    }
    return paragraphs;
  }

  static String sentence(ChineseVocabulary.Topic topic, Random rnd) {
    String t = pick(ChineseVocabulary.TEMPLATES, rnd);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '{' && i + 2 < t.length() && t.charAt(i + 2) == '}') {
        sb.append(switch (t.charAt(i + 1)) {
          case 'S' -> pick(ChineseVocabulary.SUBJECTS, rnd);
          case 'N' -> pick(topic.nouns(), rnd);
          case 'V' -> pick(ChineseVocabulary.VERBS, rnd);
          case 'A' -> pick(ChineseVocabulary.ADJECTIVES, rnd);
          case 'T' -> pick(ChineseVocabulary.TIMES, rnd);
          case 'P' -> pick(ChineseVocabulary.PLACES, rnd);
          case 'X' -> Integer.toString(2 + rnd.nextInt(998));
          default -> throw new IllegalStateException("unknown slot in template " + t);
        });
        i += 2;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static <T> T pick(List<T> list, Random rnd) {
    return list.get(rnd.nextInt(list.size()));
  }

  private static String render(List<List<String>> paragraphs) {
    StringBuilder sb = new StringBuilder();
    for (List<String> p : paragraphs) {
      if (p.isEmpty()) {
        continue;
      }
      if (!sb.isEmpty()) {
        sb.append('\n');
      }
      p.forEach(sb::append);
    }
    return sb.toString();
  }

  /** Content edits until Jaccard to the base is within tolerance of the level, then layout edits. */
  private String variant(List<List<String>> base, long[] baseShingles, ChineseVocabulary.Topic topic,
      double level, Random rnd) {
    List<List<String>> best = copy(base);
    double bestGap = Double.MAX_VALUE;
    for (int attempt = 0; attempt < 30 && level < 1.0; attempt++) {
      List<List<String>> doc = copy(base);
      double j = 1.0;
      for (int step = 0; step < 400 && j > level + TOLERANCE; step++) {
        contentEdit(doc, topic, rnd);
        j = Shingler.jaccard(baseShingles, sketcher.shingles(render(doc)));
      }
      if (Math.abs(j - level) < bestGap) {
        bestGap = Math.abs(j - level);
        best = doc;
      }
      if (bestGap <= TOLERANCE) {
        break;
      }
    }
    return layoutEdits(render(best), rnd);
  }

  private static void contentEdit(List<List<String>> doc, ChineseVocabulary.Topic topic, Random rnd) {
    List<String> p = doc.get(rnd.nextInt(doc.size()));
    switch (rnd.nextInt(6)) {
      case 0, 1 -> { // delete a sentence
        if (p.size() > 1) {
          p.remove(rnd.nextInt(p.size()));
        }
      }
      case 2 -> p.add(rnd.nextInt(p.size() + 1), sentence(topic, rnd)); // insert a sentence
      case 3 -> { // reorder: swap two sentences of a paragraph, or two paragraphs
        if (p.size() > 1) {
          Collections.swap(p, 0, p.size() - 1);
        } else if (doc.size() > 1) {
          Collections.swap(doc, 0, doc.size() - 1);
        }
      }
      case 4 -> { // truncation: drop the last sentence of the document
        List<String> last = doc.get(doc.size() - 1);
        if (last.size() > 1) {
          last.remove(last.size() - 1);
        } else if (doc.size() > 2) {
          doc.remove(doc.size() - 1);
        }
      }
      default -> doc.add(rnd.nextInt(doc.size() + 1),
          new ArrayList<>(List.of(pick(ChineseVocabulary.BOILERPLATE, rnd)))); // boilerplate line
    }
  }

  /** Edits that change bytes but not the normalized text (up to OpenCC's character-level round trip). */
  static String layoutEdits(String text, Random rnd) {
    String t = text;
    if (rnd.nextDouble() < 0.5) { // half-width punctuation
      t = t.replace('，', ',').replace('。', '.').replace('：', ':').replace('％', '%');
    }
    if (rnd.nextDouble() < 0.4) { // stray spaces and an indented first line
      t = "\u3000\u3000" + t.replace("，", "， ").replace("。", "。 ");
    }
    if (rnd.nextDouble() < 0.3) { // full-width digits
      StringBuilder sb = new StringBuilder();
      t.chars().forEach(c -> sb.append(c >= '0' && c <= '9' ? (char) (c - '0' + '０') : (char) c));
      t = sb.toString();
    }
    if (rnd.nextDouble() < 0.25) { // traditional characters (a Taiwan / Hong Kong repost)
      t = ZhConverterUtil.toTraditional(t);
    }
    return t;
  }

  private static List<List<String>> copy(List<List<String>> doc) {
    List<List<String>> out = new ArrayList<>();
    doc.forEach(p -> out.add(new ArrayList<>(p)));
    return out;
  }

  /** Writes docs.jsonl (id, text, quality_score) and labels.jsonl into {@code dir}. */
  public static void write(Corpus corpus, Path dir) throws IOException {
    Files.createDirectories(dir.resolve("docs"));
    ObjectMapper json = new ObjectMapper();
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("docs/docs.jsonl"), StandardCharsets.UTF_8)) {
      for (Doc d : corpus.docs()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("text", d.text());
        m.put("quality_score", d.qualityScore());
        w.write(json.writeValueAsString(m));
        w.write('\n');
      }
    }
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("labels.jsonl"), StandardCharsets.UTF_8)) {
      for (Label l : corpus.labels()) {
        w.write(json.writeValueAsString(l));
        w.write('\n');
      }
    }
  }

  /** Reads labels.jsonl back. */
  public static List<Label> readLabels(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Label> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        out.add(json.readValue(line, Label.class));
      }
    }
    return out;
  }
}

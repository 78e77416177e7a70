package io.corpusforge.jobs.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corpusforge.cli.PipelineConfig;
import io.corpusforge.inference.gguf.GgufWriter;
import io.corpusforge.tokenization.bpe.BpeTokenizer;
import io.corpusforge.tokenization.bpe.BpeTrainer;
import io.corpusforge.tokenization.bpe.PreTokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our encoder against two independent implementations, through oracle/vocab-encode.mjs: Hugging Face
 * tokenizers.js loading our tokenizer.json, and llama.cpp (node-llama-cpp, vocab only) loading a GGUF with our
 * tokenizer.ggml.* metadata. Skipped when node or oracle/node_modules is missing.
 */
class TokenizerCompatibilityTest {
  @TempDir
  static Path tmp;

  /** Chinese, English, digits, emoji, whitespace and special-token strings. Lone surrogates and U+FEFF are left
   * out on purpose: JavaScript strings cannot reach UTF-8 with a lone surrogate, and JS \s matches U+FEFF where
   * Rust, llama.cpp and Java do not (docs/vocab.md). */
  static final List<String> TEXTS = List.of(
      "今天北京的天气很好，我们一起去公园散步。",
      "人工智能技术发展迅速！中国经济保持稳定增长？",
      "The quick brown fox jumps over the lazy dog.",
      "I'm sure they've said it's OK, DON'T worry; we'll see.",
      "price 299 yuan, 2024年3月15日, 电话 13800138000, 3.14159",
      "１２３ 全角数字 ＡＢＣ ①②③ ٣٤٥",
      "emoji 😀👍🏽 and 🇨🇳 flags 👨‍👩‍👧‍👦 mixed 😀中文",
      "  leading spaces,\ttabs\nand\n\nnewlines  \r\n",
      "中\u3000\u3000文 a\u00A0\u00A0b \u2028 x",
      "<|im_start|>user\n你好<|im_end|>\n<|im_start|>assistant\n",
      "<|endoftext|>text<|endoftext|> <|im_end",
      "e\u0301 vs \u00e9, Ωmega, Привет мир, こんにちは, 한국어",
      "",
      " ",
      "a");

  /**
   * Seeded random strings over many character classes (CJK, Latin with accents, Cyrillic, Arabic and Devanagari
   * letters and digits, full-width forms, CJK punctuation, symbols, emoji, every kind of Unicode space, line
   * breaks, apostrophes), so the regex categories of Java, Rust/JS and llama.cpp are compared beyond the fixed
   * strings. Only assigned, long-stable code points are used (Unicode versions differ between the three).
   */
  static List<String> randomTexts(int n, long seed) {
    String[] pools = {
        "的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要她出也得里后自以会家可下而过天去能对小多然于心学么之都好看起发当没成只如事把还用第样道想作种开美总从无情己面最女但现前些所同日手又行意动方期它头经长儿回位分爱老因很给名法间斯知世什两次使身者被高已亲其进此话常与活正感",
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", "éèêëàâäôöûüçñÉÀÖÜßøåæœ",
        "абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГД", "ابتثجحخدذرزسشصضطظعغفقكلمنهوي", "अआइईउऊएऐओऔकखगघचछजझटठडढणतथदधनपफबभमयरलवशसह",
        "0123456789", "٠١٢٣٤٥٦٧٨٩", "०१२३४५६७८९", "０１２３４５６７８９", "①②③④⑤ⅠⅡⅢ½¾²³",
        "ＡＢＣＤａｂｃｄ", "，。！？；：“”‘’（）【】《》、…—～·", ",.!?;:\"'()[]{}<>/@#$%^&*-_=+|~`",
        "€£¥©®™°±×÷§¶•†‡∞≈≠≤≥√∑∏∫", "😀😂🥰👍🏽👨‍👩‍👧🇨🇳🇺🇸❤️✨🔥🎉",
        " ", "  ", "\t", "\n", "\r\n", "\u3000", "\u00A0", "\u2002\u2003\u2009", "\u0085", "\u2028\u2029", "\u200B\u200D",
        "'s", "'T", "'re", "'LL", "'d"};
    java.util.Random r = new java.util.Random(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder();
      for (int k = 1 + r.nextInt(12); k > 0; k--) {
        String pool = pools[r.nextInt(pools.length)];
        int[] cps = pool.codePoints().toArray();
        if (pool.length() <= 4 || pool.startsWith("'")) {
          sb.append(pool);
        } else {
          for (int m = 1 + r.nextInt(4); m > 0; m--) {
            sb.appendCodePoint(cps[r.nextInt(cps.length)]);
          }
        }
      }
      out.add(sb.toString());
    }
    return out;
  }

  static final List<String> ALL_TEXTS = new ArrayList<>();

  static {
    ALL_TEXTS.addAll(TEXTS);
    ALL_TEXTS.addAll(randomTexts(300, 20261122));
  }

  static Path projectRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("oracle/package.json"))) {
        return p;
      }
    }
    return null;
  }

  static boolean nodeAvailable() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** One pre-tokenizer's trained tokenizer and the oracle's answers for it. */
  record Case(String pre, BpeTokenizer ours, JsonNode oracle) {}

  static final List<Case> CASES = new ArrayList<>();

  @BeforeAll
  static void trainAndRunOracle() throws Exception {
    Path root = projectRoot();
    assumeTrue(root != null && Files.isDirectory(root.resolve("oracle/node_modules/@huggingface/tokenizers"))
        && Files.isDirectory(root.resolve("oracle/node_modules/node-llama-cpp")),
        "oracle/node_modules missing: run bin/setup");
    assumeTrue(nodeAvailable(), "node is not on PATH");
    // qwen2 is what the vocab job writes; llama-bpe (Llama 3) checks digit groups and ignore_merges, which the
    // inference engine meets in GGUF files
    CASES.add(runCase(root, "qwen2", "qwen2"));
    CASES.add(runCase(root, "llama-bpe", "llama"));
  }

  static Case runCase(Path root, String pre, String arch) throws Exception {
    VocabSettings settings = VocabSettings.from(PipelineConfig.defaults());
    PreTokenizer preTokenizer = PreTokenizer.byName(pre);
    Map<String, Long> counts = new HashMap<>();
    List<String> corpus = new ArrayList<>(VocabCorpus.documents(400, 7));
    corpus.addAll(TEXTS.subList(0, 8)); // so that merges cover English, digits and emoji bytes too
    for (String doc : corpus) {
      for (String piece : preTokenizer.split(doc)) {
        counts.merge(piece, 1L, Long::sum);
      }
    }
    List<BpeTrainer.WordCount> words = new ArrayList<>();
    counts.forEach((w, c) -> words.add(new BpeTrainer.WordCount(w, c)));
    BpeTrainer.Result r = new BpeTrainer(new BpeTrainer.Config(700, 1, settings.specialTokens(), 48)).train(words);
    TokenizerFiles.Vocabulary vocab = new TokenizerFiles.Vocabulary(r.tokens(), r.merges(), r.specialTokens(), pre);
    Path dir = Files.createDirectories(tmp.resolve(pre));

    Map<String, byte[]> files = TokenizerFiles.render(vocab, settings);
    Files.write(dir.resolve("tokenizer.json"), files.get("tokenizer.json"));
    // llama.cpp loads even a vocab-only model through an architecture: add its required hyper-parameters
    // (any valid values; no tensors are read with vocab_only).
    GgufWriter w = new GgufWriter().putString("general.architecture", arch)
        .putUint32(arch + ".context_length", 4096).putUint32(arch + ".embedding_length", 64)
        .putUint32(arch + ".block_count", 1).putUint32(arch + ".feed_forward_length", 128)
        .putUint32(arch + ".attention.head_count", 4).putUint32(arch + ".attention.head_count_kv", 4)
        .putFloat32(arch + ".attention.layer_norm_rms_epsilon", 1e-6f);
    TokenizerFiles.putGgufMetadata(w, vocab, settings).write(dir.resolve("vocab.gguf"));

    Map<String, Object> request = new LinkedHashMap<>();
    request.put("tokenizer_json", dir.resolve("tokenizer.json").toString());
    request.put("gguf", dir.resolve("vocab.gguf").toString());
    request.put("texts", ALL_TEXTS);
    ObjectMapper json = new ObjectMapper();
    Path req = dir.resolve("request.json");
    json.writeValue(req.toFile(), request);
    Process p = new ProcessBuilder("node", root.resolve("oracle/vocab-encode.mjs").toString(), req.toString())
        .redirectError(dir.resolve("oracle.err").toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertEquals(true, p.waitFor(180, TimeUnit.SECONDS), "oracle timed out");
    if (p.exitValue() != 0) {
      String err = Files.readString(dir.resolve("oracle.err"), StandardCharsets.UTF_8);
      throw new AssertionError("oracle failed: " + err.substring(Math.max(0, err.length() - 3000)));
    }
    return new Case(pre, vocab.tokenizer(), json.readTree(out));
  }

  private static List<Integer> ids(JsonNode arr) {
    List<Integer> l = new ArrayList<>();
    arr.forEach(n -> l.add(n.asInt()));
    return l;
  }

  private static List<Integer> list(int[] a) {
    return Arrays.stream(a).boxed().toList();
  }

  @Test
  void huggingFaceTokenizersEncodeExactlyAsWeDo() {
    for (Case c : CASES) {
      for (int i = 0; i < ALL_TEXTS.size(); i++) {
        String t = ALL_TEXTS.get(i);
        assertEquals(list(c.ours().encode(t)), ids(c.oracle().get("hf").get(i)),
            () -> c.pre() + " tokenizer.json on: " + t);
        assertEquals(t, c.oracle().get("hf_decoded").get(i).asText(), c.pre() + " HF decode");
      }
    }
  }

  @Test
  void llamaCppEncodesExactlyAsWeDo() {
    for (Case c : CASES) {
      for (int i = 0; i < ALL_TEXTS.size(); i++) {
        String t = ALL_TEXTS.get(i);
        assertEquals(list(c.ours().encode(t)), ids(c.oracle().get("llama_special").get(i)),
            () -> c.pre() + " GGUF, specials: " + t);
        assertEquals(list(c.ours().encodeOrdinary(t)), ids(c.oracle().get("llama_ordinary").get(i)),
            () -> c.pre() + " GGUF, no specials: " + t);
        if (c.pre().equals("qwen2")) { // llama.cpp "cleans spaces" (" 're" -> "'re") when detokenizing llama-bpe
          assertEquals(t, c.oracle().get("llama_decoded").get(i).asText(), c.pre() + " llama.cpp detokenize");
        }
      }
    }
  }
}

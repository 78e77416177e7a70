package io.corpusforge.jobs.vocab;

import com.typesafe.config.Config;
import io.corpusforge.tokenization.bpe.BpeTrainer;
import io.corpusforge.tokenization.bpe.PreTokenizer;
import java.io.Serializable;
import java.util.List;

/** The {@code vocab} section of the configuration, validated. See conf/vocab.conf for the meaning of each key. */
public record VocabSettings(
    int vocabSize,
    long minFrequency,
    int maxTokenBytes,
    List<String> specialTokens,
    String preTokenizer,
    boolean nfc,
    int heldOutPerMille,
    int heldOutMaxDocs,
    long preTokenMinCount,
    int preTokenMaxDistinct,
    boolean wordsEnabled,
    boolean keepPunctuation,
    long wordMinCount,
    String bosToken,
    String eosToken,
    String paddingToken,
    boolean addBos,
    int longestTokens,
    String goldSegmentation) implements Serializable {

  public VocabSettings {
    specialTokens = List.copyOf(specialTokens);
    PreTokenizer.byName(preTokenizer); // fails with the list of supported names
    new BpeTrainer.Config(vocabSize, minFrequency, specialTokens, maxTokenBytes); // same checks as training
    require(heldOutPerMille >= 0 && heldOutPerMille < 1000, "vocab.held-out.per-mille must be in [0, 1000)");
    require(heldOutMaxDocs >= 0, "vocab.held-out.max-docs must be >= 0");
    require(preTokenMinCount >= 1, "vocab.pre-tokens.min-count must be >= 1");
    require(preTokenMaxDistinct >= 1, "vocab.pre-tokens.max-distinct must be >= 1");
    require(wordMinCount >= 1, "vocab.words.min-count must be >= 1");
    require(longestTokens >= 0, "vocab.report.longest-tokens must be >= 0");
    for (String t : new String[] {bosToken, eosToken, paddingToken}) {
      require(specialTokens.contains(t), "vocab.gguf token \"" + t + "\" is not in vocab.special-tokens");
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  public static VocabSettings from(Config root) {
    Config c = root.getConfig("vocab");
    String norm = c.getString("normalization");
    require(norm.equalsIgnoreCase("NFC") || norm.equalsIgnoreCase("none"),
        "vocab.normalization must be NFC or none, got " + norm);
    return new VocabSettings(
        c.getInt("vocab-size"),
        c.getLong("min-frequency"),
        c.getInt("max-token-bytes"),
        c.getStringList("special-tokens"),
        c.getString("pre-tokenizer"),
        norm.equalsIgnoreCase("NFC"),
        c.getInt("held-out.per-mille"),
        c.getInt("held-out.max-docs"),
        c.getLong("pre-tokens.min-count"),
        c.getInt("pre-tokens.max-distinct"),
        c.getBoolean("words.enabled"),
        c.getBoolean("words.keep-punctuation"),
        c.getLong("words.min-count"),
        c.getString("gguf.bos-token"),
        c.getString("gguf.eos-token"),
        c.getString("gguf.padding-token"),
        c.getBoolean("gguf.add-bos"),
        c.getInt("report.longest-tokens"),
        c.getString("eval.gold-segmentation").strip());
  }

  public VocabSettings withVocabSize(int size) {
    return new VocabSettings(size, minFrequency, maxTokenBytes, specialTokens, preTokenizer, nfc, heldOutPerMille,
        heldOutMaxDocs, preTokenMinCount, preTokenMaxDistinct, wordsEnabled, keepPunctuation, wordMinCount,
        bosToken, eosToken, paddingToken, addBos, longestTokens, goldSegmentation);
  }

  public BpeTrainer.Config trainerConfig() {
    return new BpeTrainer.Config(vocabSize, minFrequency, specialTokens, maxTokenBytes);
  }
}

package io.corpusforge.inference.tokenizer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * BOS when a BPE file does not say {@code tokenizer.ggml.add_bos_token}: llama.cpp's per-pre-tokenizer rule (the
 * end-to-end check against llama.cpp is the {@code llama-bpe-implicit-bos} fixture in LlamaCppParityTest).
 */
class AddBosDefaultTest {
  @Test
  void llama3FamilyTekkenAndChameleonAddBos() {
    for (String pre : new String[] {"llama3", "llama-v3", "llama-bpe", "falcon3", "falcon-h1", "pixtral", "midm-2.0",
        "lfm2", "tekken", "chameleon"}) {
      assertTrue(ByteLevelBpeTokenizer.defaultAddBos(pre), pre);
    }
  }

  @Test
  void otherPreTokenizersDoNot() {
    for (String pre : new String[] {"default", "qwen2", "gpt-2", "deepseek-llm", "deepseek-v3", "starcoder",
        "command-r", "smollm", "gpt-4o", "something-new"}) {
      assertFalse(ByteLevelBpeTokenizer.defaultAddBos(pre), pre);
    }
  }
}

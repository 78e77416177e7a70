package io.corpusforge.tokenization.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corpusforge.tokenization.bpe.BpeTrainer.Config;
import io.corpusforge.tokenization.bpe.BpeTrainer.WordCount;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BpeTrainerTest {

    private static final List<WordCount> HUGS = List.of(new WordCount("hug", 10), new WordCount("pug", 5),
            new WordCount("pun", 12), new WordCount("bun", 4), new WordCount("hugs", 5));

    @Test
    void learnsTheHandComputedMerges() {
        // pairs: ug 20, pu 17, un 16, hu 15 -> "u g"; then un 16 -> "u n"; h-ug 15; p-un 12;
        // then p-ug 5 and hug-s 5 tie: the smaller left id wins ('p' = 112 < "hug" = 258); then hug-s 5; b-un 4.
        BpeTrainer.Result r = new BpeTrainer(new Config(256 + 6 + 1, 1, List.of("<|endoftext|>"), 0)).train(HUGS);
        assertEquals(List.of("u g", "u n", "h ug", "p un", "p ug", "hug s"), r.merges());
        assertEquals(256 + 6 + 1, r.tokens().size());
        assertEquals("ug", r.tokens().get(256));
        assertEquals("<|endoftext|>", r.tokens().get(262));
        assertEquals("vocab size reached", r.stopReason());
        BpeTokenizer t = r.tokenizer("qwen2");
        assertEquals(List.of("hugs", "<|endoftext|>"), decodeEach(t, t.encode("hugs<|endoftext|>")));
        assertEquals(List.of("pun", "s"), decodeEach(t, t.encode("puns")));
        assertEquals(List.of("b", "ug"), decodeEach(t, t.encode("bug")));
    }

    @Test
    void minFrequencyStopsTraining() {
        BpeTrainer.Result r = new BpeTrainer(new Config(1000, 12, List.of(), 0)).train(HUGS);
        assertEquals(List.of("u g", "u n", "h ug", "p un"), r.merges());
        assertTrue(r.stopReason().contains("below min frequency 12"), r.stopReason());
    }

    @Test
    void maxTokenBytesSkipsLongMerges() {
        BpeTrainer.Result r = new BpeTrainer(new Config(1000, 1, List.of(), 2)).train(HUGS);
        assertTrue(r.merges().stream().allMatch(m -> m.replace(" ", "").length() <= 2), r.merges().toString());
        // every later candidate (h+ug, p+un, ...) would be 3 bytes long
        assertEquals(List.of("u g", "u n"), r.merges());
        assertTrue(r.stopReason().startsWith("no mergeable pairs left"), r.stopReason());
    }

    @Test
    void deterministicWhateverTheInputOrder() {
        List<WordCount> corpus = randomCorpus(new Random(5), 400);
        List<WordCount> shuffled = new ArrayList<>(corpus);
        Collections.shuffle(shuffled, new Random(99));
        Config c = new Config(600, 2, List.of("<|im_start|>", "<|im_end|>"), 24);
        assertEquals(new BpeTrainer(c).train(corpus).merges(), new BpeTrainer(c).train(shuffled).merges());
    }

    @Test
    void agreesWithANaiveRecountingTrainer() {
        List<WordCount> corpus = randomCorpus(new Random(8), 300);
        BpeTrainer.Result fast = new BpeTrainer(new Config(256 + 150, 1, List.of(), 0)).train(corpus);
        assertEquals(naiveMerges(corpus, 150), fast.merges());
    }

    @Test
    void trainedTokenizerRoundTripsAndCompressesChinese() {
        List<WordCount> corpus = new ArrayList<>();
        for (String w : PreTokenizer.QWEN2.split("我们今天在北京学习中文，北京的天气很好。我们很喜欢北京！Hello world 2024 年")) {
            corpus.add(new WordCount(w, 3));
        }
        BpeTrainer.Result r = new BpeTrainer(new Config(400, 2, List.of("<|endoftext|>"), 0)).train(corpus);
        BpeTokenizer t = r.tokenizer("qwen2");
        String text = "北京的天气很好😀\uD83D";
        int[] ids = t.encode(text);
        assertEquals(text, t.decode(ids));
        assertTrue(ids.length < Wtf8.encode(text).length / 2, "merges make Chinese shorter than its bytes");
    }

    @Test
    void rejectsImpossibleConfigurations() {
        assertThrows(IllegalArgumentException.class, () -> new Config(100, 1, List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> new Config(300, 0, List.of(), 0));
        assertThrows(IllegalArgumentException.class,
                () -> new BpeTrainer(new Config(300, 1, List.of(), 0)).train(List.of(new WordCount("x", 0))));
        // a special token equal to a learned token's alphabet form
        assertThrows(IllegalArgumentException.class,
                () -> new BpeTrainer(new Config(300, 1, List.of("ug"), 0)).train(HUGS));
    }

    private static List<String> decodeEach(BpeTokenizer t, int[] ids) {
        List<String> out = new ArrayList<>();
        for (int id : ids) {
            out.add(Wtf8.decode(t.tokenBytes(id)));
        }
        return out;
    }

    private static List<WordCount> randomCorpus(Random r, int n) {
        String[] syll = {"的", "中国", "人", "了", "a", "b", "ab", "ba", "ing", " th", "e", "😀", "1", " "};
        List<WordCount> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 1 + r.nextInt(5); k > 0; k--) {
                sb.append(syll[r.nextInt(syll.length)]);
            }
            out.add(new WordCount(sb.toString(), 1 + r.nextInt(20)));
        }
        return out;
    }

    /** Recounts every pair from scratch before each merge: slow, obviously right. Same tie-break on ids. */
    private static List<String> naiveMerges(List<WordCount> corpus, int nMerges) {
        Map<String, Long> agg = new HashMap<>();
        corpus.forEach(wc -> agg.merge(wc.word(), wc.count(), Long::sum));
        List<int[]> words = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        agg.forEach((w, c) -> {
            byte[] b = Wtf8.encode(w);
            int[] s = new int[b.length];
            for (int i = 0; i < b.length; i++) {
                s[i] = b[i] & 0xFF;
            }
            words.add(s);
            counts.add(c);
        });
        List<String> tokens = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            tokens.add(String.valueOf(ByteUnicode.charOf(b)));
        }
        List<String> merges = new ArrayList<>();
        for (int m = 0; m < nMerges; m++) {
            Map<Long, Long> pc = new HashMap<>();
            for (int w = 0; w < words.size(); w++) {
                int[] s = words.get(w);
                for (int i = 0; i + 1 < s.length; i++) {
                    pc.merge(((long) s[i] << 32) | s[i + 1], counts.get(w), Long::sum);
                }
            }
            long best = -1;
            long bestCount = 0;
            for (Map.Entry<Long, Long> e : pc.entrySet()) {
                if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() < best)) {
                    best = e.getKey();
                    bestCount = e.getValue();
                }
            }
            if (best < 0) {
                break;
            }
            int l = (int) (best >>> 32);
            int r = (int) best;
            String merged = tokens.get(l) + tokens.get(r);
            int id = tokens.indexOf(merged);
            if (id < 0) {
                id = tokens.size();
                tokens.add(merged);
            }
            merges.add(tokens.get(l) + " " + tokens.get(r));
            for (int w = 0; w < words.size(); w++) {
                int[] s = words.get(w);
                List<Integer> out = new ArrayList<>();
                for (int i = 0; i < s.length; i++) {
                    if (i + 1 < s.length && s[i] == l && s[i + 1] == r) {
                        out.add(id);
                        i++;
                    } else {
                        out.add(s[i]);
                    }
                }
                words.set(w, out.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return merges;
    }
}

package io.corpusforge.tokenization.bpe;

import static io.corpusforge.tokenization.bpe.TestVocabs.a;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BpeTokenizerTest {

    private static final List<String> SPECIALS = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>");

    private static String[] pieces(BpeTokenizer t, int[] ids) {
        return Arrays.stream(ids).mapToObj(id -> Wtf8.decode(t.tokenBytes(id))).toArray(String[]::new);
    }

    @Test
    void mergesApplyByRankNotByOrderInTheWord() {
        // rank 0: "l l", rank 1: "h e", rank 2: "he ll", rank 3: "hell o", rank 4: "Ġ w"
        BpeTokenizer t = TestVocabs.tokenizer(List.of("l l", "h e", "he ll", "hell o", "Ġ w"), "qwen2", List.of());
        assertArrayEquals(new String[] {"hello"}, pieces(t, t.encode("hello")));
        assertArrayEquals(new String[] {"he", "l", "p"}, pieces(t, t.encode("help")));
        assertArrayEquals(new String[] {"hell", "p"}, pieces(t, t.encode("hellp")));
        assertArrayEquals(new String[] {"hello", " w", "o", "r", "l", "d"}, pieces(t, t.encode("hello world")));
        assertEquals(256 + 5, t.vocabSize());
        assertEquals(5, t.mergeCount());
    }

    @Test
    void equalPairsMergeLeftmostFirst() {
        BpeTokenizer t = TestVocabs.tokenizer(List.of("a a"), "qwen2", List.of());
        assertArrayEquals(new String[] {"aa", "a"}, pieces(t, t.encode("aaa")));
        assertArrayEquals(new String[] {"aa", "aa"}, pieces(t, t.encode("aaaa")));
        // a lower-ranked merge that overlaps wins regardless of position
        BpeTokenizer u = TestVocabs.tokenizer(List.of("b c", "a b"), "qwen2", List.of());
        assertArrayEquals(new String[] {"a", "bc"}, pieces(u, u.encode("abc")));
    }

    @Test
    void chineseMergesWorkOnUtf8Bytes() {
        // 你 = E4 BD A0, 好 = E5 A5 BD
        String ni = a("你");
        String hao = a("好");
        BpeTokenizer t = TestVocabs.tokenizer(List.of(ni.substring(0, 2) + " " + ni.charAt(2),
                ni.substring(0, 1) + " " + ni.substring(1, 2), hao.substring(0, 1) + " " + hao.substring(1, 2),
                hao.substring(0, 2) + " " + hao.charAt(2), ni + " " + hao), "qwen2", List.of());
        int[] ids = t.encode("你好你");
        assertArrayEquals(new String[] {"你好", "你"}, pieces(t, ids));
        assertEquals("你好你", t.decode(ids));
        // a lone byte merge result decodes to invalid UTF-8 on its own, but the sequence is exact
        assertEquals(a("你好"), t.token(ids[0]));
    }

    @Test
    void specialTokensAreMatchedFirstAndOnlyWhenAsked() {
        BpeTokenizer t = TestVocabs.tokenizer(List.of("u s", "us e", "use r"), "qwen2", SPECIALS);
        String chat = "<|im_start|>user\n你好<|im_end|><|endoftext|>";
        int[] ids = t.encode(chat);
        int start = t.id("<|im_start|>");
        int end = t.id("<|im_end|>");
        int eot = t.id("<|endoftext|>");
        assertEquals(start, ids[0]);
        assertEquals(t.id("user"), ids[1]);
        assertEquals(eot, ids[ids.length - 1]);
        assertEquals(end, ids[ids.length - 2]);
        assertEquals(chat, t.decode(ids));
        int[] ordinary = t.encodeOrdinary(chat);
        assertTrue(Arrays.stream(ordinary).allMatch(id -> id < 256 || id == t.id("user")));
        assertEquals(chat, t.decode(ordinary));
    }

    @Test
    void longestAddedTokenWinsAtTheSamePosition() {
        BpeTokenizer t = TestVocabs.tokenizer(List.of(), "qwen2", List.of("<|a|>", "<|a|>x"));
        assertArrayEquals(new int[] {t.id("<|a|>x"), 'y'}, t.encode("<|a|>xy"));
    }

    @Test
    void ggufTokenTypesDecideWhichAddedTokensAreParsed() {
        List<String> tokens = new ArrayList<>(TestVocabs.byteTokens());
        tokens.add("<|endoftext|>");
        tokens.add("<think>");
        int[] types = new int[tokens.size()];
        Arrays.fill(types, BpeTokenizer.TYPE_NORMAL);
        types[256] = BpeTokenizer.TYPE_CONTROL;
        types[257] = BpeTokenizer.TYPE_USER_DEFINED;
        BpeTokenizer t = BpeTokenizer.fromGguf(tokens, List.of(), "qwen2", types);
        int[] ids = t.encodeOrdinary("<think><|endoftext|>");
        assertEquals(257, ids[0]); // user-defined: always
        assertEquals(1 + "<|endoftext|>".length(), ids.length); // control: not without parseSpecial
        assertArrayEquals(new int[] {257, 256}, t.encode("<think><|endoftext|>"));
    }

    @Test
    void llamaBpeIgnoresMergesForWholeVocabularyWords() {
        // "abc" is in the vocabulary but no merge sequence builds it from "a b c" in this rank order
        List<String> tokens = new ArrayList<>(TestVocabs.byteTokens());
        tokens.addAll(List.of("ab", "bc", "abc"));
        List<String> merges = List.of("b c", "a b", "ab c");
        BpeTokenizer qwen = new BpeTokenizer(tokens, merges, PreTokenizer.QWEN2, List.of());
        BpeTokenizer llama = new BpeTokenizer(tokens, merges, PreTokenizer.LLAMA_BPE, List.of());
        assertArrayEquals(new String[] {"a", "bc"}, pieces(qwen, qwen.encode("abc")));
        assertArrayEquals(new String[] {"abc"}, pieces(llama, llama.encode("abc")));
    }

    @Test
    void badVocabulariesAreRejectedWithAReason() {
        List<String> noBytes = new ArrayList<>(TestVocabs.byteTokens());
        noBytes.remove(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BpeTokenizer(noBytes, List.of(), PreTokenizer.QWEN2, List.of()));
        assertTrue(e.getMessage().contains("[0]"), e.getMessage());
        List<String> bytes = TestVocabs.byteTokens();
        e = assertThrows(IllegalArgumentException.class,
                () -> new BpeTokenizer(bytes, List.of("a b"), PreTokenizer.QWEN2, List.of()));
        assertTrue(e.getMessage().contains("ab is not in the vocabulary"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new BpeTokenizer(bytes, List.of("ab"), PreTokenizer.QWEN2, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> BpeTokenizer.of(bytes, List.of(), "qwen2", List.of("<|x|>")));
        assertThrows(IllegalArgumentException.class, () -> TestVocabs.tokenizer(List.of(), "qwen2", List.of()).decode(new int[] {999}));
    }

    /** The textbook algorithm: rescan for the lowest-ranked pair, merge its leftmost occurrence, repeat. */
    private static List<String> naiveBpe(String pieceAlphabet, Map<String, Integer> ranks) {
        List<String> sym = new ArrayList<>();
        for (char c : pieceAlphabet.toCharArray()) {
            sym.add(String.valueOf(c));
        }
        while (true) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < sym.size(); i++) {
                Integer r = ranks.get(sym.get(i) + " " + sym.get(i + 1));
                if (r != null && r < bestRank) {
                    bestRank = r;
                    best = i;
                }
            }
            if (best < 0) {
                return sym;
            }
            sym.set(best, sym.get(best) + sym.remove(best + 1));
        }
    }

    private static String randomText(Random r, String alphabet, int maxLen) {
        StringBuilder sb = new StringBuilder();
        int[] cps = alphabet.codePoints().toArray();
        for (int i = r.nextInt(maxLen); i > 0; i--) {
            if (r.nextInt(40) == 0) {
                sb.append((char) (0xD800 + r.nextInt(0x800))); // lone surrogate
            } else {
                sb.appendCodePoint(cps[r.nextInt(cps.length)]);
            }
        }
        return sb.toString();
    }

    @Test
    void agreesWithTheTextbookAlgorithmAndRoundTrips() {
        String alphabet = "aabbcde 中文中国人的了，。😀🇨🇳\n\t\u30001234'Ssé";
        Random r = new Random(11);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            words.add(randomText(r, alphabet, 6));
        }
        List<String> merges = TestVocabs.prefixMerges(words);
        // add some overlapping pair merges so ranks compete
        merges.addAll(List.of("a a", "b b", a("中") + " " + a("文"), a("的") + " " + a("了")));
        merges = new ArrayList<>(new java.util.LinkedHashSet<>(merges));
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < merges.size(); i++) {
            ranks.putIfAbsent(merges.get(i), i);
        }
        for (String pre : List.of("qwen2", "gpt2")) {
            BpeTokenizer t = TestVocabs.tokenizer(merges, pre, SPECIALS);
            for (int k = 0; k < 3000; k++) {
                String s = randomText(r, alphabet, 40);
                if (k % 7 == 0) {
                    s = s + SPECIALS.get(k % 3) + randomText(r, alphabet, 10);
                }
                int[] ids = t.encode(s);
                assertEquals(s, t.decode(ids), "round trip");
                List<String> expected = new ArrayList<>();
                int from = 0;
                // reference: split out specials by indexOf, pre-tokenize, naive BPE
                for (String part : s.split("(?=<\\|)|(?<=\\|>)")) {
                    if (SPECIALS.contains(part)) {
                        expected.add(part);
                        continue;
                    }
                    for (String piece : PreTokenizer.byName(pre).split(part)) {
                        expected.addAll(naiveBpe(ByteUnicode.encode(Wtf8.encode(piece)), ranks));
                    }
                }
                List<String> actual = Arrays.stream(ids).mapToObj(t::token).toList();
                assertEquals(expected, actual, "encode of " + s);
                from++;
            }
        }
    }

    @Test
    void roundTripsEveryKindOfString() {
        BpeTokenizer t = TestVocabs.tokenizer(TestVocabs.prefixMerges(List.of("the", " the", "中国", "😀")), "qwen2",
                SPECIALS);
        List<String> cases = List.of("", " ", "\n", "  \n \t", "the the中国😀😀", "👨‍👩‍👧‍👦", "🇨🇳🇺🇸",
                "e\u0301 vs \u00e9", "\uD83D", "\uDE00", "a\uD83D\uD83Db", "\u0000\u0001\u007F", "\uFEFFbom",
                "עברית العربية हिन्दी ไทย", "١٢٣ ۴۵ 一二三 ①②", "<|im_end", "<|im_end|>x<|im_end|>",
                "x".repeat(5000), "中".repeat(3000) + "😀".repeat(1000));
        for (String s : cases) {
            assertEquals(s, t.decode(t.encode(s)), () -> "round trip of " + s.substring(0, Math.min(20, s.length())));
            assertEquals(s, t.decode(t.encodeOrdinary(s)));
        }
    }

    @Test
    void concurrentEncodingGivesTheSequentialResults() throws Exception {
        BpeTokenizer t = TestVocabs.tokenizer(TestVocabs.prefixMerges(List.of("the", " the", "中国", "人民", "😀")),
                "qwen2", SPECIALS);
        Random r = new Random(5);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            texts.add(randomText(r, "the 中国人民 😀1", 30)); // short pieces: the shared cache is exercised
        }
        List<int[]> expected = texts.stream().map(t::encode).toList();
        BpeTokenizer fresh = TestVocabs.tokenizer(TestVocabs.prefixMerges(List.of("the", " the", "中国", "人民", "😀")),
                "qwen2", SPECIALS);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
            for (int th = 0; th < 4; th++) {
                int offset = th;
                results.add(pool.submit(() -> {
                    for (int k = 0; k < texts.size(); k++) {
                        int i = (k + offset * 97) % texts.size();
                        if (!Arrays.equals(expected.get(i), fresh.encode(texts.get(i)))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (java.util.concurrent.Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

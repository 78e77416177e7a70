package io.corpusforge.tokenization.bpe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Exact byte-level BPE training over counted pre-tokens, on one machine (the Spark job only counts pre-tokens).
 *
 * <p>Each distinct pre-token is a "word": its bytes, then symbol ids, with a 64-bit count. The trainer keeps the
 * exact count of every adjacent symbol pair (sum over words of occurrences x word count), an index pair -> words
 * that contain it, and a max-priority queue of pairs. Popping the best pair re-checks its count against the table:
 * a stale entry (the count fell since it was queued because a neighbouring merge consumed occurrences) is re-queued
 * with its true count. Merging rewrites only the words in the pair's index and updates the counts of the pairs
 * those words lose and gain, so one merge costs time proportional to the words it touches, not to the corpus.
 *
 * <p>Order: highest count first; equal counts go to the pair with the smaller left id, then the smaller right id.
 * Ids are assigned deterministically (bytes 0..255 in byte order, then merges in the order learned), so the same
 * counts always give the same merges; {@link #train} also sorts the words before it starts.
 *
 * <p>This is the same merge rule as Hugging Face's BpeTrainer (which breaks ties the same way on its own ids); a
 * merge applies to every occurrence in a word left to right, non-overlapping, as the encoder does.
 */
public final class BpeTrainer {

    /**
     * @param vocabSize total size: 256 byte tokens + merges + special tokens
     * @param minFrequency a pair seen fewer times than this is never merged (training stops there)
     * @param specialTokens appended after the merged tokens, in this order
     * @param maxTokenBytes a merge whose result would be longer than this many bytes is skipped (0 = no limit)
     */
    public record Config(int vocabSize, long minFrequency, List<String> specialTokens, int maxTokenBytes) {
        public Config {
            specialTokens = List.copyOf(specialTokens);
            if (vocabSize < 256 + specialTokens.size()) {
                throw new IllegalArgumentException("vocab size " + vocabSize + " is below 256 byte tokens + "
                        + specialTokens.size() + " special tokens");
            }
            if (minFrequency < 1) {
                throw new IllegalArgumentException("min frequency must be >= 1, got " + minFrequency);
            }
            if (maxTokenBytes < 0) {
                throw new IllegalArgumentException("max token bytes must be >= 0, got " + maxTokenBytes);
            }
        }
    }

    /** A counted pre-token. */
    public record WordCount(String word, long count) {}

    /**
     * The result: tokens in the byte-level alphabet (specials as plain text at the end), merges in rank order.
     *
     * @param stopReason why training ended before the target size, or "vocab size reached"
     */
    public record Result(List<String> tokens, List<String> merges, List<String> specialTokens, int words,
            long trainMillis, String stopReason) {

        public BpeTokenizer tokenizer(String preTokenizer) {
            return BpeTokenizer.of(tokens, merges, preTokenizer, specialTokens);
        }
    }

    private final Config config;

    public BpeTrainer(Config config) {
        this.config = config;
    }

    private record Candidate(long count, int left, int right, int pair) {}

    /** Trains on pre-tokens with their counts; duplicates are summed, counts <= 0 are rejected. */
    public Result train(List<WordCount> input) {
        long t0 = System.nanoTime();
        Map<String, Long> merged = new HashMap<>();
        for (WordCount wc : input) {
            if (wc.count() <= 0) {
                throw new IllegalArgumentException("count of \"" + wc.word() + "\" is " + wc.count());
            }
            if (!wc.word().isEmpty()) {
                merged.merge(wc.word(), wc.count(), Long::sum);
            }
        }
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(merged.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));

        int nWords = sorted.size();
        int[][] words = new int[nWords][];
        long[] counts = new long[nWords];
        for (int w = 0; w < nWords; w++) {
            byte[] bytes = Wtf8.encode(sorted.get(w).getKey());
            int[] s = new int[bytes.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = bytes[i] & 0xFF;
            }
            words[w] = s;
            counts[w] = sorted.get(w).getValue();
        }
        merged = null; // the strings are no longer needed: let the heap go to the pair index
        sorted = null;

        List<byte[]> tokenBytes = new ArrayList<>();
        Map<String, Integer> idOfAlphabet = new HashMap<>();
        for (int b = 0; b < 256; b++) {
            tokenBytes.add(new byte[] {(byte) b});
            idOfAlphabet.put(String.valueOf(ByteUnicode.charOf(b)), b);
        }
        List<String> mergeLines = new ArrayList<>();

        PairIndex pairs = new PairIndex(Math.max(1024, nWords));
        for (int w = 0; w < nWords; w++) {
            int[] s = words[w];
            for (int i = 0; i + 1 < s.length; i++) {
                int p = pairs.indexOf(s[i], s[i + 1]);
                pairs.count[p] += counts[w];
                pairs.addWord(p, w);
            }
        }
        PriorityQueue<Candidate> queue = new PriorityQueue<>(Math.max(16, pairs.size()), (a, b) -> {
            if (a.count != b.count) {
                return Long.compare(b.count, a.count);
            }
            if (a.left != b.left) {
                return Integer.compare(a.left, b.left);
            }
            return Integer.compare(a.right, b.right);
        });
        for (int p = 0; p < pairs.size(); p++) {
            queue.add(new Candidate(pairs.count[p], pairs.left[p], pairs.right[p], p));
        }

        int targetTokens = config.vocabSize() - config.specialTokens().size();
        boolean[] mergedPair = new boolean[0];
        String stop = "vocab size reached";
        IntList touched = new IntList();
        int steps = 0;
        while (tokenBytes.size() < targetTokens) {
            Candidate c = queue.poll();
            if (c == null) {
                stop = "no mergeable pairs left (pre-tokens are single tokens or merges exceed max token bytes)";
                break;
            }
            long current = pairs.count[c.pair];
            if (current != c.count) {
                if (current > 0) {
                    queue.add(new Candidate(current, c.left, c.right, c.pair));
                }
                continue;
            }
            if (current < config.minFrequency()) {
                stop = "next pair seen " + current + " times, below min frequency " + config.minFrequency();
                break;
            }
            byte[] lb = tokenBytes.get(c.left);
            byte[] rb = tokenBytes.get(c.right);
            if (config.maxTokenBytes() > 0 && lb.length + rb.length > config.maxTokenBytes()) {
                continue; // never merged; its occurrences stay split
            }
            byte[] nb = Arrays.copyOf(lb, lb.length + rb.length);
            System.arraycopy(rb, 0, nb, lb.length, rb.length);
            String alphabet = ByteUnicode.encode(nb);
            Integer existing = idOfAlphabet.get(alphabet);
            int newId;
            if (existing == null) {
                newId = tokenBytes.size();
                tokenBytes.add(nb);
                idOfAlphabet.put(alphabet, newId);
            } else {
                newId = existing; // the same bytes reached through another split: reuse the token
            }
            if (mergedPair.length <= c.pair) {
                mergedPair = Arrays.copyOf(mergedPair, Math.max(c.pair + 1, mergedPair.length * 2));
            }
            if (!mergedPair[c.pair]) {
                mergedPair[c.pair] = true;
                mergeLines.add(ByteUnicode.encode(lb) + " " + ByteUnicode.encode(rb));
            }
            touched.clear();
            applyMerge(c.pair, c.left, c.right, newId, ++steps, words, counts, pairs, touched);
            for (int i = 0; i < touched.size; i++) {
                int p = touched.a[i];
                if (pairs.count[p] > 0) {
                    queue.add(new Candidate(pairs.count[p], pairs.left[p], pairs.right[p], p));
                }
            }
        }

        List<String> tokens = new ArrayList<>(tokenBytes.size() + config.specialTokens().size());
        for (byte[] b : tokenBytes) {
            tokens.add(ByteUnicode.encode(b));
        }
        for (String s : config.specialTokens()) {
            if (idOfAlphabet.containsKey(s)) {
                throw new IllegalArgumentException("special token \"" + s + "\" collides with a learned token");
            }
            tokens.add(s);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new Result(List.copyOf(tokens), List.copyOf(mergeLines), config.specialTokens(), nWords, ms, stop);
    }

    /** Merges every (left, right) occurrence in the words indexed under {@code pair}; updates the pair table. */
    private static void applyMerge(int pair, int left, int right, int newId, int step, int[][] words,
            long[] counts, PairIndex pairs, IntList touched) {
        IntList ws = pairs.words[pair];
        pairs.words[pair] = null; // after this merge no word holds the pair (it can only reappear via a reused id)
        if (ws == null) {
            return;
        }
        for (int k = 0; k < ws.size; k++) {
            int w = ws.a[k];
            int[] s = words[w];
            if (!contains(s, left, right)) {
                continue; // index entries are never removed; the pair left this word in an earlier merge
            }
            long cnt = counts[w];
            // Left to right over the word, merging as the encoder does; only the pairs next to a merge change:
            // (before, left) becomes (before, new) and (right, after) becomes (new, after). "before" is the already
            // rewritten previous symbol, so runs such as "a a a a" (merging "a a") are counted exactly.
            int[] out = new int[s.length];
            int n = 0;
            for (int i = 0; i < s.length; i++) {
                if (i + 1 < s.length && s[i] == left && s[i + 1] == right) {
                    if (n > 0) {
                        pairs.count[pairs.indexOf(out[n - 1], left)] -= cnt;
                        gain(pairs, out[n - 1], newId, cnt, w, step, touched);
                    }
                    if (i + 2 < s.length) {
                        pairs.count[pairs.indexOf(right, s[i + 2])] -= cnt;
                        gain(pairs, newId, s[i + 2], cnt, w, step, touched);
                    }
                    out[n++] = newId;
                    i++;
                } else {
                    out[n++] = s[i];
                }
            }
            words[w] = Arrays.copyOf(out, n);
        }
        pairs.count[pair] = 0; // every occurrence was merged
    }

    /** A pair involving the new token gained {@code cnt} occurrences in word w. */
    private static void gain(PairIndex pairs, int l, int r, long cnt, int w, int step, IntList touched) {
        int p = pairs.indexOf(l, r);
        pairs.count[p] += cnt;
        pairs.addWord(p, w);
        if (pairs.mark[p] != step) { // once per pair and merge step: the queue gets one entry
            pairs.mark[p] = step;
            touched.add(p);
        }
    }

    private static boolean contains(int[] s, int left, int right) {
        for (int i = 0; i + 1 < s.length; i++) {
            if (s[i] == left && s[i + 1] == right) {
                return true;
            }
        }
        return false;
    }

    /** Pair (left, right) -> dense index, with per-pair count and word list; primitive open addressing. */
    static final class PairIndex {
        private long[] keys;
        private int[] slots;
        private int mask;
        private int size;
        int[] left;
        int[] right;
        long[] count;
        IntList[] words;
        int[] mark; // last merge step that queued the pair

        PairIndex(int expected) {
            int cap = Integer.highestOneBit(Math.max(16, expected) * 2);
            keys = new long[cap];
            slots = new int[cap];
            Arrays.fill(slots, -1);
            mask = cap - 1;
            left = new int[expected];
            right = new int[expected];
            count = new long[expected];
            words = new IntList[expected];
            mark = new int[expected];
        }

        int size() {
            return size;
        }

        private static int hash(long k) {
            long h = k * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 31));
        }

        int indexOf(int l, int r) {
            long k = MergeTable.key(l, r);
            int i = hash(k) & mask;
            while (slots[i] >= 0) {
                if (keys[i] == k) {
                    return slots[i];
                }
                i = (i + 1) & mask;
            }
            int idx = size++;
            keys[i] = k;
            slots[i] = idx;
            if (idx == left.length) {
                int n = idx * 2;
                left = Arrays.copyOf(left, n);
                right = Arrays.copyOf(right, n);
                count = Arrays.copyOf(count, n);
                words = Arrays.copyOf(words, n);
                mark = Arrays.copyOf(mark, n);
            }
            left[idx] = l;
            right[idx] = r;
            if (size * 2 > keys.length) {
                rehash();
            }
            return idx;
        }

        private void rehash() {
            long[] oldKeys = keys;
            int[] oldSlots = slots;
            keys = new long[oldKeys.length * 2];
            slots = new int[oldKeys.length * 2];
            Arrays.fill(slots, -1);
            mask = keys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldSlots[j] >= 0) {
                    int i = hash(oldKeys[j]) & mask;
                    while (slots[i] >= 0) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = oldKeys[j];
                    slots[i] = oldSlots[j];
                }
            }
        }

        /** Adds word w to the pair's list unless it was the last one added; true when added. */
        boolean addWord(int p, int w) {
            IntList l = words[p];
            if (l == null) {
                l = new IntList();
                words[p] = l;
            } else if (l.size > 0 && l.a[l.size - 1] == w) {
                return false;
            }
            l.add(w);
            return true;
        }
    }

    static final class IntList {
        int[] a = new int[2];
        int size;

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        void clear() {
            size = 0;
        }
    }
}

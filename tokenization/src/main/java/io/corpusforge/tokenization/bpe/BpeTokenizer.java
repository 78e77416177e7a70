package io.corpusforge.tokenization.bpe;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-level BPE encoder/decoder (GPT-2 / Qwen / Llama 3 style), the same algorithm as Hugging Face tokenizers and
 * llama.cpp's {@code llm_tokenizer_bpe}:
 * <ol>
 *   <li>added tokens (e.g. {@code <|im_start|>}) are cut out of the raw text first, leftmost match, longest token at
 *       that position; control tokens only when {@code parseSpecial} is set, user-defined tokens always;</li>
 *   <li>the rest is split by the {@link PreTokenizer} regex;</li>
 *   <li>each pre-token is turned into bytes ({@link Wtf8}: UTF-8, with lone surrogates kept, see there), each byte a
 *       symbol, and adjacent symbols are merged lowest merge rank first, leftmost first on equal ranks, until no
 *       adjacent pair is a merge.</li>
 * </ol>
 * No Unicode normalization is applied, so {@code decode(encode(s))} is exactly {@code s} for every Java string; the
 * vocab job NFC-normalizes its training text itself.
 *
 * <p>Thread-safe; results of step 3 are cached per pre-token (bounded), which makes repeated words nearly free.
 */
public final class BpeTokenizer {
    private static final int CACHE_MAX_ENTRIES = 200_000;
    // Short pre-tokens (words, numbers, punctuation) repeat; long ones (whole Chinese clauses) rarely do and would
    // only churn the cache.
    private static final int CACHE_MAX_PIECE_CHARS = 16;

    private final String[] tokens;
    private final Map<String, Integer> tokenToId;
    private final byte[][] tokenBytes;
    private final int[] byteToken = new int[256];
    private final MergeTable merges;
    private final int mergeCount;
    private final PreTokenizer preTokenizer;
    private final List<AddedToken> addedTokens;
    private final AddedToken[][] addedByFirstChar; // per first char (mod table size), longest first
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    /**
     * @param tokens the vocabulary, index = token id; normal tokens in the byte-level alphabet
     * @param mergeLines merges in rank order, each "left right" in the byte-level alphabet (merges.txt /
     *     GGUF {@code tokenizer.ggml.merges})
     * @param preTokenizer see {@link PreTokenizer#byName}
     * @param added special / user-defined tokens; each must be in {@code tokens} at its id
     * @throws IllegalArgumentException when a byte has no token, a merge names an unknown token or its result is not
     *     in the vocabulary, or an added token does not match the vocabulary
     */
    public BpeTokenizer(List<String> tokens, List<String> mergeLines, PreTokenizer preTokenizer,
            Collection<AddedToken> added) {
        this.tokens = tokens.toArray(String[]::new);
        this.preTokenizer = preTokenizer;
        this.tokenToId = new HashMap<>(this.tokens.length * 2);
        for (int i = 0; i < this.tokens.length; i++) {
            if (this.tokens[i] == null) {
                throw new IllegalArgumentException("token " + i + " is null");
            }
            tokenToId.put(this.tokens[i], i); // duplicates: the last id wins, as in llama.cpp's loader
        }
        this.addedTokens = List.copyOf(added);
        boolean[] isAdded = new boolean[this.tokens.length];
        for (AddedToken t : addedTokens) {
            if (t.id() < 0 || t.id() >= this.tokens.length || !this.tokens[t.id()].equals(t.text())) {
                throw new IllegalArgumentException("added token \"" + t.text() + "\" is not token " + t.id());
            }
            isAdded[t.id()] = true;
        }
        this.tokenBytes = new byte[this.tokens.length][];
        for (int i = 0; i < this.tokens.length; i++) {
            String t = this.tokens[i];
            // Added tokens are plain text; a normal token outside the alphabet (seen in some converted GGUF
            // vocabularies, e.g. "<unk>") can never come out of merges and decodes as its own text.
            tokenBytes[i] = !isAdded[i] && ByteUnicode.isAlphabetText(t) ? ByteUnicode.decode(t) : Wtf8.encode(t);
        }
        List<Integer> missing = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            Integer id = tokenToId.get(String.valueOf(ByteUnicode.charOf(b)));
            if (id == null) {
                missing.add(b);
            } else {
                byteToken[b] = id;
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("byte-level vocabulary lacks tokens for bytes " + missing);
        }
        this.merges = new MergeTable(mergeLines.size());
        int rank = 0;
        for (String line : mergeLines) {
            int sp = line.indexOf(' ', 1);
            if (sp < 0 || line.indexOf(' ', sp + 1) >= 0) {
                throw new IllegalArgumentException("merge " + rank + " \"" + line + "\" is not \"left right\"");
            }
            String l = line.substring(0, sp);
            String r = line.substring(sp + 1);
            Integer li = tokenToId.get(l);
            Integer ri = tokenToId.get(r);
            Integer mi = tokenToId.get(l + r);
            if (li == null || ri == null || mi == null) {
                throw new IllegalArgumentException("merge " + rank + " \"" + line + "\": "
                        + (li == null ? l : ri == null ? r : l + r) + " is not in the vocabulary");
            }
            merges.put(li, ri, rank, mi); // a repeated pair keeps its first (best) rank, as in llama.cpp
            rank++;
        }
        this.mergeCount = rank;
        this.addedByFirstChar = indexAdded(addedTokens);
    }

    /** Convenience: every special token is a control token at its id in {@code tokens}. */
    public static BpeTokenizer of(List<String> tokens, List<String> mergeLines, String preTokenizer,
            Collection<String> specialTokens) {
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            ids.put(tokens.get(i), i);
        }
        List<AddedToken> added = new ArrayList<>();
        for (String s : specialTokens) {
            Integer id = ids.get(s);
            if (id == null) {
                throw new IllegalArgumentException("special token \"" + s + "\" is not in the vocabulary");
            }
            added.add(new AddedToken(s, id, true));
        }
        return new BpeTokenizer(tokens, mergeLines, PreTokenizer.byName(preTokenizer), added);
    }

    /** GGUF token_type values (llama.cpp {@code llama_token_type}). */
    public static final int TYPE_NORMAL = 1;
    public static final int TYPE_UNKNOWN = 2;
    public static final int TYPE_CONTROL = 3;
    public static final int TYPE_USER_DEFINED = 4;
    public static final int TYPE_UNUSED = 5;
    public static final int TYPE_BYTE = 6;

    /**
     * From GGUF metadata of a {@code tokenizer.ggml.model = gpt2} vocabulary: {@code tokenizer.ggml.tokens},
     * {@code .merges}, {@code .pre} and {@code .token_type} (may be null: all normal). Control tokens (type 3) are
     * matched when parsing specials, user-defined tokens (type 4) always, as llama.cpp does.
     */
    public static BpeTokenizer fromGguf(List<String> tokens, List<String> mergeLines, String pre, int[] tokenTypes) {
        List<AddedToken> added = new ArrayList<>();
        if (tokenTypes != null) {
            if (tokenTypes.length != tokens.size()) {
                throw new IllegalArgumentException("token_type has " + tokenTypes.length + " entries for "
                        + tokens.size() + " tokens");
            }
            for (int i = 0; i < tokenTypes.length; i++) {
                if ((tokenTypes[i] == TYPE_CONTROL || tokenTypes[i] == TYPE_USER_DEFINED) && !tokens.get(i).isEmpty()) {
                    added.add(new AddedToken(tokens.get(i), i, tokenTypes[i] == TYPE_CONTROL));
                }
            }
        }
        return new BpeTokenizer(tokens, mergeLines, PreTokenizer.byName(pre), added);
    }

    private static AddedToken[][] indexAdded(List<AddedToken> added) {
        AddedToken[][] table = new AddedToken[256][];
        for (AddedToken t : added) {
            int slot = t.text().charAt(0) & 0xFF;
            AddedToken[] old = table[slot];
            AddedToken[] grown = old == null ? new AddedToken[1] : Arrays.copyOf(old, old.length + 1);
            grown[grown.length - 1] = t;
            Arrays.sort(grown, Comparator.comparingInt((AddedToken a) -> a.text().length()).reversed());
            table[slot] = grown;
        }
        return table;
    }

    // ---------------------------------------------------------------- encode

    /** Encodes with special (control) tokens recognized in the text. */
    public int[] encode(String text) {
        return encode(text, true);
    }

    /** Encodes treating control-token text such as {@code <|endoftext|>} as ordinary text. */
    public int[] encodeOrdinary(String text) {
        return encode(text, false);
    }

    public int[] encode(String text, boolean parseSpecial) {
        IntBuffer out = new IntBuffer(Math.max(16, text.length() / 2));
        int segmentStart = 0;
        int i = 0;
        int n = text.length();
        boolean anyAdded = !addedTokens.isEmpty();
        while (anyAdded && i < n) {
            AddedToken match = matchAdded(text, i, parseSpecial);
            if (match == null) {
                i++;
                continue;
            }
            encodePlain(text, segmentStart, i, out);
            out.add(match.id());
            i += match.text().length();
            segmentStart = i;
        }
        encodePlain(text, segmentStart, n, out);
        return out.toArray();
    }

    private AddedToken matchAdded(String text, int at, boolean parseSpecial) {
        AddedToken[] candidates = addedByFirstChar[text.charAt(at) & 0xFF];
        if (candidates == null) {
            return null;
        }
        for (AddedToken t : candidates) {
            if ((parseSpecial || !t.control()) && text.startsWith(t.text(), at)) {
                return t;
            }
        }
        return null;
    }

    private void encodePlain(String text, int from, int to, IntBuffer out) {
        if (from < to) {
            preTokenizer.split(text, from, to, (s, e) -> encodePiece(text, s, e, out));
        }
    }

    private void encodePiece(String text, int start, int end, IntBuffer out) {
        boolean cacheable = end - start <= CACHE_MAX_PIECE_CHARS;
        String key = null;
        if (cacheable) {
            key = text.substring(start, end);
            int[] hit = cache.get(key);
            if (hit != null) {
                out.addAll(hit);
                return;
            }
        }
        int[] ids = encodePieceBytes(Wtf8.encode(text, start, end));
        if (cacheable) {
            if (cache.size() >= CACHE_MAX_ENTRIES) {
                cache.clear(); // crude but bounded; hot pieces re-enter immediately
            }
            cache.put(key, ids);
        }
        out.addAll(ids);
    }

    /** BPE over one pre-token's bytes. Package-private for tests. */
    int[] encodePieceBytes(byte[] bytes) {
        int n = bytes.length;
        if (preTokenizer.ignoreMerges() && n > 1) {
            Integer whole = tokenToId.get(ByteUnicode.encode(bytes));
            if (whole != null) {
                return new int[] {whole};
            }
        }
        int[] sym = new int[n];
        for (int i = 0; i < n; i++) {
            sym[i] = byteToken[bytes[i] & 0xFF];
        }
        if (n == 1) {
            return sym;
        }
        int[] next = new int[n];
        int[] prev = new int[n];
        // rankAt[i] / mergedAt[i]: the merge of the pair (i, next[i]) as it is now (rank -1: none), so a queue entry
        // is checked without a second table lookup
        int[] rankAt = new int[n];
        int[] mergedAt = new int[n];
        LongHeap heap = new LongHeap(n);
        for (int i = 0; i < n; i++) {
            next[i] = i + 1 < n ? i + 1 : -1;
            prev[i] = i - 1;
            rankAt[i] = -1;
            if (i + 1 < n) {
                setPair(i, sym[i], sym[i + 1], rankAt, mergedAt, heap);
            }
        }
        // Min-heap of (rank << 32 | left position): lowest rank first, then leftmost, exactly llama.cpp's and
        // Hugging Face's order. An entry is stale when the pair at its position changed since it was pushed.
        int alive = n;
        while (!heap.isEmpty()) {
            long top = heap.pop();
            int left = (int) top;
            if (rankAt[left] != (int) (top >>> 32)) {
                continue;
            }
            int right = next[left];
            sym[left] = mergedAt[left];
            sym[right] = -1;
            rankAt[right] = -1;
            int after = next[right];
            next[left] = after;
            if (after >= 0) {
                prev[after] = left;
            }
            alive--;
            rankAt[left] = -1;
            if (after >= 0) {
                setPair(left, sym[left], sym[after], rankAt, mergedAt, heap);
            }
            int before = prev[left];
            if (before >= 0) {
                setPair(before, sym[before], sym[left], rankAt, mergedAt, heap);
            }
        }
        int[] result = new int[alive];
        int k = 0;
        for (int i = 0; i >= 0; i = next[i]) {
            result[k++] = sym[i];
        }
        return result;
    }

    /** Records the merge of the pair now at position i (or none) and queues it. */
    private void setPair(int i, int l, int r, int[] rankAt, int[] mergedAt, LongHeap heap) {
        long found = merges.find(l, r);
        if (found < 0) {
            rankAt[i] = -1;
            return;
        }
        int rank = MergeTable.rank(found);
        rankAt[i] = rank;
        mergedAt[i] = MergeTable.merged(found);
        heap.push(((long) rank << 32) | i);
    }

    // ---------------------------------------------------------------- decode

    /** The exact bytes of a token sequence (special tokens as their text). */
    public byte[] decodeBytes(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 4);
        for (int id : ids) {
            out.writeBytes(tokenBytes(id));
        }
        return out.toByteArray();
    }

    /**
     * Decodes a token sequence: the inverse of {@link #encode}. Bytes that are not valid (WTF-)8, which a cut-off
     * sequence can produce, become U+FFFD; stream generated text with {@link #tokenBytes} and decode when complete.
     */
    public String decode(int[] ids) {
        return Wtf8.decode(decodeBytes(ids));
    }

    /** The bytes one token stands for (shared array: do not modify). */
    public byte[] tokenBytes(int id) {
        if (id < 0 || id >= tokenBytes.length) {
            throw new IllegalArgumentException("token id " + id + " outside vocabulary of " + tokenBytes.length);
        }
        return tokenBytes[id];
    }

    // ---------------------------------------------------------------- vocabulary

    public int vocabSize() {
        return tokens.length;
    }

    /** The token's text as stored (byte-level alphabet for normal tokens). */
    public String token(int id) {
        return tokens[id];
    }

    /** Id of a token given in its stored form, or -1. */
    public int id(String token) {
        Integer id = tokenToId.get(token);
        return id == null ? -1 : id;
    }

    public int mergeCount() {
        return mergeCount;
    }

    public PreTokenizer preTokenizer() {
        return preTokenizer;
    }

    public List<AddedToken> addedTokens() {
        return addedTokens;
    }

    /** Growable int array without boxing. */
    static final class IntBuffer {
        private int[] a;
        private int size;

        IntBuffer(int capacity) {
            a = new int[capacity];
        }

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[size++] = v;
        }

        void addAll(int[] vs) {
            if (size + vs.length > a.length) {
                a = Arrays.copyOf(a, Math.max(a.length * 2, size + vs.length));
            }
            System.arraycopy(vs, 0, a, size, vs.length);
            size += vs.length;
        }

        int[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }

    /** Binary min-heap of longs. */
    static final class LongHeap {
        private long[] h;
        private int size;

        LongHeap(int capacity) {
            h = new long[Math.max(4, capacity)];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void push(long v) {
            if (size == h.length) {
                h = Arrays.copyOf(h, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int p = (i - 1) >>> 1;
                if (h[p] <= v) {
                    break;
                }
                h[i] = h[p];
                i = p;
            }
            h[i] = v;
        }

        long pop() {
            long top = h[0];
            long last = h[--size];
            int i = 0;
            while (true) {
                int c = 2 * i + 1;
                if (c >= size) {
                    break;
                }
                if (c + 1 < size && h[c + 1] < h[c]) {
                    c++;
                }
                if (h[c] >= last) {
                    break;
                }
                h[i] = h[c];
                i = c;
            }
            h[i] = last;
            return top;
        }
    }
}

package io.corpusforge.tokenization.bpe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into pre-tokens before byte-level BPE: merges never cross a pre-token boundary. The concatenation of
 * the pieces is always the input (text between regex matches becomes a piece of its own, as Hugging Face's
 * {@code Split(behavior=Isolated)} does), so nothing is ever lost.
 *
 * <p>The patterns are the ones llama.cpp uses for the GGUF {@code tokenizer.ggml.pre} value of the same name
 * (llama-vocab.cpp), which are the tokenizer.json patterns with {@code (?i:'s|...)} spelled out as
 * {@code '[sS]|...}: under Java's Unicode case folding {@code (?i)s} would also match U+017F, which neither
 * tiktoken nor llama.cpp do. They are compiled with {@link Pattern#UNICODE_CHARACTER_CLASS} so that {@code \s}
 * is Unicode White_Space (U+3000 ideographic space, U+00A0, U+0085 ...) as in Rust's regex and llama.cpp.
 *
 * @param name the llama.cpp / GGUF pre-tokenizer name
 * @param regex the pattern source, as written into tokenizer.json
 * @param ignoreMerges llama.cpp's {@code tokenizer_ignore_merges}: a pre-token that is itself a vocabulary entry is
 *     emitted as that one token without running merges (true for llama-bpe, as in Llama 3's tokenizer.json)
 */
public record PreTokenizer(String name, String regex, boolean ignoreMerges, Pattern pattern) {

    private static final String CONTRACTIONS = "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])";

    /** Qwen2 / Qwen2.5 / Qwen3: letters runs, one digit per pre-token, CJK runs stay together. */
    public static final PreTokenizer QWEN2 = of("qwen2", CONTRACTIONS
            + "|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+", false);

    /** Llama 3: like qwen2 but digits in groups of up to three. */
    public static final PreTokenizer LLAMA_BPE = of("llama-bpe", CONTRACTIONS
            + "|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+", true);

    /** The original GPT-2 pattern (also llama.cpp's fallback for gpt2-type vocabularies). */
    public static final PreTokenizer GPT2 = of("gpt2",
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+", false);

    private static final List<PreTokenizer> KNOWN = List.of(QWEN2, LLAMA_BPE, GPT2);

    private static PreTokenizer of(String name, String regex, boolean ignoreMerges) {
        return new PreTokenizer(name, regex, ignoreMerges, Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS));
    }

    /**
     * The pre-tokenizer for a GGUF {@code tokenizer.ggml.pre} value; "llama3" and "llama-v3" are accepted as
     * spellings of "llama-bpe", "default" as "gpt2".
     *
     * @throws IllegalArgumentException for a name this implementation does not know (never a silent fallback:
     *     a wrong split would tokenize differently from llama.cpp)
     */
    public static PreTokenizer byName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "llama3", "llama-v3" -> n = "llama-bpe";
            case "default" -> n = "gpt2";
            default -> { }
        }
        for (PreTokenizer p : KNOWN) {
            if (p.name.equals(n)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unsupported pre-tokenizer \"" + name + "\"; supported: "
                + KNOWN.stream().map(PreTokenizer::name).toList());
    }

    public static List<String> names() {
        return KNOWN.stream().map(PreTokenizer::name).toList();
    }

    /** Receives pre-tokens as {@code [start, end)} ranges of the text. */
    @FunctionalInterface
    public interface PieceSink {
        void piece(int start, int end);
    }

    /** Splits {@code text[from, to)}; every char of the range lands in exactly one piece, in order. */
    public void split(CharSequence text, int from, int to, PieceSink sink) {
        Matcher m = pattern.matcher(text);
        m.region(from, to);
        m.useTransparentBounds(false);
        m.useAnchoringBounds(false);
        int last = from;
        while (m.find()) {
            if (m.start() > last) {
                sink.piece(last, m.start());
            }
            if (m.end() > m.start()) {
                sink.piece(m.start(), m.end());
            }
            last = m.end();
        }
        if (last < to) {
            sink.piece(last, to);
        }
    }

    public List<String> split(String text) {
        List<String> out = new ArrayList<>();
        split(text, 0, text.length(), (s, e) -> out.add(text.substring(s, e)));
        return out;
    }
}

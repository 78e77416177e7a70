package io.corpusforge.tokenization.bpe;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Small byte-level vocabularies built by hand for tests. */
final class TestVocabs {
    private TestVocabs() {}

    /** The 256 byte tokens in byte order (id = byte value). */
    static List<String> byteTokens() {
        List<String> t = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            t.add(String.valueOf(ByteUnicode.charOf(b)));
        }
        return t;
    }

    /** Merges given as "left right" in the alphabet; the vocabulary is bytes + each merge result, then specials. */
    static BpeTokenizer tokenizer(List<String> merges, String pre, List<String> specials) {
        Set<String> vocab = new LinkedHashSet<>(byteTokens());
        for (String m : merges) {
            vocab.add(m.replace(" ", ""));
        }
        vocab.addAll(specials);
        return BpeTokenizer.of(new ArrayList<>(vocab), merges, pre, specials);
    }

    /** Alphabet form of plain text (for writing merges in tests). */
    static String a(String plain) {
        return ByteUnicode.encode(Wtf8.encode(plain));
    }

    /**
     * Merges that build every given word left to right (prefix + next byte), a valid if unusual merge list that
     * exercises multi-byte UTF-8 and overlapping merges.
     */
    static List<String> prefixMerges(List<String> words) {
        Set<String> merges = new LinkedHashSet<>();
        for (String w : words) {
            String s = a(w);
            for (int i = 2; i <= s.length(); i++) {
                merges.add(s.substring(0, i - 1) + " " + s.charAt(i - 1));
            }
        }
        return new ArrayList<>(merges);
    }
}

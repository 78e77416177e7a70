package io.corpusforge.tokenization.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PreTokenizerTest {

    @Test
    void qwen2SplitsDigitsOneByOneAndKeepsChineseRuns() {
        // one leading non-letter (here the full-width comma) joins the letter run after it, as in tiktoken
        assertEquals(List.of("Hello", " world", " ", "1", "2", "3", " 你好", "，世界", "！\n\n", " ", " x"),
                PreTokenizer.QWEN2.split("Hello world 123 你好，世界！\n\n  x"));
    }

    @Test
    void llamaBpeGroupsDigitsByThree() {
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7"), PreTokenizer.QWEN2.split("1234567"));
        assertEquals(List.of("123", "456", "7"), PreTokenizer.LLAMA_BPE.split("1234567"));
    }

    @Test
    void contractionsAreCaseInsensitiveButAsciiOnly() {
        assertEquals(List.of("I", "'m", " OK", "'S"), PreTokenizer.QWEN2.split("I'm OK'S"));
        // U+017F LATIN SMALL LETTER LONG S would case-fold to 's' under Java's (?i); tiktoken does not fold it
        assertEquals(List.of("'ſ"), PreTokenizer.QWEN2.split("'ſ"));
    }

    @Test
    void unicodeWhitespaceIsWhitespace() {
        // U+3000 ideographic space and U+00A0 behave like ASCII space: a run before a word leaves its last char
        assertEquals(List.of("中", "\u3000", "\u3000文"), PreTokenizer.QWEN2.split("中\u3000\u3000文"));
        assertEquals(List.of("a", "\u00A0", "\u00A0b"), PreTokenizer.QWEN2.split("a\u00A0\u00A0b"));
        assertEquals(List.of("a", " \n\n", "b"), PreTokenizer.QWEN2.split("a \n\nb"));
    }

    @Test
    void emojiAndLoneSurrogatesAreKept() {
        String s = "ok😀😀 \uD83Dx\uDE00";
        List<String> pieces = PreTokenizer.QWEN2.split(s);
        assertEquals(s, String.join("", pieces));
        assertEquals(List.of("ok", "😀😀", " \uD83D", "x", "\uDE00"), pieces);
    }

    @Test
    void piecesAlwaysCoverTheInput() {
        java.util.Random r = new java.util.Random(3);
        String alphabet = "ab Z9٣中文，。！？ \t\n\r\u3000\u00A0'😀\uD800\uDC00-_";
        for (PreTokenizer p : List.of(PreTokenizer.QWEN2, PreTokenizer.LLAMA_BPE, PreTokenizer.GPT2)) {
            for (int k = 0; k < 500; k++) {
                StringBuilder sb = new StringBuilder();
                for (int i = r.nextInt(30); i > 0; i--) {
                    sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
                }
                String s = sb.toString();
                assertEquals(s, String.join("", p.split(s)), p.name());
            }
        }
    }

    @Test
    void namesMapAsInLlamaCpp() {
        assertEquals("qwen2", PreTokenizer.byName("qwen2").name());
        assertEquals("llama-bpe", PreTokenizer.byName("llama3").name());
        assertEquals("gpt2", PreTokenizer.byName("default").name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PreTokenizer.byName("falcon"));
        assertEquals(true, e.getMessage().contains("qwen2"));
    }
}

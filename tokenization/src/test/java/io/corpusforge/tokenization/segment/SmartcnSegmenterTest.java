package io.corpusforge.tokenization.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmartcnSegmenterTest {

    @Test
    void wordsAreCutFromTheOriginalText() {
        SmartcnSegmenter seg = new SmartcnSegmenter();
        String text = "我们在北京大学学习ＡＢＣ和Ｌｕｃｅｎｅ １２３。";
        List<String> words = seg.words(text);
        // every word is a substring at increasing positions, and full-width letters survive unchanged
        int from = 0;
        for (String w : words) {
            int at = text.indexOf(w, from);
            assertTrue(at >= 0, w);
            from = at + w.length();
        }
        assertTrue(words.contains("我们"), words.toString());
        assertTrue(words.stream().anyMatch(w -> w.contains("Ｌｕｃｅｎｅ") || w.contains("Ｌ")), words.toString());
        assertFalse(words.stream().anyMatch(w -> w.contains("lucene")), "no lower-cased term text");
    }

    @Test
    void instanceIsReusableAndHandlesEmptyText() {
        SmartcnSegmenter seg = new SmartcnSegmenter();
        assertEquals(List.of(), seg.words(""));
        assertEquals(List.of(), seg.words("   "));
        assertEquals(seg.words("今天天气很好"), seg.words("今天天气很好"));
    }

    @Test
    void punctuationIsNotLexical() {
        assertFalse(SmartcnSegmenter.isLexical("，"));
        assertFalse(SmartcnSegmenter.isLexical("……"));
        assertTrue(SmartcnSegmenter.isLexical("中国"));
        assertTrue(SmartcnSegmenter.isLexical("１２"));
    }
}

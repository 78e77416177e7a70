package io.corpusforge.tokenization.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ByteUnicodeAndWtf8Test {

    @Test
    void alphabetIsGpt2s() {
        Set<Character> seen = new HashSet<>();
        for (int b = 0; b < 256; b++) {
            char c = ByteUnicode.charOf(b);
            assertTrue(seen.add(c), "distinct");
            assertEquals(b, ByteUnicode.byteOf(c));
        }
        assertEquals('\u0120', ByteUnicode.charOf(' ')); // "Ġ"
        assertEquals('\u010A', ByteUnicode.charOf('\n')); // "Ċ"
        assertEquals('\u0100', ByteUnicode.charOf(0)); // "Ā"
        assertEquals('!', ByteUnicode.charOf('!'));
        assertEquals('\u0143', ByteUnicode.charOf(0xAD)); // soft hyphen byte, the last remapped one
        assertEquals("ä½łå¥½", ByteUnicode.encode("你好".getBytes(StandardCharsets.UTF_8)));
        assertEquals(-1, ByteUnicode.byteOf('你'));
        assertThrows(IllegalArgumentException.class, () -> ByteUnicode.decode("a你"));
    }

    @Test
    void wellFormedTextIsPlainUtf8() {
        String s = "Hello, 世界 😀 \u00e9\u0301 \uFFFF";
        assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), Wtf8.encode(s));
        assertEquals(s, Wtf8.decode(Wtf8.encode(s)));
        assertFalse(Wtf8.hasLoneSurrogate(s));
    }

    @Test
    void loneSurrogatesRoundTrip() {
        for (String s : new String[] {"\uD83D", "a\uDE00b", "\uDE00\uD83D", "x\uD83D\uD83D\uDE00", "\uDBFF"}) {
            assertTrue(Wtf8.hasLoneSurrogate(s), s);
            assertEquals(s, Wtf8.decode(Wtf8.encode(s)));
        }
        assertArrayEquals(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0xBD}, Wtf8.encode("\uD83D"));
    }

    @Test
    void invalidBytesBecomeReplacementCharacters() {
        assertEquals("a\uFFFDb", Wtf8.decode(new byte[] {'a', (byte) 0xFF, 'b'}));
        // truncated 4-byte sequence: one U+FFFD for the maximal subpart, then the ASCII byte
        assertEquals("\uFFFDz", Wtf8.decode(new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, 'z'}));
        assertEquals("\uFFFD\uFFFD", Wtf8.decode(new byte[] {(byte) 0xC0, (byte) 0x80})); // overlong
        assertEquals("\uFFFD", Wtf8.decode(new byte[] {(byte) 0xE4, (byte) 0xBD})); // cut at the end
    }

    @Test
    void randomStringsRoundTrip() {
        Random r = new Random(7);
        for (int k = 0; k < 2000; k++) {
            char[] cs = new char[r.nextInt(12)];
            for (int i = 0; i < cs.length; i++) {
                cs[i] = (char) r.nextInt(0x10000);
            }
            String s = new String(cs);
            assertEquals(s, Wtf8.decode(Wtf8.encode(s)));
        }
    }
}

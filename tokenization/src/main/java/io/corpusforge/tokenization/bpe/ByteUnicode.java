package io.corpusforge.tokenization.bpe;

/**
 * The GPT-2 byte-to-unicode alphabet: every byte value is shown as one printable character so that byte-level
 * BPE tokens and merges can be stored as text (vocab.json, merges.txt, tokenizer.json, GGUF
 * {@code tokenizer.ggml.tokens}). Printable Latin-1 bytes map to themselves; the other 68 bytes map to U+0100.. in
 * byte order, exactly as {@code bytes_to_unicode()} in GPT-2's encoder.py.
 */
public final class ByteUnicode {
    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[512];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) next++;
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteUnicode() {}

    /** The alphabet character standing for byte {@code b} (0..255, or any byte value). */
    public static char charOf(int b) {
        return BYTE_TO_CHAR[b & 0xFF];
    }

    /** The byte (0..255) that {@code c} stands for, or -1 when {@code c} is not in the alphabet. */
    public static int byteOf(char c) {
        return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
    }

    /** Bytes shown in the alphabet, one character per byte. */
    public static String encode(byte[] bytes, int from, int to) {
        char[] out = new char[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        }
        return new String(out);
    }

    public static String encode(byte[] bytes) {
        return encode(bytes, 0, bytes.length);
    }

    /** True when every character of {@code s} belongs to the alphabet. */
    public static boolean isAlphabetText(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (byteOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The bytes an alphabet string stands for.
     *
     * @throws IllegalArgumentException when a character is outside the alphabet
     */
    public static byte[] decode(String s) {
        byte[] out = new byte[s.length()];
        for (int i = 0; i < s.length(); i++) {
            int b = byteOf(s.charAt(i));
            if (b < 0) {
                throw new IllegalArgumentException("character U+%04X at %d of \"%s\" is not in the byte-level alphabet"
                        .formatted((int) s.charAt(i), i, s));
            }
            out[i] = (byte) b;
        }
        return out;
    }
}

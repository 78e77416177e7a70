package io.corpusforge.tokenization.bpe;

/**
 * UTF-8 extended to unpaired surrogates (WTF-8, https://simonsapin.github.io/wtf-8/), so that every Java string,
 * including one with a lone surrogate, has an exact byte form and comes back unchanged.
 *
 * <p>Why: a Java {@link String} may hold a lone UTF-16 surrogate (a cut emoji, bad input). Standard UTF-8 cannot
 * represent it ({@link String#getBytes} silently writes {@code ?}), which would break
 * {@code decode(encode(s)) == s}. A lone surrogate U+D800..U+DFFF is written as its three-byte generalized UTF-8 form
 * {@code ED A0..BF 80..BF}; well-formed text is byte-for-byte standard UTF-8. Other tokenizers (Hugging Face,
 * llama.cpp) see those three bytes as invalid UTF-8 and show U+FFFD, which is the only place where they can
 * disagree with us.
 *
 * <p>Decoding is strict: any byte sequence that is neither UTF-8 nor a WTF-8 lone surrogate becomes one U+FFFD per
 * maximal ill-formed subpart (the Unicode "substitution of maximal subparts" practice), so decoding a partial token
 * sequence never throws.
 */
public final class Wtf8 {
    private Wtf8() {}

    public static byte[] encode(CharSequence s) {
        return encode(s, 0, s.length());
    }

    public static byte[] encode(CharSequence s, int from, int to) {
        byte[] out = new byte[(to - from) * 3]; // a char takes at most 3 bytes; a pair (2 chars) takes 4
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[n++] = (byte) c;
            } else if (c < 0x800) {
                out[n++] = (byte) (0xC0 | (c >> 6));
                out[n++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[n++] = (byte) (0xF0 | (cp >> 18));
                out[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[n++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                // BMP character or lone surrogate: same three-byte shape.
                out[n++] = (byte) (0xE0 | (c >> 12));
                out[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** True when {@code s} holds an unpaired surrogate (its WTF-8 form is not valid UTF-8). */
    public static boolean hasLoneSurrogate(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    public static String decode(byte[] b) {
        return decode(b, 0, b.length);
    }

    public static String decode(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            int b0 = b[i] & 0xFF;
            if (b0 < 0x80) {
                sb.append((char) b0);
                i++;
                continue;
            }
            int need;
            int cp;
            int lo = 0x80;
            int hi = 0xBF;
            if (b0 >= 0xC2 && b0 <= 0xDF) {
                need = 1;
                cp = b0 & 0x1F;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                need = 2;
                cp = b0 & 0x0F;
                if (b0 == 0xE0) {
                    lo = 0xA0; // no overlong forms; ED A0..BF stays allowed: that is the lone-surrogate extension
                }
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                need = 3;
                cp = b0 & 0x07;
                if (b0 == 0xF0) {
                    lo = 0x90;
                } else if (b0 == 0xF4) {
                    hi = 0x8F;
                }
            } else {
                sb.append('\uFFFD');
                i++;
                continue;
            }
            int j = i + 1;
            boolean ok = true;
            for (int k = 0; k < need; k++, j++) {
                int bk = j < to ? b[j] & 0xFF : -1;
                int min = k == 0 ? lo : 0x80;
                int max = k == 0 ? hi : 0xBF;
                if (bk < min || bk > max) {
                    ok = false;
                    break;
                }
                cp = (cp << 6) | (bk & 0x3F);
            }
            if (!ok) {
                sb.append('\uFFFD');
                i = j; // maximal subpart: the lead byte plus the continuation bytes that were valid
                continue;
            }
            sb.appendCodePoint(cp);
            i = j;
        }
        return sb.toString();
    }
}

package io.corpusforge.tokenization.bpe;

/**
 * Ranked merges as an open-addressing hash table from a token-id pair to (rank, merged id), with primitive keys:
 * the encoder's inner loop looks pairs up millions of times per second and must not box. Key and value share one
 * long[] (slot i at 2i and 2i+1), so a lookup touches one cache line.
 */
final class MergeTable {
    private static final long EMPTY = -1L;
    private final long[] table; // [key, rank << 32 | merged id] per slot
    private final int mask;
    private int size;

    MergeTable(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        table = new long[cap * 2];
        for (int i = 0; i < table.length; i += 2) {
            table[i] = EMPTY;
        }
        mask = cap - 1;
    }

    static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29)) & mask;
    }

    /** Adds a merge; returns false when the pair already has a (better) rank. */
    boolean put(int left, int right, int rank, int mergedId) {
        long k = key(left, right);
        int i = slot(k, mask);
        while (table[2 * i] != EMPTY) {
            if (table[2 * i] == k) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[2 * i] = k;
        table[2 * i + 1] = ((long) rank << 32) | (mergedId & 0xFFFFFFFFL);
        size++;
        return true;
    }

    /** The pair's (rank << 32 | merged id), or -1 when the pair is not a merge. */
    long find(int left, int right) {
        long k = key(left, right);
        int i = slot(k, mask);
        while (true) {
            long at = table[2 * i];
            if (at == k) {
                return table[2 * i + 1];
            }
            if (at == EMPTY) {
                return -1L;
            }
            i = (i + 1) & mask;
        }
    }

    static int rank(long found) {
        return (int) (found >>> 32);
    }

    static int merged(long found) {
        return (int) found;
    }

    int size() {
        return size;
    }
}

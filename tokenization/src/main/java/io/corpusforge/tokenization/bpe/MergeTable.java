package io.corpusforge.tokenization.bpe;

import java.util.Arrays;

/**
 * Ranked merges as an open-addressing hash table from a token-id pair to (rank, merged id), with primitive keys:
 * the encoder's inner loop looks pairs up millions of times per second and must not box.
 */
final class MergeTable {
    private static final long EMPTY = -1L;
    private final long[] keys;
    private final int[] ranks;
    private final int[] merged;
    private final int mask;
    private int size;

    MergeTable(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new long[cap];
        Arrays.fill(keys, EMPTY);
        ranks = new int[cap];
        merged = new int[cap];
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
        while (keys[i] != EMPTY) {
            if (keys[i] == k) {
                return false;
            }
            i = (i + 1) & mask;
        }
        keys[i] = k;
        ranks[i] = rank;
        merged[i] = mergedId;
        size++;
        return true;
    }

    /** Index of the pair's slot, or -1 when the pair is not a merge. */
    int find(int left, int right) {
        long k = key(left, right);
        int i = slot(k, mask);
        while (true) {
            long at = keys[i];
            if (at == k) {
                return i;
            }
            if (at == EMPTY) {
                return -1;
            }
            i = (i + 1) & mask;
        }
    }

    int rankAt(int slot) {
        return ranks[slot];
    }

    int mergedAt(int slot) {
        return merged[slot];
    }

    int size() {
        return size;
    }
}

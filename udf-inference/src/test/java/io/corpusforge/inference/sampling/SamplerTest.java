package io.corpusforge.inference.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corpusforge.inference.SamplingParams;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplerTest {
  static SamplingParams sampling(double t, int topK, double topP, double minP, double rep, double presence) {
    return new SamplingParams(t, topK, topP, minP, rep, presence, 10, List.of());
  }

  @Test
  void greedyIsArgmaxWithLowestIndexOnTies() {
    Sampler s = new Sampler(SamplingParams.greedy(5), 1);
    assertEquals(2, s.next(new float[] {0, 1, 3, 3, -1}, new int[0], 0));
  }

  @Test
  void onlyPlainGreedyMayBeTakenAsTheArgmaxOfRawLogits() {
    float[] logits = {0, 1, 3, 3, -1};
    int[] history = {2, 2, 3};
    Sampler plain = new Sampler(sampling(0, 40, 0.9, 0.05, 1, 0), 1);
    assertTrue(plain.isArgmaxOfRawLogits());
    assertEquals(Sampler.argmax(logits), plain.next(logits.clone(), history, 3));
    // penalties alter the logits before the argmax: the choice can differ, so these need the logits on the host
    Sampler repetition = new Sampler(sampling(0, 0, 1, 0, 4, 0), 1);
    Sampler presence = new Sampler(sampling(0, 0, 1, 0, 1, 5), 1);
    assertTrue(!repetition.isArgmaxOfRawLogits() && !presence.isArgmaxOfRawLogits());
    assertEquals(1, repetition.next(logits.clone(), history, 3));
    assertEquals(1, presence.next(logits.clone(), history, 3));
    assertTrue(!new Sampler(sampling(0.7, 0, 1, 0, 1, 0), 1).isArgmaxOfRawLogits());
  }

  @Test
  void sameSeedSameChoicesDifferentSeedDifferentChoices() {
    float[] logits = new float[50];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = (float) Math.sin(i);
    }
    int[] a = draw(sampling(1.0, 0, 1, 0, 1, 0), 7, logits, 40);
    int[] b = draw(sampling(1.0, 0, 1, 0, 1, 0), 7, logits, 40);
    int[] c = draw(sampling(1.0, 0, 1, 0, 1, 0), 8, logits, 40);
    assertArrayEquals(a, b);
    assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(c));
  }

  static int[] draw(SamplingParams p, long seed, float[] logits, int n) {
    Sampler s = new Sampler(p, seed);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = s.next(logits.clone(), new int[0], 0);
    }
    return out;
  }

  @Test
  void temperatureOneSamplesTheSoftmax() {
    float[] logits = {0f, (float) Math.log(3)};
    int[] picks = draw(sampling(1.0, 0, 1, 0, 1, 0), 3, logits, 20000);
    double ones = java.util.Arrays.stream(picks).filter(x -> x == 1).count() / 20000.0;
    assertEquals(0.75, ones, 0.02);
  }

  @Test
  void topKOneIsGreedyAndFiltersCut() {
    float[] logits = {1f, 5f, 4.9f, 0f};
    for (int p : draw(sampling(2.0, 1, 1, 0, 1, 0), 1, logits, 200)) {
      assertEquals(1, p);
    }
    // top-p 0.5: the first candidate alone already holds over half of the mass
    for (int p : draw(sampling(1.0, 0, 0.5, 0, 1, 0), 1, new float[] {0f, 3f, 0f}, 200)) {
      assertEquals(1, p);
    }
    // min-p 0.5 keeps tokens with at least half the top probability: here 1 and 2, never 0 or 3
    int[] picks = draw(sampling(1.0, 0, 1, 0.5, 1, 0), 1, logits, 500);
    assertTrue(java.util.Arrays.stream(picks).allMatch(x -> x == 1 || x == 2));
    assertTrue(java.util.Arrays.stream(picks).anyMatch(x -> x == 2));
  }

  @Test
  void penaltiesLowerTokensSeenInTheLastWindow() {
    float[] logits = {2f, 1.9f, -1f};
    int[] history = {0, 0, 2};
    assertEquals(1, new Sampler(sampling(0, 0, 1, 0, 1.1, 0), 1).next(logits.clone(), history, 3));
    assertEquals(1, new Sampler(sampling(0, 0, 1, 0, 1, 0.2), 1).next(logits.clone(), history, 3));
    float[] l = logits.clone();
    new Sampler(sampling(0, 0, 1, 0, 2.0, 0.5), 1).applyPenalties(l, history, 3);
    assertArrayEquals(new float[] {0.5f, 1.9f, -2.5f}, l); // 2/2-0.5, untouched, -1*2-0.5
    // only the last PENALTY_WINDOW tokens count
    int[] longHistory = new int[Sampler.PENALTY_WINDOW + 1];
    java.util.Arrays.fill(longHistory, 2);
    longHistory[0] = 0;
    assertEquals(0, new Sampler(sampling(0, 0, 1, 0, 1.1, 0), 1).next(logits.clone(), longHistory,
        longHistory.length));
  }

  @Test
  void topIndicesAreSortedAndComplete() {
    float[] logits = {3, 1, 4, 1, 5, 9, 2, 6};
    assertArrayEquals(new int[] {5, 7, 4}, Sampler.topIndices(logits, 3));
    assertArrayEquals(new int[] {5, 7, 4, 2, 0, 6, 1, 3}, Sampler.topIndices(logits, 8));
  }
}

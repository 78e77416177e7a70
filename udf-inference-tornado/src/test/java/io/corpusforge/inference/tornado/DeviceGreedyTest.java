package io.corpusforge.inference.tornado;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.corpusforge.inference.backend.Backend;
import io.corpusforge.inference.backend.SequenceStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Greedy continuations on the device equal the CPU backend's, for one sequence alone and for 16 sequences of
 * different prompt lengths advanced together (all prompts in one step, then one token each per step); and the
 * device's logits for a sequence are bit-identical alone and in the batch (fixed reduction order per row).
 */
class DeviceGreedyTest {
  static final int SEQS = 16;
  static final int NEW_TOKENS = 12;

  @ParameterizedTest
  @ValueSource(strings = {"llama-spm-f32", "llama-bpe-q8_0", "qwen2-q4_0", "qwen3-f16"})
  void greedyAloneAndInABatchOf16MatchesTheCpu(String model) {
    DeviceFixture.assumeSelected(model);
    try (DeviceFixture f = DeviceFixture.fixture(model, SEQS, 64)) {
      int[][] prompts = new int[SEQS][];
      for (int s = 0; s < SEQS; s++) {
        prompts[s] = Arrays.copyOfRange(DeviceParityTest.prompt(f.spec.vocabSize(), 40), s % 5, s % 5 + 3 + s);
      }
      Run cpu = batch(f.cpu, prompts, null);
      Run device = batch(f.device, prompts, null);
      Run deviceGreedy = batch(f.device, prompts, f.device);
      for (int s = 0; s < SEQS; s++) {
        assertArrayEquals(cpu.tokens[s], device.tokens[s], model + " seq " + s + ": device batch vs cpu batch");
        assertArrayEquals(device.tokens[s], deviceGreedy.tokens[s], model + " seq " + s + ": device argmax");
      }
      for (int s : new int[] {0, 7, 15}) {
        Run alone = batch(f.device, new int[][] {prompts[s]}, null);
        assertArrayEquals(device.tokens[s], alone.tokens[0], model + " seq " + s + ": alone vs batch");
        for (int i = 0; i < alone.logits.get(0).size(); i++) {
          assertArrayEquals(device.logits.get(s).get(i), alone.logits.get(0).get(i),
              model + " seq " + s + " step " + i + ": logits alone and in the batch must be bit-identical");
        }
      }
      System.out.printf("greedy %s: %d sequences x %d tokens identical to the CPU backend, alone = batched "
          + "(bit-identical logits)%n", model, SEQS, NEW_TOKENS);
    }
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(io.corpusforge.inference.backend.KvType.class)
  void aPrefixCopiedOnTheDeviceGivesTheLogitsOfComputingIt(io.corpusforge.inference.backend.KvType kv) {
    String model = "llama-bpe-q8_0";
    DeviceFixture.assumeSelected(model);
    try (DeviceFixture f = new DeviceFixture(DeviceFixture.FIXTURES.resolve(model + ".gguf"), 3, 64, kv)) {
      int[] prompt = DeviceParityTest.prompt(f.spec.vocabSize(), 20);
      int[] tail = Arrays.copyOfRange(prompt, 12, 20);
      float[][] direct = f.device.step(List.of(new SequenceStep(2, 0, prompt, true))).get(0);
      f.device.step(List.of(new SequenceStep(0, 0, Arrays.copyOf(prompt, 12), false)));
      f.device.copyPrefix(0, 1, 12);
      float[][] copied = f.device.step(List.of(new SequenceStep(1, 12, tail, true))).get(0);
      for (int i = 0; i < tail.length; i++) {
        assertArrayEquals(direct[12 + i], copied[i], "position " + (12 + i));
      }
      System.out.println("prefix copy on the device (" + kv + " KV cache): 12 positions copied slot 0 -> 1, the 8 "
          + "following logits bit-identical to computing all 20");
    }
  }

  @org.junit.jupiter.api.Test
  void aStepMixingGreedyAndLogitRowsGivesEachWhatItAsked() {
    String model = "qwen2-q4_0";
    DeviceFixture.assumeSelected(model);
    try (DeviceFixture f = DeviceFixture.fixture(model, SEQS, 64)) {
      int[] prompt = DeviceParityTest.prompt(f.spec.vocabSize(), 40);
      List<SequenceStep> steps = new ArrayList<>();
      boolean[] greedy = new boolean[SEQS];
      int logitRows = 0;
      for (int s = 0; s < SEQS; s++) {
        // every third step greedy; one step wants all its rows
        steps.add(new SequenceStep(s, 0, Arrays.copyOfRange(prompt, s, s + 2 + s % 7), s == 5));
        greedy[s] = s % 3 == 0;
        logitRows += greedy[s] ? 0 : steps.get(s).logitRows();
      }
      List<float[][]> all = f.device.step(steps);
      long before = f.device.logitRowsCopied();
      List<io.corpusforge.inference.backend.StepResult> mixed = f.device.step(steps, greedy);
      assertEquals(logitRows, f.device.logitRowsCopied() - before, "logit rows copied back");
      List<io.corpusforge.inference.backend.StepResult> onCpu = f.cpu.step(steps, greedy);
      for (int s = 0; s < SEQS; s++) {
        float[][] rows = all.get(s);
        if (greedy[s]) {
          assertEquals(io.corpusforge.inference.sampling.Sampler.argmax(rows[rows.length - 1]),
              mixed.get(s).greedyToken(), "step " + s + ": device argmax");
          assertEquals(onCpu.get(s).greedyToken(), mixed.get(s).greedyToken(), "step " + s + ": cpu's choice");
        } else {
          assertEquals(rows.length, mixed.get(s).logits().length);
          for (int r = 0; r < rows.length; r++) {
            assertArrayEquals(rows[r], mixed.get(s).logits()[r], "step " + s + " row " + r);
          }
        }
      }
      System.out.println("mixed step on the device: " + SEQS + " steps, greedy ids = host argmax = the CPU's choice, "
          + logitRows + " logit rows copied back bit-identical to a logits-only step");
    }
  }

  record Run(int[][] tokens, List<List<float[]>> logits) {}

  /** All prompts in one step, then one token per sequence per step; greedy via {@code argmaxOn} when given. */
  static Run batch(Backend b, int[][] prompts, TornadoBackend argmaxOn) {
    int n = prompts.length;
    int[][] out = new int[n][NEW_TOKENS];
    List<List<float[]>> logits = new ArrayList<>();
    int[] next = new int[n];
    List<SequenceStep> steps = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      steps.add(new SequenceStep(s, 0, prompts[s], false));
      logits.add(new ArrayList<>());
    }
    for (int i = 0; i < NEW_TOKENS; i++) {
      if (argmaxOn != null) {
        next = argmaxOn.greedy(steps);
      } else {
        List<float[][]> l = b.step(steps);
        for (int s = 0; s < n; s++) {
          next[s] = DeviceParityTest.argmax(l.get(s)[0]);
          logits.get(s).add(l.get(s)[0]);
        }
      }
      steps.clear();
      for (int s = 0; s < n; s++) {
        out[s][i] = next[s];
        steps.add(new SequenceStep(s, prompts[s].length + i, new int[] {next[s]}, false));
      }
    }
    assertEquals(n, out.length);
    return new Run(out, logits);
  }
}

package io.corpusforge.jobs.generate.summary;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * TextRank sentence scores (Mihalcea and Tarau, 2004): a graph whose nodes are sentences and whose edge weights are
 * the word overlap normalised by sentence length, {@code |Si ∩ Sj| / (log|Si| + log|Sj|)}, ranked by weighted
 * PageRank. Pure: the same word lists give the same scores.
 */
public final class TextRank {
  private final double damping;
  private final int maxIterations;
  private final double tolerance;

  public TextRank(double damping, int maxIterations, double tolerance) {
    if (damping <= 0 || damping >= 1) {
      throw new IllegalArgumentException("damping must be in (0,1), got " + damping);
    }
    this.damping = damping;
    this.maxIterations = maxIterations;
    this.tolerance = tolerance;
  }

  /** The parameters, as hashed into the output's template_hash for extractive summaries. */
  @Override
  public String toString() {
    return "TextRank(damping=" + damping + ", maxIterations=" + maxIterations + ", tolerance=" + tolerance + ")";
  }

  /** The score of a sentence that shares no word with any other: only the teleport share. */
  public double isolatedScore() {
    return 1 - damping;
  }

  /** One score per sentence, each sentence given as its content words. */
  public double[] scores(List<List<String>> sentences) {
    int n = sentences.size();
    double[][] w = similarity(sentences);
    double[] outSum = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        outSum[i] += w[i][j];
      }
    }
    double[] score = new double[n];
    java.util.Arrays.fill(score, 1.0);
    for (int it = 0; it < maxIterations; it++) {
      double[] next = new double[n];
      double delta = 0;
      for (int i = 0; i < n; i++) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
          if (w[j][i] > 0) {
            sum += w[j][i] / outSum[j] * score[j];
          }
        }
        next[i] = (1 - damping) + damping * sum;
        delta = Math.max(delta, Math.abs(next[i] - score[i]));
      }
      score = next;
      if (delta < tolerance) {
        break;
      }
    }
    return score;
  }

  static double[][] similarity(List<List<String>> sentences) {
    int n = sentences.size();
    List<Set<String>> sets = sentences.stream().map(s -> (Set<String>) new HashSet<>(s)).toList();
    double[][] w = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        w[i][j] = w[j][i] = similarity(sets.get(i), sets.get(j));
      }
    }
    return w;
  }

  /** The TextRank edge weight of two sentences given as word sets; 0 when they share nothing. */
  static double similarity(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    int common = 0;
    for (String word : a) {
      if (b.contains(word)) {
        common++;
      }
    }
    if (common == 0) {
      return 0;
    }
    double norm = Math.log(a.size()) + Math.log(b.size());
    // two one-word sentences have log 1 + log 1 = 0: the overlap itself is the weight then
    return norm > 0 ? common / norm : common;
  }
}

package io.corpusforge.clean;

import java.util.List;
import java.util.Map;

/**
 * The fate of one document after the chain: kept with its cleaned text, or rejected by the rule named in
 * {@code reason} with the measured {@code value}. {@code counters} hold per-rule counts ({@code rule.key}) for the
 * report; {@code qualityScore} (kept only) is the share of the normalized text's characters that survived the line
 * and content rules times the Han share of the result — the dedup job prefers higher scores.
 */
public record CleanOutcome(
    boolean kept,
    String text,
    List<String> editedBy,
    String reason,
    double value,
    String detail,
    double qualityScore,
    Map<String, Long> counters) {}

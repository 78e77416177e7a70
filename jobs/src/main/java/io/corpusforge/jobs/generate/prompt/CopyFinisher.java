package io.corpusforge.jobs.generate.prompt;

import io.corpusforge.jobs.generate.check.CopyChecks;
import io.corpusforge.jobs.generate.text.LengthCut;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * From raw model output to the copy that is written: shape it ({@link CopySpec.Shape}), check it, decide whether it
 * deserves the one regeneration, then enforce the length rules and the check policy. Pure: testable without a model.
 */
public final class CopyFinisher {
  private static final Pattern BULLET =
      Pattern.compile("^\\s*(?:[-*•·●▪◆★]|\\d{1,2}\\s*[.、)）:：]|[（(]\\d{1,2}[)）]|[①-⑩]|卖点\\s*\\d{0,2}\\s*[:：])\\s*");
  private static final String QUOTES = "\"'“”‘’「」『』《》【】";

  private final CopySpec spec;
  private final CopyChecks checks;
  private final CopyChecks.Policy checkPolicy;

  public CopyFinisher(CopySpec spec, CopyChecks checks, CopyChecks.Policy checkPolicy) {
    this.spec = spec;
    this.checks = checks;
    this.checkPolicy = checkPolicy;
  }

  /** Shaped output with what is wrong with it, before any cut or redaction. */
  public record Draft(List<String> items, List<String> lengthProblems, List<String> checkFlags) {
    public String text() {
      return String.join("\n", items);
    }
  }

  /** The copy as written, and its flags. */
  public record Final(String text, List<String> flags) {}

  public Draft draft(String raw) {
    List<String> items = shape(raw == null ? "" : raw);
    List<String> length = new ArrayList<>();
    if (spec.shape() == CopySpec.Shape.LIST) {
      if (items.size() < spec.minItems()) {
        length.add("too-few-items");
      } else if (items.size() > spec.maxItems()) {
        length.add("too-many-items");
      }
    }
    for (String item : items) {
      int n = LengthCut.length(item);
      if (n > spec.maxChars() && !length.contains("too-long")) {
        length.add("too-long");
      }
      if (n < spec.minChars() && !length.contains("too-short")) {
        length.add("too-short");
      }
    }
    String text = String.join("\n", items);
    return new Draft(items, length, checks.flags(text));
  }

  /** Whether this draft should be generated once more (the caller does it at most once per row). */
  public boolean wantsRegeneration(Draft d) {
    return (spec.lengthPolicy() == CopySpec.LengthPolicy.REGENERATE && !d.lengthProblems().isEmpty())
        || (checkPolicy == CopyChecks.Policy.REGENERATE && !d.checkFlags().isEmpty());
  }

  public Final finish(Draft d, boolean regenerated) {
    LinkedHashSet<String> flags = new LinkedHashSet<>(d.checkFlags());
    if (regenerated) {
      flags.add("regenerated");
    }
    List<String> items = new ArrayList<>(d.items());
    if (spec.shape() == CopySpec.Shape.LIST && items.size() > spec.maxItems()) {
      items = new ArrayList<>(items.subList(0, spec.maxItems()));
      flags.add("items-dropped");
    }
    if (spec.shape() == CopySpec.Shape.LIST && items.size() < spec.minItems()) {
      flags.add("too-few-items");
    }
    for (int i = 0; i < items.size(); i++) {
      LengthCut.Cut cut = LengthCut.cut(items.get(i), spec.maxChars());
      if (cut.boundary() != LengthCut.Boundary.NONE) {
        flags.add("cut:" + cut.boundary().name().toLowerCase(java.util.Locale.ROOT));
      }
      items.set(i, cut.text());
      if (LengthCut.length(cut.text()) < spec.minChars()) {
        flags.add("too-short");
      }
    }
    String text = String.join("\n", items);
    if (checkPolicy == CopyChecks.Policy.REDACT && !d.checkFlags().isEmpty()) {
      String redacted = checks.redact(text);
      if (!redacted.equals(text)) {
        text = redacted;
        flags.add("redacted");
      }
    }
    return new Final(text, List.copyOf(flags));
  }

  List<String> shape(String raw) {
    String s = raw.replace("\r\n", "\n").strip();
    List<String> lines = new ArrayList<>();
    for (String line : s.split("\n")) {
      if (!line.isBlank()) {
        lines.add(line.strip());
      }
    }
    switch (spec.shape()) {
      case LINE -> {
        return lines.isEmpty() ? List.of() : List.of(stripTitle(lines.get(0)));
      }
      case LIST -> {
        List<String> items = new ArrayList<>();
        for (String line : lines) {
          String item = BULLET.matcher(line).replaceFirst("").strip();
          if (!item.isEmpty() && !items.contains(item)) {
            items.add(item);
          }
        }
        return items;
      }
      default -> {
        return s.isEmpty() ? List.of() : List.of(s.replaceAll("\n{3,}", "\n\n"));
      }
    }
  }

  private static String stripTitle(String line) {
    String t = line.strip();
    while (t.length() >= 2 && QUOTES.indexOf(t.charAt(0)) >= 0 && QUOTES.indexOf(t.charAt(t.length() - 1)) >= 0) {
      t = t.substring(1, t.length() - 1).strip();
    }
    while (!t.isEmpty() && "。.!！".indexOf(t.charAt(t.length() - 1)) >= 0) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }
}

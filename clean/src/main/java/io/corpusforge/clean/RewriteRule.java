package io.corpusforge.clean;

/** Adapts a {@link TextRewrite} to a {@link Rule}: an edit when the text changed, a keep otherwise. */
public record RewriteRule(String name, TextRewrite rewrite) implements Rule {
  @Override
  public RuleResult apply(String text) {
    return RuleResult.editedOrKeep(text, rewrite.rewrite(text));
  }
}

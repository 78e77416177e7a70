package io.corpusforge.clean;

/**
 * Site boilerplate found by recurrence, not by lists (CCNet's line hashing): the job counts, per source (the url's
 * domain, else the input file), in how many documents each line occurs, and passes the lines that occur in at
 * least {@code clean.site-boilerplate.min-docs} documents to every document of that source as
 * {@link DocContext#frequentLineHashes}. This rule removes those lines. Without a context (the chain run alone)
 * it removes nothing.
 */
public final class SiteBoilerplateRule extends LineDropRule {
  public SiteBoilerplateRule(String name) {
    super(name);
  }

  @Override
  protected void mark(String[] lines, boolean[] drop, DocContext context) {
    if (context.frequentLineHashes().length == 0) {
      return;
    }
    for (int i = 0; i < lines.length; i++) {
      drop[i] = !lines[i].isEmpty() && context.isFrequent(LineHash.of(lines[i]));
    }
  }
}

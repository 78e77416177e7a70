package io.corpusforge.clean;

import java.io.Serializable;

/**
 * One cleaning step, in the spirit of a DataTrove filter or a Lucene token filter: it looks at a document's
 * current text and keeps it, edits it, or drops it with a measured value. Rules are pure and stateless, so a chain
 * built on the driver can be shipped to executors as is.
 */
public interface Rule extends Serializable {
  /** Stable name: the reason string of the rows it rejects and the key of its counters in the report. */
  String name();

  RuleResult apply(String text);

  /** With what the job knows about the document beyond its text; most rules need only the text. */
  default RuleResult apply(String text, DocContext context) {
    return apply(text);
  }
}

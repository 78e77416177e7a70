package io.corpusforge.jobs.vocab;

import java.text.Normalizer;

/** The one text transformation applied before counting and evaluation (so both see the same text). */
public final class TextPreparation {
  private TextPreparation() {}

  public static String prepare(String text, boolean nfc) {
    if (text == null) {
      return null;
    }
    return nfc && !Normalizer.isNormalized(text, Normalizer.Form.NFC)
        ? Normalizer.normalize(text, Normalizer.Form.NFC)
        : text;
  }
}

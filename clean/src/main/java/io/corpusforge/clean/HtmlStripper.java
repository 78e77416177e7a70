package io.corpusforge.clean;

import java.util.regex.Pattern;

/**
 * Turns an HTML page or fragment into text: script/style/comment bodies and the page chrome HTML5 marks as such
 * ({@code <nav>}, {@code <aside>}, {@code <footer>}) removed, block-level tags become line breaks (so paragraphs survive for the line rules), inline tags vanish. Text that does not look like markup is
 * returned as is, so plain text with a stray '<' is safe.
 */
public final class HtmlStripper implements TextRewrite {
  // The PII placeholders (<PHONE> …) look like tags; they must survive a second cleaning of cleaned text.
  private static final String NOT_PLACEHOLDER = "(?!(?:ID_CARD|BANK_CARD|PHONE|LANDLINE|EMAIL|QQ)>)";
  private static final Pattern LOOKS_LIKE_HTML =
      Pattern.compile("<" + NOT_PLACEHOLDER + "(?:[a-zA-Z][a-zA-Z0-9]*[\\s/>]|/[a-zA-Z]|!--)");
  private static final Pattern INVISIBLE_BLOCKS = Pattern.compile(
      "(?is)<!--.*?(?:-->|$)|<(script|style|noscript|template|svg|iframe|select|nav|aside|footer|button)\\b[^>]*>"
          + ".*?(?:</\\1\\s*>|$)"
          + "|<!DOCTYPE[^>]*>|<\\?xml[^>]*>");
  private static final Pattern BLOCK_TAG = Pattern.compile(
      "(?i)</?(?:br|p|div|li|ul|ol|tr|td|th|table|h[1-6]|section|article|header|footer|nav|aside|blockquote|pre"
          + "|hr|dd|dt|dl|title|main|figure|figcaption|form|center|tbody|thead)\\b[^>]*>");
  private static final Pattern ANY_TAG =
      Pattern.compile("</?" + NOT_PLACEHOLDER + "[a-zA-Z][^<>]*>|</?" + NOT_PLACEHOLDER + "[a-zA-Z][a-zA-Z0-9]*\\s*/?>");

  @Override
  public String rewrite(String text) {
    if (!LOOKS_LIKE_HTML.matcher(text).find()) {
      return text;
    }
    String s = INVISIBLE_BLOCKS.matcher(text).replaceAll(" ");
    s = BLOCK_TAG.matcher(s).replaceAll("\n");
    return ANY_TAG.matcher(s).replaceAll("");
  }
}

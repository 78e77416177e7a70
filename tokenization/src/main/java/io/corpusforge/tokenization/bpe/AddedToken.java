package io.corpusforge.tokenization.bpe;

/**
 * A token matched on the raw text before pre-tokenization, such as {@code <|endoftext|>}.
 *
 * @param text its literal text (plain text, not in the byte-level alphabet)
 * @param id its vocabulary id
 * @param control true for control tokens (GGUF token_type 3), which are matched only when the caller asks to parse
 *     special tokens; false for user-defined tokens (GGUF token_type 4), which llama.cpp always matches
 */
public record AddedToken(String text, int id, boolean control) {
    public AddedToken {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("added token text must not be empty (id " + id + ")");
        }
    }
}

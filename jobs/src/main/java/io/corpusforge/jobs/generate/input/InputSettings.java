package io.corpusforge.jobs.generate.input;

import com.typesafe.config.Config;
import io.corpusforge.jobs.generate.GenerateSettings;
import io.corpusforge.jobs.io.ReadOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the input side of the generate job from {@code generate.input} (reader defaults: {@code stage.input}). */
public final class InputSettings {
  private InputSettings() {}

  /** Products for product copy, documents for the other tasks. */
  public static RecordParser parser(Config config, GenerateSettings.Task task) {
    return parser(config, task == GenerateSettings.Task.PRODUCT_COPY ? RecordParser.Kind.PRODUCT
        : RecordParser.Kind.DOCUMENT);
  }

  public static RecordParser parser(Config config, RecordParser.Kind kind) {
    Config input = config.getConfig("generate.input");
    Config fields = input.getConfig(kind == RecordParser.Kind.PRODUCT ? "product-fields" : "document-fields");
    Map<String, List<String>> aliases = new LinkedHashMap<>();
    for (String key : fields.root().keySet()) {
      aliases.put(key, fields.getStringList(key));
    }
    return new RecordParser(kind, aliases, input.getStringList("category-attributes"),
        input.getStringList("brand-attributes"));
  }

  /** The reader's options: {@code generate.input}'s, with the id (and a document's text) fields from the aliases. */
  public static ReadOptions readOptions(Config config, GenerateSettings.Task task) {
    return parser(config, task).readOptions(ReadOptions.of(config, "generate.input"));
  }
}

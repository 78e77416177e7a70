package io.corpusforge.jobs.generate.input;

import com.typesafe.config.Config;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the input side of the generate job from {@code generate.input} and {@code stage.input}. */
public final class InputSettings {
  private InputSettings() {}

  /** @param config the whole configuration (generate's field names, the shared record size limit) */
  public static RecordParser parser(Config config, RecordParser.Kind kind) {
    Config input = config.getConfig("generate.input");
    Config fields = input.getConfig(kind == RecordParser.Kind.PRODUCT ? "product-fields" : "document-fields");
    Map<String, List<String>> aliases = new LinkedHashMap<>();
    for (String key : fields.root().keySet()) {
      aliases.put(key, fields.getStringList(key));
    }
    return new RecordParser(kind, aliases, input.getStringList("category-attributes"),
        input.getStringList("brand-attributes"), config.getBytes("stage.input.max-record-bytes"));
  }
}

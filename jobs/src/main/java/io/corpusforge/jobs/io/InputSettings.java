package io.corpusforge.jobs.io;

import com.typesafe.config.Config;
import java.io.Serializable;
import java.util.List;

/** How input files become records; from {@code clean.input} (or {@code stage.input}) and {@code stage.rejects}. */
public record InputSettings(List<String> textFields, List<String> idFields, int maxRecordBytes,
    double binaryControlShare, String parquetIdColumn, String parquetTextColumn, int rejectedTextMaxChars)
    implements Serializable {

  /** The clean job's raw reader, from the whole config. */
  public static InputSettings fromConfig(Config config) {
    Config in = config.getConfig("clean.input");
    return new InputSettings(in.getStringList("text-fields"), in.getStringList("id-fields"),
        in.getInt("max-record-bytes"), in.getDouble("binary-control-share"), in.getString("parquet-id-column"),
        in.getString("parquet-text-column"), config.getInt("stage.rejects.record-max-chars"));
  }

  /** Limits of the id/text reader ({@link IdTextReader}), from {@code stage.input} and {@code stage.rejects}. */
  public static InputSettings idText(Config config) {
    Config in = config.getConfig("stage.input");
    return new InputSettings(List.of("text"), List.of("id"), in.getInt("max-record-bytes"),
        in.getDouble("binary-control-share"), "id", "text", config.getInt("stage.rejects.record-max-chars"));
  }
}

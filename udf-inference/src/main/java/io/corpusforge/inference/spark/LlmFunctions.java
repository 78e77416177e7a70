package io.corpusforge.inference.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.connector.catalog.CatalogManager$;
import org.apache.spark.sql.types.DataTypes;
import scala.Function1;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Registers the project's SQL functions in a session:
 * <pre>
 *   llm_generate(prompt [, max_new_tokens [, temperature [, seed]]])         -> STRING (NULL when the row failed)
 *   llm_generate_struct(prompt [, max_new_tokens [, temperature [, seed]]])  -> STRUCT&lt;text, finish_reason,
 *                                                    prompt_tokens, generated_tokens, error&gt;
 * </pre>
 * Java/Scala: {@code LlmFunctions.register(spark)}; PySpark:
 * {@code spark._jvm.io.corpusforge.inference.spark.LlmFunctions.register(spark._jsparkSession)}. The settings
 * (model, defaults) are the session's {@code spark.corpusforge.llm.*} at registration time.
 */
public final class LlmFunctions {
  public static final String GENERATE = "llm_generate";
  public static final String GENERATE_STRUCT = "llm_generate_struct";
  private static final int ARGUMENTS = 4;

  private LlmFunctions() {}

  public static void register(SparkSession spark) {
    register(spark, LlmSettings.current());
  }

  public static void register(SparkSession spark, LlmSettings settings) {
    spark.udf().register(GENERATE, new LlmGenerate(settings), DataTypes.StringType);
    spark.udf().register(GENERATE_STRUCT, new LlmGenerateStruct(settings), LlmResults.STRUCT);
    FunctionRegistry registry = ((org.apache.spark.sql.classic.SparkSession) spark).sessionState().functionRegistry();
    optionalArguments(registry, GENERATE);
    optionalArguments(registry, GENERATE_STRUCT);
  }

  /**
   * Re-registers a 4-argument Java UDF so that 1 to 4 arguments are accepted: the missing trailing ones are NULL,
   * which the functions read as "the configured value".
   */
  private static void optionalArguments(FunctionRegistry registry, String name) {
    // temporary functions live in the system catalog's session namespace (as Spark's own registration puts them)
    CatalogManager$ catalogs = CatalogManager$.MODULE$;
    FunctionIdentifier id = FunctionIdentifier.apply(name, scala.Option.apply(catalogs.SESSION_NAMESPACE()),
        scala.Option.apply(catalogs.SYSTEM_CATALOG_NAME()));
    Function1<scala.collection.immutable.Seq<Expression>, Expression> full =
        registry.lookupFunctionBuilder(id).get();
    Function1<scala.collection.immutable.Seq<Expression>, Expression> padded = args -> {
      if (args.size() < 1 || args.size() > ARGUMENTS) {
        throw new IllegalArgumentException(name + " takes 1 to " + ARGUMENTS
            + " arguments (prompt [, max_new_tokens [, temperature [, seed]]]), got " + args.size());
      }
      List<Expression> all = new ArrayList<>(CollectionConverters.asJava(args));
      while (all.size() < ARGUMENTS) {
        all.add(Literal.create(null, DataTypes.NullType));
      }
      return full.apply(CollectionConverters.asScala(all).toList());
    };
    registry.createOrReplaceTempFunction(name, padded, "java_udf");
  }
}

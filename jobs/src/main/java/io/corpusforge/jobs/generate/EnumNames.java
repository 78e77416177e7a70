package io.corpusforge.jobs.generate;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Enum values as users type them (lower case, '-' for '_'), with one error message listing the known ones. */
public final class EnumNames {
  private EnumNames() {}

  public static <E extends Enum<E>> E parse(Class<E> type, String what, String value) {
    for (E e : type.getEnumConstants()) {
      if (name(e).equals(value.strip().toLowerCase(Locale.ROOT).replace('_', '-'))) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown " + what + " '" + value + "' (known: "
        + Arrays.stream(type.getEnumConstants()).map(EnumNames::name).collect(Collectors.joining(", ")) + ")");
  }

  public static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}

package io.corpusforge.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {
  @Test
  void equalForEqualSettingsAndInputsRegardlessOfKeyOrder() {
    var a = new Fingerprint(Map.of("dedup.threshold", "0.8", "dedup.num-hashes", "128"), List.of("clean abc"));
    var b = new Fingerprint(Map.of("dedup.num-hashes", "128", "dedup.threshold", "0.8"), List.of("clean abc"));
    assertEquals(a, b);
    assertEquals(a.value(), b.value());
    assertEquals(List.of(), a.differences(b));
  }

  @Test
  void differencesNameTheChangedKeysAndInputs() {
    var before = new Fingerprint(Map.of("dedup.threshold", "0.8", "dedup.old", "1"), List.of("f 10 1", "g 5 1"));
    var now = new Fingerprint(Map.of("dedup.threshold", "0.9", "dedup.new", "2"), List.of("f 10 1", "g 6 2"));
    assertNotEquals(before.value(), now.value());
    List<String> d = now.differences(before);
    assertTrue(d.contains("dedup.threshold: 0.8 -> 0.9"), d.toString());
    assertTrue(d.contains("dedup.old: 1 -> (unset)"), d.toString());
    assertTrue(d.contains("dedup.new: (unset) -> 2"), d.toString());
    assertTrue(d.stream().anyMatch(s -> s.startsWith("inputs changed (1 new or modified, 1 gone or modified), e.g. g 6 2")),
        d.toString());
  }

  @Test
  void flattenTakesEveryLeafUnderThePaths() {
    var config = ConfigFactory.parseString("a { x = 1, y { z = [1, 2] } }, b = \"s\", c = 3");
    assertEquals(Map.of("a.x", "1", "a.y.z", "[1,2]", "b", "\"s\""),
        NightlySettings.flatten(config, List.of("a", "b", "missing")));
  }

  @Test
  void smallInputsEnterByContentLargeOnesByModificationTime(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("corpus.jsonl");
    Files.writeString(f, "{\"id\":\"a\",\"text\":\"一\"}\n", StandardCharsets.UTF_8);
    List<String> paths = List.of(dir.toString());
    Configuration hadoop = new Configuration();
    List<String> first = StageDirs.listing(paths, 1024, hadoop);
    Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() - 60_000));
    assertEquals(first, StageDirs.listing(paths, 1024, hadoop), "a fresh checkout of the same bytes is unchanged");
    assertNotEquals(first, StageDirs.listing(paths, 4, hadoop), "over the limit: size and modification time");

    Files.writeString(f, "{\"id\":\"a\",\"text\":\"二\"}\n", StandardCharsets.UTF_8); // same size, new bytes
    assertNotEquals(first, StageDirs.listing(paths, 1024, hadoop));
  }
}

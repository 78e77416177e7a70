package io.corpusforge.jobs.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The atomic commit and the output policy, on the local file system through Hadoop's API. */
class StageOutputTest {
  private final Configuration hadoop = new Configuration();
  @TempDir Path dir;

  private StageOutput open(Path out, OutputPolicy policy, boolean resumable) {
    return StageOutput.open(hadoop, out.toString(), policy, resumable, "run1");
  }

  private List<String> names(Path p) throws IOException {
    try (Stream<Path> s = Files.list(p)) {
      // Hadoop's local file system adds .NAME.crc checksum files: not ours to count
      return s.map(x -> x.getFileName().toString()).filter(n -> !n.endsWith(".crc")).sorted().toList();
    }
  }

  @Test
  void writesIntoAHiddenWorkDirectoryAndRenamesItIntoPlaceWithSuccess() throws IOException {
    Path out = dir.resolve("out");
    StageOutput o = open(out, OutputPolicy.REFUSE, false);
    o.writeText("report.json", "{}");
    assertFalse(Files.exists(out), "nothing visible before the commit");
    assertEquals(List.of(".out.tmp-run1"), names(dir));
    o.commit();
    assertEquals(List.of("_SUCCESS", "report.json"), names(out));
    assertEquals(List.of("out"), names(dir), "no work directory left");
  }

  @Test
  void refusesAnExistingOutputWithTheOneMessage() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("old.txt"), "old");
    StageException e = assertThrows(StageException.class, () -> open(out, OutputPolicy.REFUSE, false));
    assertEquals("output " + out + " already exists; pass --overwrite to replace it", e.getMessage());
    StageException r = assertThrows(StageException.class, () -> open(out, OutputPolicy.REFUSE, true));
    assertEquals("output " + out + " already exists; pass --overwrite to replace it, or --resume to add only what "
        + "is missing", r.getMessage());
    assertThrows(StageException.class, () -> open(out, OutputPolicy.RESUME, false));
  }

  @Test
  void anEmptyExistingDirectoryIsNotAnError() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out"));
    StageOutput o = open(out, OutputPolicy.REFUSE, false);
    o.commit();
    assertEquals(List.of("_SUCCESS"), names(out));
  }

  @Test
  void overwriteReplacesTheOldOutputOnlyWhenTheNewOneIsCommitted() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("old.txt"), "old");
    StageOutput o = open(out, OutputPolicy.OVERWRITE, false);
    o.writeText("new.txt", "new");
    assertEquals(List.of("old.txt"), names(out), "old output intact while the stage runs");
    o.commit();
    assertEquals(List.of("_SUCCESS", "new.txt"), names(out));
  }

  @Test
  void abortLeavesTheOldOutputAndNoWorkDirectory() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("old.txt"), "old");
    StageOutput o = open(out, OutputPolicy.OVERWRITE, false);
    o.writeText("half.txt", "half");
    o.abort();
    assertEquals(List.of("out"), names(dir));
    assertEquals(List.of("old.txt"), names(out));
  }

  @Test
  void aResumableStageWritesInPlaceAndIsIncompleteUntilItCommits() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("part-a"), "a");
    Files.writeString(out.resolve("_SUCCESS"), "");
    StageOutput o = open(out, OutputPolicy.RESUME, true);
    assertEquals(List.of("part-a"), names(out), "_SUCCESS removed: the output is being added to");
    o.writeText("part-b", "b");
    o.abort();
    assertEquals(List.of("part-a", "part-b"), names(out), "committed parts stay for the next --resume");
    StageOutput again = open(out, OutputPolicy.RESUME, true);
    again.commit();
    assertEquals(List.of("_SUCCESS", "part-a", "part-b"), names(out));
  }

  @Test
  void anOutputThatIsAFileIsAnError() throws IOException {
    Path file = Files.writeString(dir.resolve("f"), "x");
    StageException e = assertThrows(StageException.class, () -> open(file, OutputPolicy.OVERWRITE, false));
    assertTrue(e.getMessage().contains("is a file"), e.getMessage());
  }

  @Test
  void overwriteAndResumeTogetherAreRefused() {
    assertThrows(StageException.class, () -> OutputPolicy.of(true, true));
    assertEquals(OutputPolicy.REFUSE, OutputPolicy.of(false, false));
  }
}

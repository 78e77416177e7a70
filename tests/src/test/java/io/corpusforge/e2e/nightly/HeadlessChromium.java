package io.corpusforge.e2e.nightly;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Debian's Chromium in headless mode, as a test opens a page: the DOM after scripts ran, the console messages
 * (Chromium prints them to stderr with --enable-logging), and a screenshot. Network goes to a closed loopback
 * proxy, so a page that needs anything from outside cannot load it.
 */
final class HeadlessChromium {
  private final Path binary;

  private HeadlessChromium(Path binary) {
    this.binary = binary;
  }

  /** The browser on PATH (chromium, chromium-browser, google-chrome), if any. */
  static Optional<HeadlessChromium> find() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return Optional.of(new HeadlessChromium(p));
        }
      }
    }
    return Optional.empty();
  }

  /** What one page load gave. */
  record Page(String dom, List<String> consoleLines, BufferedImage screenshot) {}

  Page open(Path html, Path screenshot, Path profile) throws IOException, InterruptedException {
    String url = html.toUri().toString();
    Result dom = run(profile, "--dump-dom", url);
    Result shot = run(profile, "--screenshot=" + screenshot, "--window-size=1100,2400", url);
    List<String> console = Stream.concat(dom.stderr.lines(), shot.stderr.lines())
        .filter(l -> l.contains(":CONSOLE")).toList();
    if (!Files.exists(screenshot)) {
      throw new AssertionError("no screenshot written:\n" + shot.stderr);
    }
    return new Page(dom.stdout, console, ImageIO.read(screenshot.toFile()));
  }

  private record Result(String stdout, String stderr) {}

  private Result run(Path profile, String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--enable-logging=stderr", "--v=0", "--proxy-server=127.0.0.1:9",
        "--user-data-dir=" + profile, "--no-first-run", "--hide-scrollbars"));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(profile.getParent(), "chromium", ".out");
    Path err = Files.createTempFile(profile.getParent(), "chromium", ".err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 90 s: " + cmd);
    }
    return new Result(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Pixels of exactly this RGB colour. */
  static long pixels(BufferedImage img, int rgb) {
    long n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) {
          n++;
        }
      }
    }
    return n;
  }

  /** Share of pixels that are not white. */
  static double inkShare(BufferedImage img) {
    long ink = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
          ink++;
        }
      }
    }
    return (double) ink / ((long) img.getWidth() * img.getHeight());
  }
}

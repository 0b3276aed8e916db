package io.tutti.eval.report;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium run headless on a local file, with everything that could reach the network
 * switched off, in a fresh profile each time. Tests that need it fail (never skip) when it is
 * missing, saying how to install it.
 */
final class HeadlessChromium {
  /** Where Debian's {@code chromium} package puts the browser; {@code TUTTI_CHROMIUM} overrides. */
  static final String DEFAULT = "/usr/bin/chromium";

  private static final long TIMEOUT_SECONDS = 120;

  private final Path executable;
  private final Path work;

  private HeadlessChromium(Path executable, Path work) {
    this.executable = executable;
    this.work = work;
  }

  /** The browser, with {@code work} for its profiles and logs; fails the test when missing. */
  static HeadlessChromium find(Path work) {
    String configured = System.getenv("TUTTI_CHROMIUM");
    Path executable = Path.of(configured == null || configured.isBlank() ? DEFAULT : configured);
    if (!Files.isExecutable(executable)) {
      fail(
          "Headless Chromium is needed to check the HTML report but "
              + executable
              + " is missing; install it with `apt-get install -y chromium` (Debian), or set"
              + " TUTTI_CHROMIUM to a Chromium or Chrome executable.");
    }
    return new HeadlessChromium(executable, work);
  }

  /** Renders {@code page} into a PNG screenshot of a {@code width} x {@code height} window. */
  void screenshot(Path page, Path png, int width, int height) throws Exception {
    run(
        page,
        List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height),
        "screenshot");
    if (!Files.isRegularFile(png)) {
      fail("Chromium wrote no screenshot at " + png + "; its log: " + log("screenshot"));
    }
  }

  /** The DOM after the page loaded, serialised. */
  String dumpDom(Path page) throws Exception {
    return run(page, List.of("--dump-dom"), "dom");
  }

  private String run(Path page, List<String> extra, String name) throws Exception {
    Path profile = Files.createTempDirectory(work, "profile-");
    Path out = work.resolve(name + ".out");
    Path err = work.resolve(name + ".err");
    List<String> command =
        new ArrayList<>(
            List.of(
                executable.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + profile.toAbsolutePath()));
    command.addAll(extra);
    command.add(page.toAbsolutePath().toUri().toString());
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("Chromium did not finish within " + TIMEOUT_SECONDS + " s; its log: " + log(name));
    }
    if (process.exitValue() != 0) {
      fail("Chromium exited with " + process.exitValue() + "; its log: " + log(name));
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private String log(String name) {
    try {
      String text = Files.readString(work.resolve(name + ".err"), StandardCharsets.UTF_8);
      return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}

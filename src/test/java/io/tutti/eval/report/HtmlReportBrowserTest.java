package io.tutti.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tutti.eval.EvaluationReport;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the written report.html in headless Chromium, as a reader would: the page must render to
 * something that is not blank, with the tables and charts the report promises in its DOM.
 *
 * <p>The screenshots are also copied to {@code target/report-screenshots/} for a person to look at.
 */
class HtmlReportBrowserTest {
  @TempDir Path temp;

  @Test
  void reportRendersInChromiumWithTablesAndCharts() throws Exception {
    EvaluationReport report = ReportFixtures.full();
    Path directory = temp.resolve("report");
    ReportWriter.write(report, directory);
    Path page = directory.resolve(ReportWriter.HTML);
    HeadlessChromium chromium = HeadlessChromium.find(temp);

    Path screenshot = temp.resolve("laptop.png");
    chromium.screenshot(page, screenshot, 1366, 900);
    BufferedImage image = ImageIO.read(screenshot.toFile());
    assertNotNull(image, "the screenshot is a PNG that javax.imageio decodes");
    assertEquals(1366, image.getWidth());
    assertTrue(
        distinctColours(image) > 40,
        "a rendered page has text, a header band and tables: many colours, not a blank page");
    assertTrue(nonWhiteShare(image) > 0.05, "more than a blank white page");
    keepForPeople(screenshot, "laptop.png");

    String dom = chromium.dumpDom(page);
    assertEquals(1, count(dom, "<table class=\"headline\""), "the summary table");
    assertEquals(2, count(dom, "<table class=\"metrics\""), "one metrics table per scenario");
    assertEquals(2, count(dom, "<figure class=\"activity-chart\""), "one chart per scenario");
    assertEquals(6, count(dom, "<figure class=\"training-chart\""), "two per model");
    assertEquals(2, count(dom, "<figure class=\"lift-chart\""), "one per scenario");
    assertEquals(10, count(dom, "<svg class=\"chart\""), "every chart is inline SVG");
    assertEquals(1, count(dom, "<li class=\"seesaw-warning\""), "unified on mgc/click");
    for (String section : HtmlReportTest.SECTIONS) {
      assertTrue(dom.contains("<section id=\"" + section + "\""), "section " + section);
    }
    assertFalse(dom.contains("<script"), "the page runs no script");
  }

  @Test
  void aTallWindowShowsTheWholePageToTheEnd() throws Exception {
    Path directory = temp.resolve("report");
    ReportWriter.write(ReportFixtures.full(), directory);
    HeadlessChromium chromium = HeadlessChromium.find(temp);
    Path screenshot = temp.resolve("full.png");
    chromium.screenshot(directory.resolve(ReportWriter.HTML), screenshot, 1366, 7000);
    BufferedImage image = ImageIO.read(screenshot.toFile());
    assertNotNull(image);
    // Every section is painted, down to the config at the end: far below the first screen.
    assertTrue(lastPaintedRow(image) > 3000, "painted down to row " + lastPaintedRow(image));
    assertTrue(distinctColours(image) > 60, "charts add their colours to the page");
    keepForPeople(screenshot, "full.png");
  }

  @Test
  void aReportOfSixModelsAndFourScenariosRenders() throws Exception {
    Path directory = temp.resolve("wide");
    ReportWriter.write(ReportFixtures.wide(), directory);
    HeadlessChromium chromium = HeadlessChromium.find(temp);
    Path page = directory.resolve(ReportWriter.HTML);
    Path screenshot = temp.resolve("wide.png");
    chromium.screenshot(page, screenshot, 1366, 5000);
    BufferedImage image = ImageIO.read(screenshot.toFile());
    assertNotNull(image);
    assertTrue(distinctColours(image) > 60);
    keepForPeople(screenshot, "wide.png");

    String dom = chromium.dumpDom(page);
    assertEquals(4, count(dom, "<table class=\"metrics\""), "one per scenario");
    assertEquals(4, count(dom, "<figure class=\"activity-chart\""), "one per scenario");
    // 12 scenario x task cells, 6 models each.
    assertEquals(72, count(dom, " data-model=\""), "every model in every cell");
    assertFalse(dom.contains("<section id=\"oracle\"><h2>Oracle</h2><div"), "no oracle table");
  }

  private static int distinctColours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        colours.add(image.getRGB(x, y) & 0xffffff);
      }
    }
    return colours.size();
  }

  private static int lastPaintedRow(BufferedImage image) {
    for (int y = image.getHeight() - 1; y >= 0; y--) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) {
          return y;
        }
      }
    }
    return -1;
  }

  private static double nonWhiteShare(BufferedImage image) {
    long nonWhite = 0;
    long total = 0;
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        total++;
        if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) {
          nonWhite++;
        }
      }
    }
    return (double) nonWhite / total;
  }

  private static int count(String text, String needle) {
    Matcher matcher = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (matcher.find()) {
      n++;
    }
    return n;
  }

  private static void keepForPeople(Path screenshot, String name) throws Exception {
    Path kept = Path.of("target", "report-screenshots");
    Files.createDirectories(kept);
    Files.copy(screenshot, kept.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}

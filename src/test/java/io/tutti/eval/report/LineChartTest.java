package io.tutti.eval.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LineChartTest {
  private static final double N = Double.NaN;

  @Test
  void ticksAreRoundStepsCoveringTheRange() {
    assertArrayEquals(new double[] {0.6, 0.65, 0.7, 0.75, 0.8}, LineChart.ticks(0.61, 0.79), 1e-9);
    assertArrayEquals(new double[] {0, 2, 4, 6, 8, 10}, LineChart.ticks(0.5, 9.5), 1e-9);
  }

  @Test
  void aMissingValueBreaksTheLineInsteadOfBridgingIt() {
    String svg =
        new LineChart("t", "level", "AUC", new double[] {0, 1, 2, 3})
            .add(new LineChart.Series("m", 0, new double[] {0.6, 0.7, N, 0.65}))
            .svg();
    String path = HtmlReportTest.between(svg, "<path fill=\"none\"", "/>");
    assertEquals(2, HtmlReportTest.count(path, "M"), "two segments: " + path);
    assertEquals(1, HtmlReportTest.count(path, "L"), path);
    assertEquals(3, HtmlReportTest.count(svg, "<title>m, level "), "a marker per defined value");
    assertTrue(svg.contains("<title>m, level 3: 0.650</title>"), svg);
  }

  @Test
  void boundsKeepAnAucAxisWithinZeroAndOne() {
    String svg =
        new LineChart("t", "level", "AUC", new double[] {0, 1})
            .yBounds(0, 1)
            .add(new LineChart.Series("m", 0, new double[] {0.02, 0.99}))
            .svg();
    assertTrue(svg.contains(">1.0</text>"), svg);
    assertTrue(svg.contains(">0.0</text>"), svg);
    assertFalse(svg.contains(">1.2</text>") || svg.contains(">-0.2</text>"), svg);
  }

  @Test
  void seriesNamesAndTitlesAreEscaped() {
    String svg =
        new LineChart("a<b", "x", "y", new double[] {1})
            .add(new LineChart.Series("<m>&", 0, new double[] {0.5}))
            .svg();
    assertFalse(svg.contains("<m>"));
    assertTrue(svg.contains("&lt;m&gt;&amp;"));
    assertTrue(svg.contains("aria-label=\"a&lt;b\""));
  }

  @Test
  void errorBarsAreDrawnWhereBothBoundsAreKnown() {
    String svg =
        new LineChart("t", "level", "lift", new double[] {0, 1})
            .reference(0)
            .add(
                new LineChart.Series(
                    "play",
                    0,
                    new double[] {0.1, 0.2},
                    new double[] {0.05, N},
                    new double[] {0.15, 0.3}))
            .svg();
    assertEquals(1, HtmlReportTest.count(svg, "stroke-width=\"1.2\" d=\"M"), svg);
    assertTrue(svg.contains("class=\"reference\""));
  }

  @Test
  void aSeriesOfTheWrongLengthIsRefused() {
    LineChart chart = new LineChart("t", "x", "y", new double[] {0, 1});
    assertThrows(
        IllegalArgumentException.class,
        () -> chart.add(new LineChart.Series("m", 0, new double[] {1})));
  }
}

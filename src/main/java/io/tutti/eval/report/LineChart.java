package io.tutti.eval.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as inline SVG: numbered x positions (activity levels, epochs), one line per series
 * with a marker at every point, optional error bars, a dashed reference line and a legend. It
 * scales with its container ({@code viewBox}); every point carries a tooltip with its value.
 *
 * <p>A NaN value leaves a gap: the line is broken there rather than drawn through a made-up value.
 */
final class LineChart {
  private static final double WIDTH = 600;
  private static final double HEIGHT = 300;
  private static final double LEFT = 62;
  private static final double RIGHT = 16;
  private static final double TOP = 14;
  private static final double LEGEND_ROW = 18;

  /**
   * One line.
   *
   * @param name shown in the legend and the tooltips
   * @param style the palette index: colour, marker and dash
   * @param y one value per x position; NaN for none
   * @param low lower error bar per x position, or null for none
   * @param high upper error bar per x position, or null for none
   */
  record Series(String name, int style, double[] y, double[] low, double[] high) {
    Series(String name, int style, double[] y) {
      this(name, style, y, null, null);
    }
  }

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final double[] x;
  private final List<Series> series = new ArrayList<>();
  private double reference = Double.NaN;
  private double marker = Double.NaN;
  private String markerLabel = "";
  private String format = "%.3f";
  private double floor = Double.NEGATIVE_INFINITY;
  private double ceiling = Double.POSITIVE_INFINITY;

  /**
   * A chart over the positions {@code x}.
   *
   * @param title the accessible name of the chart (its {@code aria-label} and SVG title)
   */
  LineChart(String title, String xLabel, String yLabel, double[] x) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.x = x.clone();
  }

  LineChart add(Series line) {
    if (line.y().length != x.length) {
      throw new IllegalArgumentException(
          "Series '" + line.name() + "' has " + line.y().length + " values for " + x.length + " x");
    }
    series.add(line);
    return this;
  }

  /** A dashed horizontal line at {@code y}, e.g. 0 for a lift. */
  LineChart reference(double y) {
    this.reference = y;
    return this;
  }

  /** A dotted vertical line at {@code atX} with a label, e.g. the best epoch. */
  LineChart marker(double atX, String label) {
    this.marker = atX;
    this.markerLabel = label;
    return this;
  }

  /**
   * Values the y axis never goes beyond, e.g. 0 and 1 for an AUC: the padding around the data stops
   * there instead of showing impossible values.
   */
  LineChart yBounds(double lowest, double highest) {
    this.floor = lowest;
    this.ceiling = highest;
    return this;
  }

  /** The format of values in tooltips and y ticks' precision hint, e.g. {@code %.3f}. */
  LineChart valueFormat(String valueFormat) {
    this.format = valueFormat;
    return this;
  }

  /** Whether any series has a value to draw. */
  boolean hasData() {
    for (Series s : series) {
      for (double v : s.y()) {
        if (Double.isFinite(v)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The chart's SVG element. */
  String svg() {
    int legendRows = (series.size() + 2) / 3;
    double height = HEIGHT + legendRows * LEGEND_ROW + 6;
    double plotBottom = HEIGHT - 46;
    double plotRight = WIDTH - RIGHT;
    double[] yRange = yRange();
    yRange[0] = Math.max(yRange[0], floor);
    yRange[1] = Math.min(yRange[1], ceiling);
    double[] yTicks = ticks(yRange[0], yRange[1]);
    double yMin = Math.min(yRange[0], yTicks[0]);
    double yMax = Math.max(yRange[1], yTicks[yTicks.length - 1]);
    double xMin = x.length == 0 ? 0 : x[0];
    double xMax = x.length == 0 ? 1 : x[x.length - 1];
    if (xMax == xMin) {
      xMin -= 0.5;
      xMax += 0.5;
    }
    Scale sx = new Scale(xMin, xMax, LEFT + 10, plotRight - 10);
    Scale sy = new Scale(yMin, yMax, plotBottom, TOP);

    StringBuilder svg = new StringBuilder(4096);
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\""
                + " role=\"img\" aria-label=\"%s\">",
            WIDTH,
            height,
            Html.escape(title)));
    svg.append("<title>").append(Html.escape(title)).append("</title>");

    // Grid and y ticks first, so lines are drawn over them.
    for (double tick : yTicks) {
      double py = sy.map(tick);
      svg.append(line(LEFT, py, plotRight, py, "grid"));
      svg.append(text(LEFT - 6, py + 4, tickLabel(tick, yTicks), "tick", "end"));
    }
    for (double value : x) {
      double px = sx.map(value);
      svg.append(line(px, plotBottom, px, plotBottom + 4, "axis"));
      svg.append(text(px, plotBottom + 17, integerOrDecimal(value), "tick", "middle"));
    }
    svg.append(line(LEFT, plotBottom, plotRight, plotBottom, "axis"));
    svg.append(line(LEFT, TOP, LEFT, plotBottom, "axis"));
    svg.append(text((LEFT + plotRight) / 2, plotBottom + 36, xLabel, "label", "middle"));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text class=\"label\" text-anchor=\"middle\" transform=\"translate(14 %.1f)"
                + " rotate(-90)\">%s</text>",
            (TOP + plotBottom) / 2,
            Html.escape(yLabel)));

    if (Double.isFinite(reference) && reference >= yMin && reference <= yMax) {
      double py = sy.map(reference);
      svg.append(line(LEFT, py, plotRight, py, "reference"));
    }
    if (Double.isFinite(marker)) {
      double px = sx.map(marker);
      svg.append(line(px, TOP, px, plotBottom, "marker"));
      svg.append(text(px + 4, TOP + 10, markerLabel, "tick", "start"));
    }

    for (Series s : series) {
      svg.append(seriesSvg(s, sx, sy));
    }
    svg.append(legend(HEIGHT + 6));
    svg.append("</svg>");
    return svg.toString();
  }

  private String seriesSvg(Series s, Scale sx, Scale sy) {
    String colour = Palette.colour(s.style());
    StringBuilder out = new StringBuilder();
    out.append("<g class=\"series\" data-series=\"").append(Html.escape(s.name())).append("\">");
    StringBuilder path = new StringBuilder();
    boolean penDown = false;
    for (int i = 0; i < x.length; i++) {
      double v = s.y()[i];
      if (!Double.isFinite(v)) {
        penDown = false;
        continue;
      }
      path.append(penDown ? " L" : " M")
          .append(coordinate(sx.map(x[i])))
          .append(' ')
          .append(coordinate(sy.map(v)));
      penDown = true;
    }
    if (path.length() > 0) {
      String dash = Palette.dash(s.style());
      out.append("<path fill=\"none\" stroke-width=\"2\" stroke=\"")
          .append(colour)
          .append('"')
          .append(dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"")
          .append(" d=\"")
          .append(path.toString().trim())
          .append("\"/>");
    }
    for (int i = 0; i < x.length; i++) {
      double v = s.y()[i];
      if (!Double.isFinite(v)) {
        continue;
      }
      double px = sx.map(x[i]);
      if (s.low() != null && Double.isFinite(s.low()[i]) && Double.isFinite(s.high()[i])) {
        double top = sy.map(s.high()[i]);
        double bottom = sy.map(s.low()[i]);
        out.append(
            String.format(
                Locale.ROOT,
                "<path stroke=\"%s\" stroke-width=\"1.2\" d=\"M%.1f %.1f V%.1f M%.1f %.1f H%.1f"
                    + " M%.1f %.1f H%.1f\"/>",
                colour,
                px,
                top,
                bottom,
                px - 3,
                top,
                px + 3,
                px - 3,
                bottom,
                px + 3));
      }
      String tip =
          s.name()
              + ", "
              + xLabel
              + " "
              + integerOrDecimal(x[i])
              + ": "
              + String.format(Locale.ROOT, format, v);
      out.append(markerSvg(Palette.marker(s.style()), px, sy.map(v), colour, tip));
    }
    out.append("</g>");
    return out.toString();
  }

  private String legend(double y) {
    StringBuilder out = new StringBuilder("<g class=\"legend\">");
    double column = (WIDTH - LEFT) / 3;
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      double left = LEFT + (i % 3) * column;
      double top = y + (i / 3) * LEGEND_ROW;
      String colour = Palette.colour(s.style());
      String dash = Palette.dash(s.style());
      out.append(
          String.format(
              Locale.ROOT,
              "<path stroke=\"%s\" stroke-width=\"2\"%s d=\"M%.1f %.1f H%.1f\"/>",
              colour,
              dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"",
              left,
              top,
              left + 26));
      out.append(markerSvg(Palette.marker(s.style()), left + 13, top, colour, null));
      out.append(text(left + 32, top + 4, s.name(), "legend-text", "start"));
    }
    return out.append("</g>").toString();
  }

  private static String markerSvg(
      Palette.Marker shape, double px, double py, String colour, String tip) {
    String body =
        switch (shape) {
          case CIRCLE ->
              String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\"", px, py);
          case SQUARE ->
              String.format(
                  Locale.ROOT,
                  "<rect x=\"%.1f\" y=\"%.1f\" width=\"7.5\" height=\"7.5\"",
                  px - 3.75,
                  py - 3.75);
          case TRIANGLE ->
              String.format(
                  Locale.ROOT,
                  "<path d=\"M%.1f %.1f L%.1f %.1f L%.1f %.1f Z\"",
                  px,
                  py - 5,
                  px + 4.5,
                  py + 3.5,
                  px - 4.5,
                  py + 3.5);
          case DIAMOND ->
              String.format(
                  Locale.ROOT,
                  "<path d=\"M%.1f %.1f L%.1f %.1f L%.1f %.1f L%.1f %.1f Z\"",
                  px,
                  py - 5,
                  px + 5,
                  py,
                  px,
                  py + 5,
                  px - 5,
                  py);
        };
    String close =
        tip == null ? "/>" : "><title>" + Html.escape(tip) + "</title></" + tagOf(shape) + ">";
    return body + " fill=\"" + colour + "\" stroke=\"#fff\" stroke-width=\"1\"" + close;
  }

  private static String tagOf(Palette.Marker shape) {
    return switch (shape) {
      case CIRCLE -> "circle";
      case SQUARE -> "rect";
      case TRIANGLE, DIAMOND -> "path";
    };
  }

  /** The span of every finite value, error bars and the reference line included. */
  private double[] yRange() {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < x.length; i++) {
        for (double v :
            new double[] {
              s.y()[i],
              s.low() == null ? Double.NaN : s.low()[i],
              s.high() == null ? Double.NaN : s.high()[i]
            }) {
          if (Double.isFinite(v)) {
            min = Math.min(min, v);
            max = Math.max(max, v);
          }
        }
      }
    }
    if (Double.isFinite(reference)) {
      min = Math.min(min, reference);
      max = Math.max(max, reference);
    }
    if (!Double.isFinite(min)) {
      return new double[] {0, 1};
    }
    if (max - min < 1e-9) {
      double pad = Math.max(Math.abs(max) * 0.05, 0.01);
      return new double[] {min - pad, max + pad};
    }
    double pad = (max - min) * 0.06;
    return new double[] {min - pad, max + pad};
  }

  /** About five round tick values covering [min, max]: steps of 1, 2 or 5 times a power of 10. */
  static double[] ticks(double min, double max) {
    double span = max - min;
    double raw = span / 5;
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = power;
    for (double factor : new double[] {1, 2, 5, 10}) {
      step = factor * power;
      if (raw <= step) {
        break;
      }
    }
    double first = Math.floor(min / step) * step;
    double last = Math.ceil(max / step) * step;
    int count = (int) Math.round((last - first) / step) + 1;
    double[] ticks = new double[count];
    for (int i = 0; i < count; i++) {
      ticks[i] = first + i * step;
    }
    return ticks;
  }

  private static String tickLabel(double value, double[] ticks) {
    double step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
    return String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(value) < 1e-12 ? 0 : value);
  }

  private static String integerOrDecimal(double value) {
    return value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String line(double x1, double y1, double x2, double y2, String cssClass) {
    return String.format(
        Locale.ROOT,
        "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
        cssClass,
        x1,
        y1,
        x2,
        y2);
  }

  private static String text(double px, double py, String content, String cssClass, String anchor) {
    return String.format(
        Locale.ROOT,
        "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>",
        cssClass,
        px,
        py,
        anchor,
        Html.escape(content));
  }

  private static String coordinate(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /** A linear map from data to picture coordinates. */
  private record Scale(double from, double to, double start, double end) {
    double map(double value) {
      return start + (value - from) / (to - from) * (end - start);
    }
  }
}

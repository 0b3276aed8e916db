package io.tutti.eval.report;

/**
 * Series styles that stay apart for colour-blind readers: the Okabe-Ito colours (distinct under the
 * common colour-vision deficiencies), and on top of colour a marker shape and a dash pattern per
 * series, so two series never differ by colour alone.
 */
final class Palette {
  /** Okabe-Ito, without its yellow, which is too light on white; black last. */
  private static final String[] COLOURS = {
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"
  };

  private static final String[] DASHES = {"", "6 3", "2 3", "9 3 2 3"};

  /** Marker shapes, drawn by {@link LineChart}. */
  enum Marker {
    CIRCLE,
    SQUARE,
    TRIANGLE,
    DIAMOND
  }

  private Palette() {}

  /** The colour of series {@code index}. */
  static String colour(int index) {
    return COLOURS[Math.floorMod(index, COLOURS.length)];
  }

  /** The SVG dash pattern of series {@code index}; empty for a solid line. */
  static String dash(int index) {
    return DASHES[Math.floorMod(index, DASHES.length)];
  }

  /** The marker of series {@code index}. */
  static Marker marker(int index) {
    return Marker.values()[Math.floorMod(index, Marker.values().length)];
  }
}

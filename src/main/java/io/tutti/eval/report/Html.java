package io.tutti.eval.report;

/**
 * A small HTML writer: every text and attribute value goes through {@link #escape}, so nothing a
 * config or a data file holds (a scenario named {@code <b>}, a quote in a title) can change the
 * page's markup.
 */
final class Html {
  private final StringBuilder out = new StringBuilder(1 << 16);

  /** Escapes text for an element's content or a quoted attribute value. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /**
   * Opens an element: {@code open("td", "class", "num")}. Attribute names are written as given
   * (they are constants of this package); their values are escaped.
   */
  Html open(String tag, String... attributes) {
    out.append('<').append(tag);
    for (int i = 0; i + 1 < attributes.length; i += 2) {
      out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1]));
      out.append('"');
    }
    out.append('>');
    return this;
  }

  /** Closes an element. */
  Html close(String tag) {
    out.append("</").append(tag).append('>');
    return this;
  }

  /** An element holding escaped text. */
  Html element(String tag, String text, String... attributes) {
    return open(tag, attributes).text(text).close(tag);
  }

  /** Escaped text. */
  Html text(String text) {
    out.append(escape(text));
    return this;
  }

  /** Markup made by this package (an SVG chart, a constant): never user text. */
  Html raw(String markup) {
    out.append(markup);
    return this;
  }

  /** A line break in the source, for a readable page source. */
  Html newline() {
    out.append('\n');
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}

package io.tutti.sim;

/**
 * When and in which context an item is shown: the time and the scenarios' private context. A field
 * that does not belong to the scenario at hand is ignored (write 0).
 *
 * @param time epoch seconds
 * @param position daily: the item's place in the list of 30, 0 (top) to 29
 * @param sessionSkips stream: songs skipped so far in the current session
 * @param device stream: the playing device's id, 0 to {@link #DEVICES} - 1
 * @param badge playlist: the badge shown on the playlist, an index into {@link #BADGES}
 */
public record Moment(long time, int position, int sessionSkips, int device, int badge) {
  /** Distinct playing devices: many, each seen a few times, so their id is overfit-prone. */
  public static final int DEVICES = 50_000;

  /** The playlist badges; the meaning of {@code hot} drifts over the sample period. */
  public static final java.util.List<String> BADGES = java.util.List.of("none", "hot", "new");

  public Moment {
    if (position < 0 || sessionSkips < 0 || device < 0 || device >= DEVICES) {
      throw new IllegalArgumentException(
          "Moment out of range: position "
              + position
              + ", skips "
              + sessionSkips
              + ", device "
              + device
              + "; accepted: position and skips >= 0, device in [0, "
              + DEVICES
              + ").");
    }
    if (badge < 0 || badge >= BADGES.size()) {
      throw new IllegalArgumentException(
          "Moment badge " + badge + " out of range; accepted: 0 to " + (BADGES.size() - 1) + ".");
    }
  }

  /** A moment with no private context: top of the list, no skips, device 0, no badge. */
  public static Moment at(long time) {
    return new Moment(time, 0, 0, 0, 0);
  }
}

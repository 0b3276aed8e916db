package io.tutti.sim;

import java.util.Arrays;
import java.util.List;

/**
 * The scenarios of the music world: the recommendation surfaces of the app, each with the kind of
 * item it shows, its tasks and its share of the app's sessions.
 *
 * <p>Tasks are listed in dependency order: each task after the first is conditional on the first
 * (complete, like and share follow play; collect follows click).
 */
public enum Surface {
  /** A list of 30 songs a day. */
  DAILY("daily", ItemKind.SONG, List.of("play", "complete", "like"), 0.12, 1.0),
  /** A real-time song feed; the largest scenario. */
  STREAM("stream", ItemKind.SONG, List.of("play", "complete", "like", "share"), 0.62, 0.5),
  /** Recommended user-made playlists. */
  PLAYLIST("playlist", ItemKind.PLAYLIST, List.of("click", "collect"), 0.16, 1.0),
  /** Editorial playlists ("mgc"); the smallest scenario. */
  MGC("mgc", ItemKind.EDITORIAL, List.of("click", "collect"), 0.06, 1.0),
  /** Podcast shows, switched on by {@code --podcast} to test adding a scenario. */
  PODCAST("podcast", ItemKind.PODCAST, List.of("play", "complete"), 0.10, 1.0);

  /** The kinds of item, each with its own id space. */
  public enum ItemKind {
    SONG("s"),
    PLAYLIST("p"),
    EDITORIAL("m"),
    PODCAST("c");

    private final String prefix;

    ItemKind(String prefix) {
      this.prefix = prefix;
    }

    /** The item id as written in the files: the kind's letter then the number, e.g. s123. */
    public String id(int item) {
      return prefix + item;
    }
  }

  /** Every task of the world, in the order of the written config. */
  public static final List<String> ALL_TASKS =
      List.of("play", "complete", "like", "share", "click", "collect");

  private final String id;
  private final ItemKind itemKind;
  private final List<String> tasks;
  private final double sessionShare;
  private final double samplingRate;

  Surface(
      String id, ItemKind itemKind, List<String> tasks, double sessionShare, double samplingRate) {
    this.id = id;
    this.itemKind = itemKind;
    this.tasks = tasks;
    this.sessionShare = sessionShare;
    this.samplingRate = samplingRate;
  }

  /** The scenario id in the files and the config. */
  public String id() {
    return id;
  }

  /** What it recommends. */
  public ItemKind itemKind() {
    return itemKind;
  }

  /** Its tasks, the first one the one the others depend on. */
  public List<String> tasks() {
    return tasks;
  }

  /** Its share of all recommendation sessions of the population, before users' preferences. */
  double sessionShare() {
    return sessionShare;
  }

  /** The sampling rate written into the config: the stream is halved to balance the mix. */
  double samplingRate() {
    return samplingRate;
  }

  /** The scenarios of a world: the first four, plus the podcast when switched on. */
  public static List<Surface> of(WorldSettings settings) {
    return Arrays.stream(values()).filter(s -> s != PODCAST || settings.podcast()).toList();
  }

  /** The scenario with the given id, or an error listing the known ones. */
  public static Surface byId(String id) {
    for (Surface surface : values()) {
      if (surface.id.equals(id)) {
        return surface;
      }
    }
    throw new io.tutti.common.TuttiException(
        "Unknown scenario '"
            + id
            + "'; accepted: "
            + Arrays.stream(values()).map(Surface::id).toList()
            + ".");
  }
}

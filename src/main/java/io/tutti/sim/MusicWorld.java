package io.tutti.sim;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The simulated music world with its ground truth: the catalogue, the users and the label model,
 * rebuilt exactly from {@link WorldSettings} (seed included). This is the simulator's public API
 * for what needs the truth beyond the written files, such as a simulated A/B test: given a user at
 * a moment, draw candidates per scenario ({@link #candidates}) and ask the true probability of
 * every task for each ({@link #trueProbabilities}).
 *
 * <p>Users are not stored: each is drawn from the seed and its number when asked, so a world of
 * millions of users costs only its catalogue (a few MB). The object is immutable and safe to share
 * between threads.
 */
public final class MusicWorld {
  /** Share of logged candidates drawn from the user's long-term interests. */
  static final double FROM_INTERESTS = 0.45;

  /** Share drawn from the current mood's genre (after the interests' share). */
  static final double FROM_MOOD = 0.20;

  private final WorldSettings settings;
  private final List<Surface> surfaces;
  private final Catalogue catalogue;
  private final GroundTruth truth;

  private MusicWorld(WorldSettings settings) {
    this.settings = settings;
    this.surfaces = Surface.of(settings);
    this.catalogue = new Catalogue(settings);
    this.truth = new GroundTruth(catalogue, settings);
  }

  /** Builds the world of these settings; the same settings give the same world. */
  public static MusicWorld build(WorldSettings settings) {
    return new MusicWorld(settings);
  }

  /** Rebuilds the world that {@code tutti simulate} wrote into {@code directory}. */
  public static MusicWorld load(Path directory) {
    return build(WorldFile.read(directory));
  }

  /** The settings, seed included. */
  public WorldSettings settings() {
    return settings;
  }

  /** The scenarios of this world, in config order. */
  public List<Surface> surfaces() {
    return surfaces;
  }

  /** Users, numbered 0 to users - 1. */
  public int users() {
    return settings.users();
  }

  /** User {@code user}, drawn from the seed and the number. */
  public Listener listener(int user) {
    if (user < 0 || user >= settings.users()) {
      throw new IllegalArgumentException(
          "User " + user + " out of range; accepted: 0 to " + (settings.users() - 1) + ".");
    }
    return new Listener(settings.seed(), catalogue, user, surfaces);
  }

  /** Items a scenario can show: songs, playlists, editorial playlists or podcasts. */
  public int items(Surface surface) {
    return catalogue.items(surface.itemKind()).size;
  }

  /** The item's id as written in the files (s12, p3, m7, c40). */
  public String itemId(Surface surface, int item) {
    return surface.itemKind().id(item);
  }

  /**
   * {@code count} candidates that the app's current recommender would show {@code user} in {@code
   * surface} at {@code time}: the logging policy of the simulated data (45 % from the user's
   * long-term interests, 20 % from the current mood, the rest popular items of any genre). The same
   * arguments give the same candidates.
   */
  public int[] candidates(int user, Surface surface, long time, int count) {
    requireSurface(surface);
    Listener listener = listener(user);
    SplittableRandom random =
        Draws.random(settings.seed(), 0x63616e64L, user, surface.ordinal(), time);
    int[] items = new int[count];
    for (int k = 0; k < count; k++) {
      items[k] = candidate(listener, surface, time, random);
    }
    return items;
  }

  /**
   * A plausible private context for {@code user} in {@code surface} at {@code time}: top of the
   * list, no skips, one of the user's two devices, a badge drawn as in the logs. The same arguments
   * give the same moment.
   */
  public Moment moment(int user, Surface surface, long time) {
    requireSurface(surface);
    SplittableRandom random =
        Draws.random(settings.seed(), 0x6d6f6d65L, user, surface.ordinal(), time);
    return new Moment(time, 0, 0, device(user, random), badge(random));
  }

  /**
   * The true probability of each task of {@code surface} (in {@link Surface#tasks()} order) when
   * {@code item} is shown to {@code user} at {@code moment}. The first task's probability is
   * unconditional; the others are joint with it (P(complete) = P(play) P(complete | play)), the
   * values written in the oracle columns.
   */
  public double[] trueProbabilities(int user, Surface surface, int item, Moment moment) {
    requireSurface(surface);
    requireItem(surface, item);
    return joint(conditionals(listener(user), surface, item, moment));
  }

  /**
   * The raw feature values of a sample of {@code item} shown to {@code user} at {@code moment},
   * exactly as the sample files would hold them, by column name: the ids, {@code ts}, the public
   * features and the scenario's private features (text as String, integers as Long, decimals as
   * Double; a missing value is left out). No label and no oracle. With the user's {@link #plays} as
   * sequences, this is what a model is given for a candidate (e.g. through the data layer's {@code
   * FeatureEncoder.encode}).
   */
  public Map<String, Object> features(int user, Surface surface, int item, Moment moment) {
    requireSurface(surface);
    requireItem(surface, item);
    return new UserSimulation(this).features(listener(user), surface, item, moment);
  }

  /**
   * Every play of {@code user} in the world's play log (the pre-period and the sample period, the
   * plays that recommendations caused included), oldest first: the user's history at any moment
   * after the sample period. Simulates the user again, which takes about a millisecond for a
   * typical user and up to a few tens for the most active.
   */
  public List<Play> plays(int user) {
    listener(user);
    return new UserSimulation(this).plays(user);
  }

  double[] conditionals(Listener user, Surface surface, int item, Moment moment) {
    return truth.conditionals(user, surface, item, moment);
  }

  /** Conditional probabilities to joint ones: every task after the first times the first. */
  static double[] joint(double[] conditionals) {
    double[] joint = conditionals.clone();
    for (int k = 1; k < joint.length; k++) {
      joint[k] *= conditionals[0];
    }
    return joint;
  }

  /** One logged candidate, drawn by the logging policy. */
  int candidate(Listener user, Surface surface, long time, SplittableRandom random) {
    ItemTable items = catalogue.items(surface.itemKind());
    double r = random.nextDouble();
    if (r < FROM_INTERESTS) {
      return items.inGenre(user.interestGenre(random), random);
    }
    if (r < FROM_INTERESTS + FROM_MOOD) {
      return items.inGenre(user.moodGenre(time), random);
    }
    return items.popular(random);
  }

  /** One of the user's two devices. */
  int device(int user, SplittableRandom random) {
    long which = random.nextInt(2);
    return (int) Long.remainderUnsigned(Draws.mix(settings.seed(), user, which), Moment.DEVICES);
  }

  /** A playlist badge: none 60 %, hot 25 %, new 15 %. */
  static int badge(SplittableRandom random) {
    double r = random.nextDouble();
    return r < 0.6 ? 0 : r < 0.85 ? 1 : 2;
  }

  Catalogue catalogue() {
    return catalogue;
  }

  private void requireItem(Surface surface, int item) {
    int size = items(surface);
    if (item < 0 || item >= size) {
      throw new IllegalArgumentException(
          "Item "
              + item
              + " of "
              + surface.id()
              + " out of range; accepted: 0 to "
              + (size - 1)
              + ".");
    }
  }

  private void requireSurface(Surface surface) {
    if (!surfaces.contains(surface)) {
      throw new IllegalArgumentException(
          "Scenario "
              + surface.id()
              + " is not on in this world; on: "
              + surfaces.stream().map(Surface::id).toList()
              + ".");
    }
  }
}

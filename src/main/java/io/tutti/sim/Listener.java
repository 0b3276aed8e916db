package io.tutti.sim;

import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated user: long-term tastes, a drifting mood, an activity rate and the scenarios they
 * mostly use. Drawn from the world's seed and the user's number alone, so any user can be rebuilt
 * without the others (see docs/simulator.md for the distributions).
 */
public final class Listener {
  /** Length of a mood block: the mood can change only between blocks. */
  static final long MOOD_BLOCK_SECONDS = 8 * 3600;

  /** Chance that the mood changes at the start of a block. */
  static final double MOOD_SWITCH = 0.4;

  /** Chance that a new mood is one of the user's long-term interests. */
  static final double MOOD_FROM_INTERESTS = 0.65;

  /** Age bands, from the youngest; older listeners prefer older music. */
  static final List<String> AGE_BANDS = List.of("teen", "young", "adult", "middle", "senior");

  private final long seed;
  private final Catalogue catalogue;

  final int id;
  final int[] interestGenres;
  final double[] interestWeights;
  final double[] interestVectors;
  final double playsPerDay;
  final double[] surfaceWeights;
  final double eraCentre;
  final int ageBand;
  final double bias;
  final int preferredHour;

  Listener(long seed, Catalogue catalogue, int id, List<Surface> surfaces) {
    this.seed = seed;
    this.catalogue = catalogue;
    this.id = id;
    int dim = catalogue.dim;
    SplittableRandom random = Draws.random(seed, 0x75736572L, id);

    // Long-term tastes: 1 to 4 interests, each a genre with a personal twist, mixed by weights.
    int interests = 1;
    while (interests < 4 && random.nextDouble() < 0.5) {
      interests++;
    }
    interestGenres = new int[interests];
    interestWeights = new double[interests];
    interestVectors = new double[interests * dim];
    double total = 0;
    for (int k = 0; k < interests; k++) {
      interestGenres[k] = catalogue.genre(random);
      interestWeights[k] = Draws.exponential(random, 1.0) + 0.05;
      total += interestWeights[k];
      for (int d = 0; d < dim; d++) {
        interestVectors[k * dim + d] =
            catalogue.genreCentres[interestGenres[k] * dim + d]
                + 0.3 / StrictMath.sqrt(dim) * Draws.gaussian(random);
      }
    }
    for (int k = 0; k < interests; k++) {
      interestWeights[k] /= total;
    }

    // Activity: log-normal plays per day, so most users listen little and a few a great deal.
    playsPerDay =
        Math.max(0.03, Math.min(80, StrictMath.exp(StrictMath.log(0.7) + 1.25 * gauss(random))));

    // One or two scenarios used most; the others now and then.
    double[] shares = new double[surfaces.size()];
    for (int s = 0; s < shares.length; s++) {
      shares[s] = surfaces.get(s).sessionShare();
    }
    double[] cumulative = Draws.cumulative(shares);
    surfaceWeights = new double[surfaces.size()];
    java.util.Arrays.fill(surfaceWeights, 0.04);
    surfaceWeights[Draws.pick(cumulative, random)] = 1.0;
    if (random.nextDouble() < 0.6) {
      int second = Draws.pick(cumulative, random);
      surfaceWeights[second] = Math.max(surfaceWeights[second], 0.5);
    }

    eraCentre = 2012 + 9 * gauss(random);
    int band = (int) StrictMath.floor((2026 - eraCentre) / 8.0 + 0.6 * gauss(random));
    ageBand = Math.max(0, Math.min(AGE_BANDS.size() - 1, band));
    bias = 0.4 * gauss(random);
    preferredHour = (int) Math.floorMod(StrictMath.round(20 + 4 * gauss(random)), 24L);
  }

  private static double gauss(SplittableRandom random) {
    return Draws.gaussian(random);
  }

  /** The user's number. */
  public int id() {
    return id;
  }

  /** The user id as written in the files. */
  public String userId() {
    return "u" + id;
  }

  /** Expected plays per day outside the recommendation surfaces. */
  public double playsPerDay() {
    return playsPerDay;
  }

  /** The age band, one of {@link #AGE_BANDS}. */
  public String ageBand() {
    return AGE_BANDS.get(ageBand);
  }

  /** The genres of the user's long-term interests. */
  public int[] interestGenres() {
    return interestGenres.clone();
  }

  /**
   * The genre of the user's mood at {@code time} (epoch seconds). The mood holds for blocks of 8
   * hours and changes at the start of a block with probability 0.4, to one of the user's interests
   * (0.65) or to any genre by its overall weight; computed without state, from the last block where
   * it changed.
   */
  public int moodGenre(long time) {
    long block = Math.floorDiv(time, MOOD_BLOCK_SECONDS);
    long changed = block;
    for (int back = 0; back < 64; back++, changed--) {
      if (Draws.uniform(seed, 0x6d6f6f64L, id, changed) < MOOD_SWITCH) {
        break;
      }
    }
    SplittableRandom random = Draws.random(seed, 0x6d6f6f67L, id, changed);
    if (random.nextDouble() < MOOD_FROM_INTERESTS) {
      return interestGenres[Draws.pick(Draws.cumulative(interestWeights), random)];
    }
    return catalogue.genre(random);
  }

  /** One of the user's interest genres, drawn by weight. */
  int interestGenre(SplittableRandom random) {
    double target = random.nextDouble();
    double sum = 0;
    for (int k = 0; k < interestWeights.length; k++) {
      sum += interestWeights[k];
      if (target < sum) {
        return interestGenres[k];
      }
    }
    return interestGenres[interestGenres.length - 1];
  }
}

package io.tutti.sim;

/**
 * The label model of the music world: the true probability of every task of a scenario for a user,
 * an item and a moment. docs/simulator.md states the same formulas for readers.
 *
 * <p>A part is shared by every scenario, the user's interest in the item:
 *
 * <pre>
 *   long  = (1/4) log sum_k w_k exp(4 u_k . v)    (soft maximum over the long-term interests)
 *   mood  = c_mood(t) . v                          (the centre of the current mood's genre)
 *   era   = -|year - era centre| / 15
 *   pop   = standardised log popularity
 * </pre>
 *
 * <p>Each scenario weighs these differently and adds its own base rate and private effects: {@code
 * logit(first task) = base + L long + M mood + E era + P pop + bias + hour + private}. The other
 * tasks are conditional on the first: {@code P(complete) = P(play) P(complete | play)}, each
 * conditional with its own logit.
 */
final class GroundTruth {
  /** Sharpness of the soft maximum over interests. */
  static final double SHARPNESS = 4.0;

  // Per scenario, in Surface order: daily, stream, playlist, mgc, podcast.
  static final double[] LONG = {2.6, 1.6, 2.2, 1.6, 1.8};
  static final double[] MOOD = {0.7, 1.9, 0.6, 0.5, 1.0};
  static final double[] ERA = {0.8, 0.5, 0.4, 0.4, 0.0};
  static final double[] POP = {0.10, 0.30, 0.35, 0.20, 0.30};
  static final double[] BASE = {-2.6, -1.6, -4.5, -3.6, -3.9};

  /**
   * The hour of the day at which each scenario is most engaging: the daily list in the morning, the
   * stream on the way home, playlists late in the evening, podcasts on the way to work.
   */
  static final int[] PEAK_HOUR = {8, 18, 21, 21, 7};

  /** The amplitude of the time-of-day effect on the first task's logit. */
  static final double HOUR_GAIN = 0.3;

  /** Per scenario, the base of each conditional task (in the scenario's task order, first 0). */
  static final double[][] CONDITIONAL_BASE = {
    {0, -0.9, -4.4}, {0, -1.3, -4.8, -6.6}, {0, -2.2}, {0, -1.9}, {0, -1.6}
  };

  private final Catalogue catalogue;
  private final long seed;
  private final long start;
  private final long end;

  GroundTruth(Catalogue catalogue, WorldSettings settings) {
    this.catalogue = catalogue;
    this.seed = settings.seed();
    this.start = settings.startSecond();
    this.end = settings.endSecond();
  }

  /**
   * The probability of the first task and of each other task given the first, in the scenario's
   * task order: {@code [P(first), P(second | first), ...]}.
   */
  double[] conditionals(Listener user, Surface surface, int item, Moment moment) {
    int s = surface.ordinal();
    ItemTable items = catalogue.items(surface.itemKind());
    double longTerm = longTermInterest(user, items, item);
    double mood = items.dot(item, catalogue.genreCentres, user.moodGenre(moment.time()));
    double era =
        surface.itemKind() == Surface.ItemKind.PODCAST
            ? 0
            : -Math.abs(items.year[item] - user.eraCentre) / 15.0;
    double pop = items.popularity[item];
    double interest = LONG[s] * longTerm + MOOD[s] * mood + ERA[s] * era + POP[s] * pop;
    double context = user.bias + hourEffect(s, moment.time());

    double[] p = new double[surface.tasks().size()];
    double[] base = CONDITIONAL_BASE[s];
    switch (surface) {
      case DAILY -> {
        // The list is read top down: each place lower costs a little attention.
        p[0] = BASE[s] + interest + context - 0.035 * moment.position();
        p[1] = base[1] + 0.5 * interest;
        p[2] = base[2] + 1.8 * longTerm + 0.5 * user.bias;
      }
      case STREAM -> {
        // Skips in the session mean the feed has lost the user: less play and completion.
        int skips = Math.min(8, moment.sessionSkips());
        p[0] = BASE[s] + interest + context - 0.22 * skips + deviceEffect(moment.device());
        p[1] = base[1] + 0.5 * interest - 0.1 * skips;
        p[2] = base[2] + 1.8 * longTerm + 0.5 * user.bias;
        p[3] = base[3] + 1.0 * longTerm + 0.5 * pop;
      }
      case PLAYLIST -> {
        double cover = catalogue.playlistCover[item] - 0.5;
        double size = StrictMath.log(catalogue.playlistSongs[item].length / 30.0);
        p[0] = BASE[s] + interest + context + 1.4 * cover + badgeEffect(moment);
        p[1] = base[1] + 1.6 * longTerm + 0.35 * size;
      }
      case MGC -> {
        double cover = catalogue.editorialCover[item] - 0.5;
        int editor = catalogue.editorialEditor[item];
        p[0] = BASE[s] + interest + context + 2.2 * cover + editorEffect(editor);
        p[1] = base[1] + 1.6 * longTerm + 0.2 * cover;
      }
      case PODCAST -> {
        double minutes = catalogue.podcastMinutes[item];
        p[0] = BASE[s] + interest + context;
        p[1] = base[1] + 1.0 * longTerm - 0.012 * (minutes - 30);
      }
    }
    for (int k = 0; k < p.length; k++) {
      p[k] = Draws.sigmoid(p[k]);
    }
    return p;
  }

  /** The soft maximum of the user's interests' affinity to the item, weighted by interest. */
  static double longTermInterest(Listener user, ItemTable items, int item) {
    double sum = 0;
    for (int k = 0; k < user.interestWeights.length; k++) {
      sum +=
          user.interestWeights[k]
              * StrictMath.exp(SHARPNESS * items.dot(item, user.interestVectors, k));
    }
    return StrictMath.log(sum) / SHARPNESS;
  }

  /**
   * The time-of-day effect: {@code 0.3 cos(2 pi (hour - peak) / 24)}, +0.3 at the scenario's peak
   * hour (UTC), -0.3 twelve hours away.
   */
  static double hourEffect(int s, long time) {
    double hour = Math.floorMod(time, 86_400L) / 3600.0;
    return HOUR_GAIN * StrictMath.cos(2 * StrictMath.PI * (hour - PEAK_HOUR[s]) / 24);
  }

  /** A device's small effect on play, N(0, 0.15): mostly noise to a model that memorises it. */
  double deviceEffect(int device) {
    return 0.15 * Draws.gaussian(Draws.random(seed, 0x64657669L, device));
  }

  /** An editor's effect on clicks, N(0, 0.3). */
  double editorEffect(int editor) {
    return 0.3 * Draws.gaussian(Draws.random(seed, 0x65646974L, editor));
  }

  /**
   * The effect of the playlist badge on clicks. {@code new} adds 0.3 throughout; {@code hot} adds
   * 0.9 at the start of the sample period and falls linearly to -0.6 at its end, as the badge is
   * overused: a feature whose meaning drifts, so a model fitted on early data misreads it later.
   */
  double badgeEffect(Moment moment) {
    return switch (moment.badge()) {
      case 1 -> {
        double progress =
            Math.max(0, Math.min(1, (moment.time() - start) / (double) (end - start)));
        yield 0.9 - 1.5 * progress;
      }
      case 2 -> 0.3;
      default -> 0;
    };
  }
}

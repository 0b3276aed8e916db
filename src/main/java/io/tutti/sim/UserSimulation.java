package io.tutti.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Simulates one user from the start of the pre-period to the end of the sample period: the plays of
 * their own listening, then the recommendation sessions of the sample period, whose samples go to
 * the sample file and whose plays go to the play log. A pure function of the world and the user's
 * number (all draws come from the user's own random stream), so users can be simulated in any
 * order, on any thread, or on a Spark executor.
 *
 * <p>Columns of a sample row, in order: {@link #HEADER} (private features last, in scenario order;
 * {@code podcast_minutes} only when the podcast scenario is on).
 */
final class UserSimulation {
  /** The sample columns before the private features. */
  static final List<String> HEADER =
      List.of(
          "scenario",
          "user_id",
          "item_id",
          "ts",
          "age_band",
          "artist",
          "genre",
          "release_year",
          "hour",
          "weekday",
          "play",
          "complete",
          "like",
          "share",
          "click",
          "collect",
          "oracle_play",
          "oracle_complete",
          "oracle_like",
          "oracle_share",
          "oracle_click",
          "oracle_collect",
          "daily_position",
          "session_skips",
          "stream_device",
          "playlist_cover",
          "playlist_size",
          "playlist_badge",
          "mgc_cover",
          "mgc_editor");

  /** The private feature columns of the four default scenarios, in {@link #HEADER} order. */
  static final List<String> PRIVATE_COLUMNS =
      HEADER.subList(HEADER.indexOf("daily_position"), HEADER.size());

  /** The podcast scenario's private column, last when the scenario is on. */
  static final String PODCAST_COLUMN = "podcast_minutes";

  /** Chance that a play of the user's own listening replays a song from their history. */
  static final double REPLAY = 0.35;

  /** Chance that a fresh song of the user's own listening follows the mood (else an interest). */
  static final double ORGANIC_MOOD = 0.45;

  /** Chance that a fresh song is just popular, of any genre. */
  static final double ORGANIC_POPULAR = 0.12;

  /** Items shown per session: daily list, stream (mean), playlists, editorial, podcasts. */
  static final int DAILY_LIST = 30;

  static final double STREAM_MEAN = 10;
  static final int PLAYLIST_PAGE = 8;
  static final int EDITORIAL_PAGE = 5;
  static final int PODCAST_PAGE = 6;

  private final MusicWorld world;
  private final WorldSettings settings;
  private final Catalogue catalogue;
  private final List<Surface> surfaces;
  private final boolean podcast;
  // Parsed once: the settings hold the start as ISO-8601 text.
  private final long sampleStart;
  private final long historyStart;

  /** Counts of what one call wrote, accumulated by the caller. */
  long[] samplesPerSurface;

  long plays;

  UserSimulation(MusicWorld world) {
    this.world = world;
    this.settings = world.settings();
    this.catalogue = world.catalogue();
    this.surfaces = world.surfaces();
    this.podcast = settings.podcast();
    this.sampleStart = settings.startSecond();
    this.historyStart = settings.historyStartSecond();
    this.samplesPerSurface = new long[Surface.values().length];
  }

  /** Simulates user {@code id}, writing sample rows to {@code samples} and plays to {@code log}. */
  void run(int id, RowSink samples, RowSink log) throws IOException {
    Listener user = world.listener(id);
    SplittableRandom random = Draws.random(settings.seed(), 0x73696d75L, id);
    String userId = user.userId();

    // The user's own listening, pre-period and sample period alike: the history that long
    // sequences are cut from. Old favourites come back through replays.
    int[] history = new int[64];
    int heard = 0;
    long day0 = historyStart;
    int days = settings.historyDays() + settings.sampleDays();
    for (int day = 0; day < days; day++) {
      long dayStart = day0 + day * 86_400L;
      int weekday = weekday(dayStart);
      double rate = user.playsPerDay * (weekday >= 5 ? 1.25 : 0.9);
      int count = Draws.poisson(random, rate);
      int sessionsToday = 1 + (count > 8 ? 1 : 0) + (count > 25 ? 1 : 0);
      int done = 0;
      for (int session = 0; session < sessionsToday; session++) {
        int length = session == sessionsToday - 1 ? count - done : count / sessionsToday;
        long time = dayStart + hour(user, random) * 3600L + random.nextInt(3600);
        for (int k = 0; k < length; k++) {
          time += 150 + random.nextInt(120);
          int song = organicSong(user, time, history, heard, random);
          if (heard == history.length) {
            history = java.util.Arrays.copyOf(history, history.length * 2);
          }
          history[heard++] = song;
          play(log, userId, song, time);
        }
        done += length;
      }
    }

    // Recommendation sessions of the sample period, more for more active users.
    double sessionsPerDay = Math.min(6, 0.16 * StrictMath.pow(user.playsPerDay, 0.6));
    int sessions = Draws.poisson(random, sessionsPerDay * settings.sampleDays());
    boolean[] dailyShown = new boolean[settings.sampleDays()];
    double[] surfaceCumulative = Draws.cumulative(user.surfaceWeights);
    for (int session = 0; session < sessions; session++) {
      Surface surface = surfaces.get(Draws.pick(surfaceCumulative, random));
      int day = random.nextInt(settings.sampleDays());
      long time = sampleStart + day * 86_400L + hour(user, random) * 3600L + random.nextInt(3600);
      switch (surface) {
        case DAILY -> {
          // One list a day: a second visit the same day sees the same list, so it is not logged.
          if (!dailyShown[day]) {
            dailyShown[day] = true;
            daily(user, time, samples, log, random);
          }
        }
        case STREAM -> stream(user, time, samples, log, random);
        case PLAYLIST, MGC -> playlists(user, surface, time, samples, log, random);
        case PODCAST -> page(user, surface, time, PODCAST_PAGE, samples, random);
      }
    }
  }

  private void daily(Listener user, long time, RowSink samples, RowSink log, SplittableRandom r)
      throws IOException {
    for (int position = 0; position < DAILY_LIST; position++) {
      long at = time + 120L * position;
      int song = world.candidate(user, Surface.DAILY, at, r);
      Moment moment = new Moment(at, position, 0, 0, 0);
      boolean[] labels = sample(user, Surface.DAILY, song, moment, samples, r);
      if (labels[0]) {
        play(log, user.userId(), song, at);
      }
    }
  }

  private void stream(Listener user, long time, RowSink samples, RowSink log, SplittableRandom r)
      throws IOException {
    int length = 3 + (int) Draws.exponential(r, STREAM_MEAN - 3);
    int device = world.device(user.id, r);
    int skips = 0;
    long at = time;
    for (int k = 0; k < length; k++) {
      int song = world.candidate(user, Surface.STREAM, at, r);
      Moment moment = new Moment(at, 0, skips, device, 0);
      boolean[] labels = sample(user, Surface.STREAM, song, moment, samples, r);
      if (labels[0]) {
        play(log, user.userId(), song, at);
      }
      // A song not listened to the end is a skip; the feed moves on sooner after one.
      if (!labels[1]) {
        skips++;
        at += 20 + r.nextInt(40);
      } else {
        at += 150 + r.nextInt(120);
      }
    }
  }

  private void playlists(
      Listener user, Surface surface, long time, RowSink samples, RowSink log, SplittableRandom r)
      throws IOException {
    int page = surface == Surface.PLAYLIST ? PLAYLIST_PAGE : EDITORIAL_PAGE;
    int[][] members =
        surface == Surface.PLAYLIST ? catalogue.playlistSongs : catalogue.editorialSongs;
    long opened = time + 40L * page;
    for (int k = 0; k < page; k++) {
      long at = time + 5L * k;
      int item = world.candidate(user, surface, at, r);
      Moment moment = new Moment(at, 0, 0, 0, surface == Surface.PLAYLIST ? world.badge(r) : 0);
      boolean[] labels = sample(user, surface, item, moment, samples, r);
      // An opened playlist is listened to: a few of its songs join the play log.
      if (labels[0]) {
        int listened = 2 + r.nextInt(4);
        for (int j = 0; j < listened; j++) {
          opened += 150 + r.nextInt(120);
          int[] songs = members[item];
          play(log, user.userId(), songs[r.nextInt(songs.length)], opened);
        }
      }
    }
  }

  private void page(
      Listener user, Surface surface, long time, int size, RowSink samples, SplittableRandom r)
      throws IOException {
    for (int k = 0; k < size; k++) {
      long at = time + 5L * k;
      int item = world.candidate(user, surface, at, r);
      sample(user, surface, item, new Moment(at, 0, 0, 0, 0), samples, r);
    }
  }

  /** Draws the labels of one sample, writes its row, and returns the labels in task order. */
  private boolean[] sample(
      Listener user, Surface surface, int item, Moment moment, RowSink out, SplittableRandom r)
      throws IOException {
    double[] conditionals = world.conditionals(user, surface, item, moment);
    double[] oracle = MusicWorld.joint(conditionals);
    List<String> tasks = surface.tasks();
    boolean[] labels = new boolean[tasks.size()];
    labels[0] = r.nextDouble() < conditionals[0];
    for (int k = 1; k < labels.length; k++) {
      // Drawn even when the first task is negative, so that every sample uses the same draws.
      boolean given = r.nextDouble() < conditionals[k];
      labels[k] = labels[0] && given;
    }

    long time = moment.time();
    out.text(surface.id()).text(user.userId()).text(world.itemId(surface, item)).integer(time);
    publicFeatures(user, surface, item, time, out);
    for (String task : Surface.ALL_TASKS) {
      int k = tasks.indexOf(task);
      if (k < 0) {
        out.empty();
      } else {
        out.integer(labels[k] ? 1 : 0);
      }
    }
    for (String task : Surface.ALL_TASKS) {
      int k = tasks.indexOf(task);
      if (k < 0) {
        out.empty();
      } else {
        out.decimal(oracle[k], 6);
      }
    }
    privateFeatures(surface, item, moment, out);
    out.end();
    samplesPerSurface[surface.ordinal()]++;
    return labels;
  }

  /**
   * The raw feature values of a sample as the sample files hold them, by column: ids, time, public
   * features and the scenario's private features; no label, no oracle.
   */
  Map<String, Object> features(Listener user, Surface surface, int item, Moment moment) {
    FeatureRow row = new FeatureRow(columns());
    long time = moment.time();
    row.text(surface.id()).text(user.userId()).text(world.itemId(surface, item)).integer(time);
    publicFeatures(user, surface, item, time, row);
    privateFeatures(surface, item, moment, row.at(PRIVATE_COLUMNS.get(0)));
    return row.values();
  }

  /** Every play of user {@code id} in the play log, oldest first. */
  List<Play> plays(int id) {
    PlayCollector plays = new PlayCollector();
    try {
      run(id, new CsvText(Writer.nullWriter()), plays);
    } catch (IOException e) {
      throw new UncheckedIOException("Writing to a null writer failed", e);
    }
    List<Play> sorted = new ArrayList<>(plays.plays());
    sorted.sort(Comparator.comparingLong(Play::time));
    return sorted;
  }

  /** The sample columns of this world: {@link #HEADER}, then the podcast's when it is on. */
  List<String> columns() {
    if (!podcast) {
      return HEADER;
    }
    List<String> columns = new ArrayList<>(HEADER);
    columns.add(PODCAST_COLUMN);
    return columns;
  }

  private void publicFeatures(Listener user, Surface surface, int item, long time, RowSink out) {
    ItemTable items = catalogue.items(surface.itemKind());
    out.text(user.ageBand());
    if (surface.itemKind() == Surface.ItemKind.SONG) {
      out.text('a', catalogue.songArtist[item]);
    } else {
      out.empty();
    }
    out.text('g', items.genre[item]).integer(items.year[item]);
    out.integer(Math.floorMod(time, 86_400L) / 3600).integer(weekday(time));
  }

  private void privateFeatures(Surface surface, int item, Moment moment, RowSink out) {
    if (surface == Surface.DAILY) {
      out.integer(moment.position());
    } else {
      out.empty();
    }
    if (surface == Surface.STREAM) {
      out.integer(moment.sessionSkips()).text('d', moment.device());
    } else {
      out.empty().empty();
    }
    if (surface == Surface.PLAYLIST) {
      out.decimal(catalogue.playlistCover[item], 3)
          .integer(catalogue.playlistSongs[item].length)
          .text(Moment.BADGES.get(moment.badge()));
    } else {
      out.empty().empty().empty();
    }
    if (surface == Surface.MGC) {
      out.decimal(catalogue.editorialCover[item], 3).text('e', catalogue.editorialEditor[item]);
    } else {
      out.empty().empty();
    }
    if (podcast) {
      if (surface == Surface.PODCAST) {
        out.decimal(catalogue.podcastMinutes[item], 1);
      } else {
        out.empty();
      }
    }
  }

  private int organicSong(
      Listener user, long time, int[] history, int heard, SplittableRandom random) {
    if (heard > 0 && random.nextDouble() < REPLAY) {
      // Uniform over past plays: a song played often is replayed often.
      return history[random.nextInt(heard)];
    }
    double r = random.nextDouble();
    if (r < ORGANIC_POPULAR) {
      return catalogue.songs.popular(random);
    }
    if (r < ORGANIC_POPULAR + ORGANIC_MOOD) {
      return catalogue.songs.inGenre(user.moodGenre(time), random);
    }
    return catalogue.songs.inGenre(user.interestGenre(random), random);
  }

  private void play(RowSink log, String userId, int song, long time) throws IOException {
    log.text(userId).text('s', song).integer(time).end();
    plays++;
  }

  /** The hour of a session: around the user's preferred hour. */
  private static int hour(Listener user, SplittableRandom random) {
    return (int)
        Math.floorMod(StrictMath.round(user.preferredHour + 3 * Draws.gaussian(random)), 24);
  }

  /** Day of the week, 0 Monday to 6 Sunday (1970-01-01 was a Thursday). */
  static int weekday(long time) {
    return (int) Math.floorMod(Math.floorDiv(time, 86_400L) + 3, 7L);
  }
}

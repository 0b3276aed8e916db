package io.tutti.sim;

import io.tutti.common.TuttiException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Everything that decides a simulated music world, besides the code: with the same settings the
 * simulator writes the same bytes. Immutable; every value is checked when the record is built.
 *
 * <p>The defaults ({@link #defaults()}) give a world of about 450,000 samples and 3 million plays
 * that the whole demo trains on in minutes on two cores.
 *
 * @param seed the seed every random draw derives from; default 42
 * @param users listeners; default 20,000
 * @param podcast whether the fifth scenario, {@code podcast}, is on; default false
 * @param songs songs in the catalogue; default 30,000
 * @param artists artists; default 3,000
 * @param genres genres, the latent clusters of taste; default 24
 * @param playlists recommended (user-made) playlists; default 3,000
 * @param editorialPlaylists editorial playlists of the {@code mgc} scenario; default 300
 * @param podcasts podcast shows; default 800
 * @param latentDim width of the latent taste space; default 16
 * @param start the first moment of the sample period, ISO-8601; default 2026-03-02T00:00:00Z
 * @param historyDays days of plays before the sample period (the pre-period); default 90
 * @param sampleDays days of the sample period; default 14
 * @param usersPerShard users per output file; default 2,000
 * @param longLength {@code max_length} of the long sequence in the written config; default 1,000
 * @param midLength {@code max_length} of the mid sequence; default 200
 * @param shortLength {@code max_length} of the short sequence; default 30
 */
public record WorldSettings(
    long seed,
    int users,
    boolean podcast,
    int songs,
    int artists,
    int genres,
    int playlists,
    int editorialPlaylists,
    int podcasts,
    int latentDim,
    String start,
    int historyDays,
    int sampleDays,
    int usersPerShard,
    int longLength,
    int midLength,
    int shortLength) {

  public WorldSettings {
    atLeast("users", users, 1);
    atLeast("songs", songs, 100);
    atLeast("artists", artists, 1);
    atLeast("genres", genres, 2);
    atLeast("playlists", playlists, 10);
    atLeast("editorial_playlists", editorialPlaylists, 5);
    atLeast("podcasts", podcasts, 5);
    atLeast("latent_dim", latentDim, 2);
    atLeast("history_days", historyDays, 1);
    atLeast("sample_days", sampleDays, 1);
    atLeast("users_per_shard", usersPerShard, 1);
    atLeast("long_length", longLength, 1);
    atLeast("mid_length", midLength, 1);
    atLeast("short_length", shortLength, 1);
    if (artists > songs) {
      throw new TuttiException(
          "World setting artists: seen " + artists + "; accepted: at most songs (" + songs + ").");
    }
    atMost("long_length", longLength, 10_000);
    atMost("mid_length", midLength, 10_000);
    atMost("short_length", shortLength, 10_000);
    if (start == null) {
      throw new TuttiException("World setting start: missing; accepted: an ISO-8601 instant.");
    }
    try {
      Instant.parse(start);
    } catch (DateTimeParseException e) {
      throw new TuttiException(
          "World setting start: seen '"
              + start
              + "'; accepted: an ISO-8601 instant such as 2026-03-02T00:00:00Z.");
    }
  }

  /** The default world. */
  public static WorldSettings defaults() {
    return new WorldSettings(
        42,
        20_000,
        false,
        30_000,
        3_000,
        24,
        3_000,
        300,
        800,
        16,
        "2026-03-02T00:00:00Z",
        90,
        14,
        2_000,
        1_000,
        200,
        30);
  }

  /** These settings with another seed. */
  public WorldSettings withSeed(long newSeed) {
    return new WorldSettings(
        newSeed,
        users,
        podcast,
        songs,
        artists,
        genres,
        playlists,
        editorialPlaylists,
        podcasts,
        latentDim,
        start,
        historyDays,
        sampleDays,
        usersPerShard,
        longLength,
        midLength,
        shortLength);
  }

  /** These settings with another number of users. */
  public WorldSettings withUsers(int newUsers) {
    return new WorldSettings(
        seed,
        newUsers,
        podcast,
        songs,
        artists,
        genres,
        playlists,
        editorialPlaylists,
        podcasts,
        latentDim,
        start,
        historyDays,
        sampleDays,
        usersPerShard,
        longLength,
        midLength,
        shortLength);
  }

  /** These settings with the podcast scenario switched on or off. */
  public WorldSettings withPodcast(boolean on) {
    return new WorldSettings(
        seed,
        users,
        on,
        songs,
        artists,
        genres,
        playlists,
        editorialPlaylists,
        podcasts,
        latentDim,
        start,
        historyDays,
        sampleDays,
        usersPerShard,
        longLength,
        midLength,
        shortLength);
  }

  /** These settings with other {@code max_length}s of the long, mid and short sequences. */
  public WorldSettings withSequenceLengths(int newLong, int newMid, int newShort) {
    return new WorldSettings(
        seed,
        users,
        podcast,
        songs,
        artists,
        genres,
        playlists,
        editorialPlaylists,
        podcasts,
        latentDim,
        start,
        historyDays,
        sampleDays,
        usersPerShard,
        newLong,
        newMid,
        newShort);
  }

  /**
   * A small world for tests and quick looks: few songs and playlists, a short pre-period, the given
   * users.
   */
  public static WorldSettings tiny(long seed, int users) {
    return new WorldSettings(
        seed,
        users,
        false,
        2_000,
        200,
        8,
        200,
        40,
        60,
        8,
        "2026-03-02T00:00:00Z",
        30,
        7,
        50,
        300,
        100,
        20);
  }

  /** The first second of the sample period, epoch seconds. */
  public long startSecond() {
    return Instant.parse(start).getEpochSecond();
  }

  /** One past the last second of the sample period, epoch seconds. */
  public long endSecond() {
    return startSecond() + sampleDays * 86_400L;
  }

  /** The first second of the pre-period, epoch seconds. */
  public long historyStartSecond() {
    return startSecond() - historyDays * 86_400L;
  }

  /** Output files: one per {@link #usersPerShard} users. */
  public int shards() {
    return (int) ((users + (long) usersPerShard - 1) / usersPerShard);
  }

  private static void atMost(String name, long value, long maximum) {
    if (value > maximum) {
      throw new TuttiException(
          "World setting " + name + ": seen " + value + "; accepted: at most " + maximum + ".");
    }
  }

  private static void atLeast(String name, long value, long minimum) {
    if (value < minimum) {
      throw new TuttiException(
          "World setting " + name + ": seen " + value + "; accepted: at least " + minimum + ".");
    }
  }
}

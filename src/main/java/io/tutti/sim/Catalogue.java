package io.tutti.sim;

import java.util.SplittableRandom;

/**
 * What the music world offers: genres (the latent centres of taste), artists, songs, user-made
 * playlists, editorial playlists and podcast shows. Built once from the seed; read-only afterwards.
 *
 * <p>Every vector lives in one latent space of width {@code dim}. A genre centre is a Gaussian
 * vector of norm about 1; an artist sits near its genre's centre (offset of norm about 0.35), a
 * song near its artist (offset of norm about 0.25). A playlist's vector is the mean of its songs'
 * vectors, so a playlist is as close to a taste as the songs it holds.
 */
final class Catalogue {
  /** Power-law exponent of song popularity: weight {@code (rank + 10)^-0.9}. */
  static final double SONG_POPULARITY = 0.9;

  /** Power-law exponent of the popularity of playlists, user-made and editorial. */
  static final double PLAYLIST_POPULARITY = 0.8;

  /** Power-law exponent of podcast popularity. */
  static final double PODCAST_POPULARITY = 1.0;

  /** Editors of the editorial playlists. */
  static final int EDITORS = 24;

  final int dim;
  final int genres;
  final double[] genreCentres;
  final double[] genreCumulative;
  final int[] songArtist;
  final ItemTable songs;
  final ItemTable playlists;
  final int[][] playlistSongs;
  final double[] playlistCover;
  final ItemTable editorial;
  final int[][] editorialSongs;
  final double[] editorialCover;
  final int[] editorialEditor;
  final ItemTable podcasts;
  final double[] podcastMinutes;

  Catalogue(WorldSettings settings) {
    dim = settings.latentDim();
    genres = settings.genres();
    long seed = settings.seed();
    SplittableRandom random = Draws.random(seed, 0x6361_7461L);

    // Genres: some far more listened to than others (Zipf 0.7 over the genre's index).
    genreCentres = gaussianRows(genres, 1.0, random);
    double[] genreWeights = new double[genres];
    for (int g = 0; g < genres; g++) {
      genreWeights[g] = StrictMath.pow(g + 1.0, -0.7);
    }
    genreCumulative = Draws.cumulative(genreWeights);

    // Artists: a genre each, a place near its centre, an era and a power-law following.
    int artistCount = settings.artists();
    int[] artistGenre = new int[artistCount];
    double[] artistVectors = new double[artistCount * dim];
    double[] artistEra = new double[artistCount];
    double[] artistOffsets = gaussianRows(artistCount, 0.35, random);
    for (int a = 0; a < artistCount; a++) {
      artistGenre[a] = Draws.pick(genreCumulative, random);
      for (int d = 0; d < dim; d++) {
        artistVectors[a * dim + d] =
            genreCentres[artistGenre[a] * dim + d] + artistOffsets[a * dim + d];
      }
      artistEra[a] = 2026 - Draws.exponential(random, 14);
    }
    double[] artistCumulative =
        Draws.cumulative(ItemTable.powerLawWeights(artistCount, 1.0, random));

    // Songs: by an artist drawn by following; the artist's genre, a year near the artist's era.
    int songCount = settings.songs();
    songArtist = new int[songCount];
    int[] songGenre = new int[songCount];
    int[] songYear = new int[songCount];
    double[] songVectors = gaussianRows(songCount, 0.25, random);
    for (int i = 0; i < songCount; i++) {
      int artist = Draws.pick(artistCumulative, random);
      songArtist[i] = artist;
      songGenre[i] = artistGenre[artist];
      for (int d = 0; d < dim; d++) {
        songVectors[i * dim + d] += artistVectors[artist * dim + d];
      }
      double year = artistEra[artist] + 3 * Draws.gaussian(random);
      songYear[i] = (int) Math.max(1950, Math.min(2026, StrictMath.round(year)));
    }
    songs =
        new ItemTable(
            songCount,
            dim,
            genres,
            songGenre,
            songVectors,
            songYear,
            ItemTable.powerLawWeights(songCount, SONG_POPULARITY, random));

    // User-made playlists: mostly one genre's songs, some popular songs of any genre.
    int playlistCount = settings.playlists();
    playlistSongs = new int[playlistCount][];
    playlistCover = new double[playlistCount];
    int[] playlistGenre = new int[playlistCount];
    for (int p = 0; p < playlistCount; p++) {
      playlistGenre[p] = Draws.pick(genreCumulative, random);
      int size = (int) Math.min(200, 10 + StrictMath.round(Draws.exponential(random, 30)));
      playlistSongs[p] = members(playlistGenre[p], size, 0.75, random);
      playlistCover[p] = StrictMath.pow(random.nextDouble(), 0.7);
    }
    playlists =
        meanOfSongs(
            playlistCount,
            playlistGenre,
            playlistSongs,
            ItemTable.powerLawWeights(playlistCount, PLAYLIST_POPULARITY, random));

    // Editorial playlists: tighter in genre, each signed by one of a few editors.
    int editorialCount = settings.editorialPlaylists();
    editorialSongs = new int[editorialCount][];
    editorialCover = new double[editorialCount];
    editorialEditor = new int[editorialCount];
    int[] editorialGenre = new int[editorialCount];
    for (int p = 0; p < editorialCount; p++) {
      editorialGenre[p] = Draws.pick(genreCumulative, random);
      int size = 30 + random.nextInt(51);
      editorialSongs[p] = members(editorialGenre[p], size, 0.9, random);
      editorialCover[p] = random.nextDouble();
      editorialEditor[p] = random.nextInt(EDITORS);
    }
    editorial =
        meanOfSongs(
            editorialCount,
            editorialGenre,
            editorialSongs,
            ItemTable.powerLawWeights(editorialCount, PLAYLIST_POPULARITY, random));

    // Podcast shows: a topic (genre) each, an episode length.
    int podcastCount = settings.podcasts();
    int[] podcastGenre = new int[podcastCount];
    double[] podcastVectors = gaussianRows(podcastCount, 0.4, random);
    podcastMinutes = new double[podcastCount];
    int[] podcastYear = new int[podcastCount];
    for (int c = 0; c < podcastCount; c++) {
      podcastGenre[c] = Draws.pick(genreCumulative, random);
      for (int d = 0; d < dim; d++) {
        podcastVectors[c * dim + d] += genreCentres[podcastGenre[c] * dim + d];
      }
      podcastMinutes[c] = Math.min(180, 8 + Draws.exponential(random, 35));
      podcastYear[c] = 2026 - Math.min(10, (int) Draws.exponential(random, 2));
    }
    podcasts =
        new ItemTable(
            podcastCount,
            dim,
            genres,
            podcastGenre,
            podcastVectors,
            podcastYear,
            ItemTable.powerLawWeights(podcastCount, PODCAST_POPULARITY, random));
  }

  /** The items a scenario shows. */
  ItemTable items(Surface.ItemKind kind) {
    return switch (kind) {
      case SONG -> songs;
      case PLAYLIST -> playlists;
      case EDITORIAL -> editorial;
      case PODCAST -> podcasts;
    };
  }

  /** A genre drawn by the genres' overall weight. */
  int genre(SplittableRandom random) {
    return Draws.pick(genreCumulative, random);
  }

  private int[] members(int genre, int size, double inGenre, SplittableRandom random) {
    int[] members = new int[size];
    for (int k = 0; k < size; k++) {
      members[k] =
          random.nextDouble() < inGenre ? songs.inGenre(genre, random) : songs.popular(random);
    }
    return members;
  }

  private ItemTable meanOfSongs(int count, int[] genre, int[][] members, double[] weights) {
    double[] vectors = new double[count * dim];
    int[] year = new int[count];
    for (int p = 0; p < count; p++) {
      long years = 0;
      for (int song : members[p]) {
        for (int d = 0; d < dim; d++) {
          vectors[p * dim + d] += songs.vectors[song * dim + d] / members[p].length;
        }
        years += songs.year[song];
      }
      year[p] = (int) (years / members[p].length);
    }
    return new ItemTable(count, dim, genres, genre, vectors, year, weights);
  }

  /** Rows of Gaussian vectors of norm about {@code norm}, flat {@code [rows * dim]}. */
  private double[] gaussianRows(int rows, double norm, SplittableRandom random) {
    double scale = norm / StrictMath.sqrt(dim);
    double[] values = new double[rows * dim];
    for (int i = 0; i < values.length; i++) {
      values[i] = scale * Draws.gaussian(random);
    }
    return values;
  }
}

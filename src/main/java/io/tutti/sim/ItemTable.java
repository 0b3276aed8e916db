package io.tutti.sim;

import java.util.SplittableRandom;

/**
 * The items of one kind (songs, playlists, editorial playlists or podcasts): latent vectors,
 * genres, release years and popularity, with the tables that draw an item by popularity, overall or
 * within a genre.
 *
 * <p>Vectors are stored flat, {@code [items * dim]}. Popularity follows a power law over a random
 * rank: {@code weight = 1 / (rank + 10)^exponent}; {@link #popularity} is its logarithm
 * standardised over the table (mean 0, standard deviation 1).
 */
final class ItemTable {
  final int size;
  final int dim;
  final double[] vectors;
  final int[] genre;
  final int[] year;
  final double[] popularity;

  private final double[] cumulative;
  private final int[] byGenre;
  private final int[] genreStart;
  private final double[] cumulativeByGenre;

  ItemTable(int size, int dim, int genres, int[] genre, double[] vectors, int[] year, double[] w) {
    this.size = size;
    this.dim = dim;
    this.genre = genre;
    this.vectors = vectors;
    this.year = year;
    this.cumulative = Draws.cumulative(w);

    // Items grouped by genre (stable, by id within a genre) with running sums over the whole
    // array, so that a pick within a genre is a binary search over its range.
    genreStart = new int[genres + 1];
    for (int i = 0; i < size; i++) {
      genreStart[genre[i] + 1]++;
    }
    for (int g = 0; g < genres; g++) {
      genreStart[g + 1] += genreStart[g];
    }
    byGenre = new int[size];
    int[] next = genreStart.clone();
    for (int i = 0; i < size; i++) {
      byGenre[next[genre[i]]++] = i;
    }
    double[] sorted = new double[size];
    for (int j = 0; j < size; j++) {
      sorted[j] = w[byGenre[j]];
    }
    cumulativeByGenre = Draws.cumulative(sorted);

    popularity = new double[size];
    double mean = 0;
    for (int i = 0; i < size; i++) {
      popularity[i] = StrictMath.log(w[i]);
      mean += popularity[i];
    }
    mean /= size;
    double variance = 0;
    for (int i = 0; i < size; i++) {
      variance += (popularity[i] - mean) * (popularity[i] - mean);
    }
    double sd = StrictMath.sqrt(variance / size) + 1e-12;
    for (int i = 0; i < size; i++) {
      popularity[i] = (popularity[i] - mean) / sd;
    }
  }

  /** Power-law popularity weights over a random permutation of ranks. */
  static double[] powerLawWeights(int size, double exponent, SplittableRandom random) {
    int[] rank = new int[size];
    for (int i = 0; i < size; i++) {
      rank[i] = i;
    }
    for (int i = size - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = rank[i];
      rank[i] = rank[j];
      rank[j] = swap;
    }
    double[] weights = new double[size];
    for (int i = 0; i < size; i++) {
      weights[i] = StrictMath.pow(rank[i] + 10.0, -exponent);
    }
    return weights;
  }

  /** An item drawn by popularity over the whole table. */
  int popular(SplittableRandom random) {
    return Draws.pick(cumulative, random);
  }

  /** An item of genre {@code g} drawn by popularity, or any popular item when g has none. */
  int inGenre(int g, SplittableRandom random) {
    int from = genreStart[g];
    int to = genreStart[g + 1];
    if (from == to) {
      return popular(random);
    }
    return byGenre[Draws.pick(cumulativeByGenre, from, to, random)];
  }

  /** The dot product of item {@code i}'s vector with {@code other}. */
  double dot(int i, double[] other) {
    double sum = 0;
    int offset = i * dim;
    for (int d = 0; d < dim; d++) {
      sum += vectors[offset + d] * other[d];
    }
    return sum;
  }

  /** The dot product of item {@code i}'s vector with row {@code row} of a flat matrix. */
  double dot(int i, double[] matrix, int row) {
    double sum = 0;
    int offset = i * dim;
    int other = row * dim;
    for (int d = 0; d < dim; d++) {
      sum += vectors[offset + d] * matrix[other + d];
    }
    return sum;
  }
}

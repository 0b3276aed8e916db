package io.tutti.data;

import java.util.SplittableRandom;

/**
 * The order in which a stream visits the positions {@code [0, size)} of a split: in order, or
 * shuffled in bounded memory.
 *
 * <p>The shuffle cuts the positions into windows of {@link #WINDOW} consecutive positions, visits
 * the windows in a random order and each window in a random permutation. Memory is one int per
 * window plus one window, whatever the split's size; the order is a pure function of seed and
 * epoch. A window of 64 Ki samples spans many users and moments, so a batch mixes them well, while
 * reads stay within a bounded stretch of the column files at a time.
 */
final class SampleOrder {
  /** Positions per shuffle window. */
  static final int WINDOW = 1 << 16;

  private final long size;
  private final boolean shuffle;
  private final long seed;
  private final int[] windowOrder;
  private final int[] permutation;
  private int windowIndex = -1;
  private int windowLength;
  private int inWindow;
  private long sequential;

  SampleOrder(long size, boolean shuffle, long seed, int epoch) {
    this.size = size;
    this.shuffle = shuffle;
    this.seed = mix(seed, epoch);
    if (shuffle) {
      int windows = (int) ((size + WINDOW - 1) / WINDOW);
      windowOrder = new int[windows];
      for (int w = 0; w < windows; w++) {
        windowOrder[w] = w;
      }
      shuffle(windowOrder, windows, new SplittableRandom(this.seed));
      permutation = new int[(int) Math.min(WINDOW, Math.max(1, size))];
    } else {
      windowOrder = null;
      permutation = null;
    }
  }

  /** The next position, or -1 at the end. */
  long next() {
    if (!shuffle) {
      return sequential < size ? sequential++ : -1;
    }
    if (windowIndex < 0 || inWindow == windowLength) {
      if (windowIndex + 1 >= windowOrder.length) {
        return -1;
      }
      windowIndex++;
      long start = (long) windowOrder[windowIndex] * WINDOW;
      windowLength = (int) Math.min(WINDOW, size - start);
      for (int i = 0; i < windowLength; i++) {
        permutation[i] = i;
      }
      shuffle(permutation, windowLength, new SplittableRandom(mix(seed, windowOrder[windowIndex])));
      inWindow = 0;
    }
    long start = (long) windowOrder[windowIndex] * WINDOW;
    return start + permutation[inWindow++];
  }

  private static void shuffle(int[] values, int length, SplittableRandom random) {
    for (int i = length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
  }

  /** A 64-bit mix of two values (the splitmix64 finaliser): seeds that differ in one bit differ. */
  static long mix(long a, long b) {
    long z = a * 0x9e3779b97f4a7c15L + b;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A uniform draw in [0, 1) that depends only on its three inputs. */
  static double uniform(long seed, int epoch, long index) {
    long bits = mix(mix(seed, epoch), index);
    return (bits >>> 11) * 0x1.0p-53;
  }
}

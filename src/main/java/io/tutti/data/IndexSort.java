package io.tutti.data;

/**
 * A stable merge sort of an {@code int[]} of indices under a comparator of the indexed items:
 * sorting the compile's parallel primitive arrays without boxing them.
 */
final class IndexSort {
  /** Compares the items at two indices. */
  @FunctionalInterface
  interface IndexComparator {
    int compare(int a, int b);
  }

  private static final int INSERTION_RUN = 32;

  private IndexSort() {}

  static void sort(int[] indices, IndexComparator comparator) {
    int n = indices.length;
    for (int start = 0; start < n; start += INSERTION_RUN) {
      insertionSort(indices, start, Math.min(n, start + INSERTION_RUN), comparator);
    }
    int[] from = indices;
    int[] to = new int[n];
    for (int width = INSERTION_RUN; width < n; width *= 2) {
      for (int left = 0; left < n; left += 2 * width) {
        int middle = Math.min(n, left + width);
        int right = Math.min(n, left + 2 * width);
        merge(from, to, left, middle, right, comparator);
      }
      int[] swap = from;
      from = to;
      to = swap;
    }
    if (from != indices) {
      System.arraycopy(from, 0, indices, 0, n);
    }
  }

  private static void insertionSort(int[] a, int from, int to, IndexComparator comparator) {
    for (int i = from + 1; i < to; i++) {
      int item = a[i];
      int j = i - 1;
      while (j >= from && comparator.compare(a[j], item) > 0) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = item;
    }
  }

  private static void merge(
      int[] from, int[] to, int left, int middle, int right, IndexComparator comparator) {
    int i = left;
    int j = middle;
    int k = left;
    while (i < middle && j < right) {
      to[k++] = comparator.compare(from[j], from[i]) < 0 ? from[j++] : from[i++];
    }
    while (i < middle) {
      to[k++] = from[i++];
    }
    while (j < right) {
      to[k++] = from[j++];
    }
  }
}

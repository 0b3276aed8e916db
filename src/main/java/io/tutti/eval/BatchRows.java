package io.tutti.eval;

import io.tutti.data.Batch;

/**
 * Copies samples between {@link Batch} objects of one configuration, row by row: how a simulated
 * request repeats one logged sample's user, context and sequences for every candidate.
 */
final class BatchRows {
  private BatchRows() {}

  /** Rows {@code batch} has room for. */
  static int capacity(Batch batch) {
    return batch.scenario.length;
  }

  /** Copies row {@code fromRow} of {@code from} over row {@code toRow} of {@code to}. */
  static void copy(Batch from, int fromRow, Batch to, int toRow) {
    int fromRows = capacity(from);
    int toRows = capacity(to);
    to.scenario[toRow] = from.scenario[fromRow];
    copy(from.categorical, fromRows, fromRow, to.categorical, toRows, toRow);
    copy(from.numeric, fromRows, fromRow, to.numeric, toRows, toRow);
    for (int f = 0; f < from.multiCategorical.length; f++) {
      copy(from.multiCategorical[f], fromRows, fromRow, to.multiCategorical[f], toRows, toRow);
    }
    for (int s = 0; s < from.privateCategorical.length; s++) {
      copy(from.privateCategorical[s], fromRows, fromRow, to.privateCategorical[s], toRows, toRow);
      copy(from.privateNumeric[s], fromRows, fromRow, to.privateNumeric[s], toRows, toRow);
      for (int f = 0; f < from.privateMultiCategorical[s].length; f++) {
        copy(
            from.privateMultiCategorical[s][f],
            fromRows,
            fromRow,
            to.privateMultiCategorical[s][f],
            toRows,
            toRow);
      }
    }
    for (int q = 0; q < from.sequences.length; q++) {
      copy(from.sequences[q], fromRows, fromRow, to.sequences[q], toRows, toRow);
      to.sequenceLengths[q][toRow] = from.sequenceLengths[q][fromRow];
    }
    copy(from.labels, fromRows, fromRow, to.labels, toRows, toRow);
    copy(from.labelMask, fromRows, fromRow, to.labelMask, toRows, toRow);
    if (from.oracle != null && to.oracle != null) {
      copy(from.oracle, fromRows, fromRow, to.oracle, toRows, toRow);
    }
    to.weight[toRow] = from.weight[fromRow];
    to.activity[toRow] = from.activity[fromRow];
    to.userKey[toRow] = from.userKey[fromRow];
    to.itemKey[toRow] = from.itemKey[fromRow];
    to.timestamp[toRow] = from.timestamp[fromRow];
    to.sampleIndex[toRow] = from.sampleIndex[fromRow];
  }

  /** Copies one row of a {@code [rows, width]} array; the width follows from the length. */
  static void copy(int[] from, int fromRows, int fromRow, int[] to, int toRows, int toRow) {
    int width = from.length / fromRows;
    System.arraycopy(from, fromRow * width, to, toRow * width, width);
  }

  /** Copies one row of a {@code [rows, width]} array; the width follows from the length. */
  static void copy(float[] from, int fromRows, int fromRow, float[] to, int toRows, int toRow) {
    int width = from.length / fromRows;
    System.arraycopy(from, fromRow * width, to, toRow * width, width);
  }
}

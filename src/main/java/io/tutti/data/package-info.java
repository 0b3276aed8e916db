/**
 * Samples: reading raw logs (CSV, JSON Lines, Parquet), the compiled columnar dataset, splits,
 * activity levels and batches.
 */
package io.tutti.data;

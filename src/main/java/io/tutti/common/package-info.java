/**
 * The floor every package stands on: user-facing errors, atomic file output, and CSV to Parquet.
 */
package io.tutti.common;

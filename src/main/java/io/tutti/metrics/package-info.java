/**
 * Binary-classification metrics shared by validation during training and by the evaluator: AUC with
 * ties, GAUC, logloss, COPC and bootstrap intervals. Pure functions over arrays.
 */
package io.tutti.metrics;

/**
 * Evaluation: metrics per scenario x task x activity level, model comparison, simulated A/B and the
 * report.
 */
package io.tutti.eval;

/**
 * Evaluation: metrics per scenario x task x activity level, model comparison, simulated A/B and the
 * report.
 *
 * <p>Besides model, data and metrics, this package reads the simulator ({@code io.tutti.sim}): the
 * simulated A/B test asks the world's ground truth how users respond to each model's lists. The
 * simulator knows nothing of models, so the dependency runs one way.
 */
package io.tutti.eval;

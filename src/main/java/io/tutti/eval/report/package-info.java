/**
 * The evaluation report: one self-contained HTML page, a Markdown summary and a console table, all
 * rendered from one {@link io.tutti.eval.EvaluationReport}, written beside {@code metrics.json}.
 */
package io.tutti.eval.report;

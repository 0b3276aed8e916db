/** Serving: one HTTP scoring server for every scenario, request replay, and the batch ranker. */
package io.tutti.serve;

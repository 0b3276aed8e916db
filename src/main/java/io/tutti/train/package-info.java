/**
 * Training: streams compiled datasets into the model, with sparse embedding updates, checkpoints
 * and early stopping.
 */
package io.tutti.train;

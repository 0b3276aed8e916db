/**
 * The models on TensorFlow Java: the unified multi-scenario multi-task model, its parts and the
 * baselines.
 */
package io.tutti.model;

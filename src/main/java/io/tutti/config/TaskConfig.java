package io.tutti.config;

/**
 * One prediction target.
 *
 * @param id unique, {@code [a-z][a-z0-9_]*}
 * @param labelColumn the raw column of its label (default: the id)
 * @param lossWeight its default weight in the summed loss; a scenario may override it
 * @param positiveThreshold null when labels are 0/1 or true/false; otherwise a raw value at or
 *     above it is a positive (e.g. a watch ratio)
 */
public record TaskConfig(
    String id, String labelColumn, double lossWeight, Double positiveThreshold) {}

package io.tutti.sim;

/**
 * One row of a simulated world's play log: a song a user played.
 *
 * @param time epoch seconds
 * @param itemId the song's id as written in the files (s123)
 */
public record Play(long time, String itemId) {}

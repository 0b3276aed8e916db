package io.tutti.config;

/**
 * One behaviour sequence cut from the behaviour log: the user's last events strictly before the
 * sample's time, the most recent first.
 *
 * @param id {@code long}, {@code mid} or {@code short}: its role in hierarchical attention
 * @param column the behaviour log's column whose values form the sequence
 * @param feature the categorical feature whose embedding table the values index
 * @param maxLength events kept, at most 10,000
 */
public record SequenceConfig(String id, String column, String feature, int maxLength) {

  /** The accepted sequence ids, in the order attention uses them. */
  public static final java.util.List<String> ROLES = java.util.List.of("long", "mid", "short");

  /** The longest sequence Tutti accepts. */
  public static final int MAX_LENGTH = 10_000;
}

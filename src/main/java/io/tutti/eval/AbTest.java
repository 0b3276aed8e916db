package io.tutti.eval;

import java.util.Map;

/**
 * A simulated A/B test of two models: per scenario, and per activity level within it, the expected
 * rate of each task among the items each model put in front of the same users, from the simulator's
 * true probabilities. The report renders it when present; docs/metrics.md gives its JSON form
 * ({@code abtest}).
 *
 * @param a the model of arm A, e.g. {@code unified}
 * @param b the model of arm B, e.g. {@code separate}
 * @param users simulated users served
 * @param seed seeds the requests and the bootstrap
 * @param scenarios scenario id to its results, in config order
 */
public record AbTest(String a, String b, int users, long seed, Map<String, Scenario> scenarios) {

  /**
   * One scenario's results.
   *
   * @param listSize items shown per request
   * @param candidates items each model ranked per request
   * @param requests requests served
   * @param rates task id to the two arms' rates over every request
   * @param activity activity level (0-10) to the same over that level's requests; a level without
   *     requests is absent
   */
  public record Scenario(
      int listSize,
      int candidates,
      long requests,
      Map<String, Rate> rates,
      Map<Integer, Level> activity) {}

  /**
   * The rates of one activity level.
   *
   * @param requests requests of users at this level
   * @param rates task id to the two arms' rates
   */
  public record Level(long requests, Map<String, Rate> rates) {}

  /**
   * One task's expected rate in each arm.
   *
   * @param a arm A's expected share of shown items acted on
   * @param b arm B's
   * @param lift {@code a / b - 1}
   * @param liftLow lower bound of the 95 % bootstrap interval (over requests) of the lift
   * @param liftHigh upper bound of that interval
   */
  public record Rate(double a, double b, double lift, double liftLow, double liftHigh) {}
}

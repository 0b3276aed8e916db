package io.tutti.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GaucTest {

  @Test
  void weighsEachUsersAucByImpressionsAndLeavesOutSingleClassUsers() {
    // User 1: 3 impressions, AUC 1. User 2: 2 impressions, AUC 0. User 3: only negatives,
    // left out with its 4 impressions. GAUC = (3 * 1 + 2 * 0) / 5.
    float[] scores = {0.1f, 0.9f, 0.8f, 0.7f, 0.2f, 0.5f, 0.5f, 0.5f, 0.5f};
    float[] labels = {0, 1, 1, 0, 1, 0, 0, 0, 0};
    long[] users = {1, 1, 1, 2, 2, 3, 3, 3, 3};
    Gauc.Result result = Gauc.compute(scores, labels, users, 9);
    assertEquals(0.6, result.value(), 1e-12);
    assertEquals(2, result.users());
    assertEquals(5, result.impressions());
  }

  @Test
  void groupsNeedNotBeContiguous() {
    float[] scores = {0.1f, 0.3f, 0.9f, 0.2f};
    float[] labels = {0, 0, 1, 1};
    long[] users = {7, 8, 7, 8};
    // User 7: (0.9 over 0.1) -> 1. User 8: positive 0.2 under negative 0.3 -> 0.
    assertEquals(0.5, Gauc.of(scores, labels, users, 4), 1e-12);
  }

  @Test
  void isNaNWhenNoUserHasBothClasses() {
    assertTrue(
        Double.isNaN(Gauc.of(new float[] {0.1f, 0.2f}, new float[] {1, 0}, new long[] {1, 2}, 2)));
  }
}

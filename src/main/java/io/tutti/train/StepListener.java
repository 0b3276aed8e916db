package io.tutti.train;

/**
 * Told after every optimisation step, once the step's checkpoint (if any) is written. Tests use it
 * to stop a run at a chosen step, as a kill would, and check that a resumed run ends the same.
 */
@FunctionalInterface
public interface StepListener {

  /**
   * @param step steps taken so far in the run, from 1
   */
  void afterStep(long step);
}

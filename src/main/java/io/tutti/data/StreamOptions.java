package io.tutti.data;

import io.tutti.common.TuttiException;
import java.util.Arrays;

/**
 * How a {@link BatchStream} walks one split: batch size, shuffling and negative sampling.
 *
 * <p>Sampling with rate {@code r} for scenario {@code s}: every sample of {@code s} with a positive
 * label (any of its tasks) is kept with weight 1; a sample of {@code s} without one is kept with
 * probability {@code r} and weight {@code 1/r}, so that the weighted loss stays unbiased and
 * predictions stay calibrated. The draw is a pure function of the seed, the epoch and the sample's
 * index, so a run repeats exactly.
 *
 * @param batchSize samples per batch at most; above 0 (a batch's capacity also bounds it)
 * @param shuffle whether samples come in a shuffled order (deterministic in seed and epoch)
 * @param seed seeds shuffling and sampling
 * @param epoch the pass number: another epoch gives another order and other sampling draws
 * @param samplingRates per scenario (in config order), each in (0, 1]; null keeps every sample
 * @param maxSamples stop after this many samples; 0 or less means no limit
 */
public record StreamOptions(
    int batchSize, boolean shuffle, long seed, int epoch, double[] samplingRates, long maxSamples) {

  public StreamOptions {
    if (batchSize <= 0) {
      throw new TuttiException("Stream batch size " + batchSize + " is not above 0.");
    }
    if (samplingRates != null) {
      samplingRates = samplingRates.clone();
      for (int s = 0; s < samplingRates.length; s++) {
        double rate = samplingRates[s];
        if (!(rate > 0 && rate <= 1)) {
          throw new TuttiException(
              "Sampling rate " + rate + " of scenario " + s + " is outside (0, 1].");
        }
      }
    }
  }

  /** Every sample once, in dataset order: how validation and test are read. */
  public static StreamOptions sequential(int batchSize) {
    return new StreamOptions(batchSize, false, 0L, 0, null, 0L);
  }

  /** One shuffled training epoch with the given per-scenario sampling rates (null: none). */
  public static StreamOptions training(int batchSize, long seed, int epoch, double[] rates) {
    return new StreamOptions(batchSize, true, seed, epoch, rates, 0L);
  }

  /** The sampling rates, or null; a copy. */
  @Override
  public double[] samplingRates() {
    return samplingRates == null ? null : samplingRates.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StreamOptions o
        && batchSize == o.batchSize
        && shuffle == o.shuffle
        && seed == o.seed
        && epoch == o.epoch
        && Arrays.equals(samplingRates, o.samplingRates)
        && maxSamples == o.maxSamples;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(
        new Object[] {batchSize, shuffle, seed, epoch, Arrays.hashCode(samplingRates), maxSamples});
  }

  @Override
  public String toString() {
    return "StreamOptions[batchSize="
        + batchSize
        + ", shuffle="
        + shuffle
        + ", seed="
        + seed
        + ", epoch="
        + epoch
        + ", samplingRates="
        + Arrays.toString(samplingRates)
        + ", maxSamples="
        + maxSamples
        + "]";
  }
}

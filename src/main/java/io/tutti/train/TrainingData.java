package io.tutti.train;

import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import io.tutti.data.BatchStream;
import io.tutti.data.Dataset;
import io.tutti.data.DatasetDescription.ScenarioDescription;
import io.tutti.data.Split;
import io.tutti.data.StreamOptions;
import io.tutti.model.ScenarioSlice;

/**
 * What a model is fitted on: a whole compiled dataset, or one scenario's share of it in the layout
 * of that scenario's specialist ({@link ScenarioSlice}). Scenario indices are those of {@link
 * #config()}.
 */
public final class TrainingData {
  private final Dataset dataset;
  private final ScenarioSlice slice;

  private TrainingData(Dataset dataset, ScenarioSlice slice) {
    this.dataset = dataset;
    this.slice = slice;
  }

  /** Every sample of {@code dataset}, for a model of the dataset's config. */
  public static TrainingData of(Dataset dataset) {
    return new TrainingData(dataset, null);
  }

  /** The samples of one scenario of {@code dataset}, for the specialist of {@code slice}. */
  public static TrainingData slice(Dataset dataset, ScenarioSlice slice) {
    return new TrainingData(dataset, slice);
  }

  /** The config of the model being fitted. */
  public TuttiConfig config() {
    return slice == null ? dataset.config() : slice.config();
  }

  /** The whole dataset underneath. */
  public Dataset dataset() {
    return dataset;
  }

  /** A batch in the layout of {@link #config()}. */
  public Batch newBatch(int capacity) {
    return slice == null ? dataset.newBatch(capacity) : slice.newBatch(capacity);
  }

  /** Samples of one scenario ({@link #config()} order) in one split. */
  public long size(Split split, int scenario) {
    return dataset.size(split, fullIndex(scenario));
  }

  /** Samples of every scenario of {@link #config()} in one split. */
  public long size(Split split) {
    return slice == null ? dataset.size(split) : dataset.size(split, slice.scenario());
  }

  /** The compile-time description of one scenario ({@link #config()} order), or null. */
  public ScenarioDescription description(int scenario) {
    String id = config().scenarios().get(scenario).id();
    return dataset.description().scenarios().get(id);
  }

  /**
   * A pass over one split; {@code options.samplingRates()}, when given, are per scenario of {@link
   * #config()}, and {@code options.maxSamples()} counts this data's samples only.
   */
  public Source open(Split split, StreamOptions options) {
    if (slice == null) {
      // A BatchStream holds nothing to release (its close does nothing), so none is closed.
      BatchStream stream = dataset.stream(split, options);
      return stream::next;
    }
    double[] rates = null;
    if (options.samplingRates() != null) {
      // Rows of other scenarios are dropped anyway; rate 1 spares their sampling draws.
      rates = new double[dataset.config().scenarios().size()];
      java.util.Arrays.fill(rates, 1.0);
      rates[slice.scenario()] = options.samplingRates()[0];
    }
    StreamOptions full =
        new StreamOptions(
            options.batchSize(), options.shuffle(), options.seed(), options.epoch(), rates, 0L);
    return new SlicedSource(dataset, dataset.stream(split, full), slice, options);
  }

  private int fullIndex(int scenario) {
    return slice == null ? scenario : slice.scenario();
  }

  /** Batches of one pass, in the layout of {@link #config()}. */
  @FunctionalInterface
  public interface Source {
    /** Fills {@code batch} with the next samples; false once the pass is over. */
    boolean next(Batch batch);
  }

  /** One scenario's rows of a full stream, gathered into full batches of the specialist. */
  private static final class SlicedSource implements Source {
    private final BatchStream stream;
    private final ScenarioSlice slice;
    private final Batch full;
    private final long limit;
    private int cursor;
    private long emitted;

    SlicedSource(Dataset dataset, BatchStream stream, ScenarioSlice slice, StreamOptions options) {
      this.stream = stream;
      this.slice = slice;
      this.full = dataset.newBatch(options.batchSize());
      this.limit = options.maxSamples() > 0 ? options.maxSamples() : Long.MAX_VALUE;
    }

    @Override
    public boolean next(Batch batch) {
      batch.size = 0;
      int capacity = (int) Math.min(batch.scenario.length, limit - emitted);
      while (batch.size < capacity) {
        if (cursor >= full.size) {
          if (!stream.next(full)) {
            break;
          }
          cursor = 0;
        }
        int before = batch.size;
        int room = batch.scenario.length;
        if (capacity < room) {
          // Never take more than the limit allows, even when the batch has more room.
          int sizeBefore = batch.size;
          cursor = takeAtMost(batch, capacity - sizeBefore);
        } else {
          cursor = slice.take(full, cursor, batch);
        }
        emitted += batch.size - before;
      }
      return batch.size > 0;
    }

    private int takeAtMost(Batch batch, int rows) {
      int stop = cursor;
      int found = 0;
      while (stop < full.size && found < rows) {
        if (full.scenario[stop] == slice.scenario()) {
          found++;
        }
        stop++;
      }
      int size = full.size;
      full.size = stop;
      int next = slice.take(full, cursor, batch);
      full.size = size;
      return next;
    }
  }
}

package io.tutti.eval;

import io.tutti.common.TuttiException;
import io.tutti.config.ScenarioConfig;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import io.tutti.data.BatchStream;
import io.tutti.data.Dataset;
import io.tutti.data.FeatureEncoder;
import io.tutti.data.Split;
import io.tutti.data.StreamOptions;
import io.tutti.model.Scorer;
import io.tutti.sim.Moment;
import io.tutti.sim.MusicWorld;
import io.tutti.sim.Surface;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated online A/B test of two models on a simulated world: the same users, at the same
 * moments, are served by each model, and the simulator's true probabilities say what each list is
 * worth.
 *
 * <p>A request is one user of the test period in one scenario, at the time of that user's first
 * test sample there. The candidates are what the app's logging policy would offer then ({@link
 * MusicWorld#candidates}), restricted to items the data has seen in that scenario (the model is
 * given an item's features as the data shows them, see {@link ItemCatalogue}). Each model scores
 * every candidate with the request's sample as context (user, time, sequences, the moment's private
 * features), ranks them by the scenario's main task and shows its top {@code list_size}. An arm's
 * rate of a task is the mean true probability of the task over the shown items, averaged over
 * requests: an expectation, so the test carries no response noise, only the noise of which users
 * were drawn, which the bootstrap over requests measures.
 *
 * <p>Known shortcoming: the truth is asked at {@link MusicWorld#moment} of the request (top of the
 * list, no skips, a device and badge drawn by the world) while the models see the request sample's
 * own private context; both arms see the same inputs, so the comparison stays fair, but a model's
 * use of the moment's private context is not rewarded here.
 */
public final class SimulatedAbTest {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedAbTest.class);

  /** Bootstrap replicates behind every lift interval. */
  public static final int REPLICATES = 200;

  /**
   * How a scenario's list is made.
   *
   * @param listSize items shown per request
   * @param candidates items the models rank per request, at most
   */
  public record ListShape(int listSize, int candidates) {}

  /** The list shapes of the simulated app's scenarios. */
  public static final Map<Surface, ListShape> SHAPES =
      Map.of(
          Surface.DAILY, new ListShape(30, 300),
          Surface.STREAM, new ListShape(5, 100),
          Surface.PLAYLIST, new ListShape(6, 60),
          Surface.MGC, new ListShape(4, 40),
          Surface.PODCAST, new ListShape(5, 50));

  /** One arm of the test. */
  public record Arm(String name, Scorer scorer) {}

  private SimulatedAbTest() {}

  /**
   * Runs the test on at most {@code maxUsers} users of the test split of {@code dataset} (simulated
   * from {@code world}); the same inputs and seed give the same result.
   */
  public static AbTest run(
      MusicWorld world, Dataset dataset, Arm a, Arm b, int maxUsers, long seed) {
    TuttiConfig config = dataset.config();
    if (maxUsers < 1) {
      throw new TuttiException("The A/B test needs at least 1 user; got " + maxUsers + ".");
    }
    List<Surface> surfaces = surfaces(world, config);
    Map<Long, Integer> worldUsers = new HashMap<>();
    for (int u = 0; u < world.users(); u++) {
      worldUsers.put(FeatureEncoder.idKey(world.listener(u).userId()), u);
    }

    // The requests: each chosen user's first test sample in each scenario.
    Set<Long> chosen = chooseUsers(dataset, maxUsers, seed);
    List<Map<Long, Batch>> requests = requestSamples(dataset, chosen);
    ItemCatalogue items = ItemCatalogue.of(dataset);

    Map<String, AbTest.Scenario> scenarios = new LinkedHashMap<>();
    for (int s = 0; s < config.scenarios().size(); s++) {
      ScenarioConfig scenario = config.scenarios().get(s);
      Surface surface = surfaces.get(s);
      ListShape shape = SHAPES.get(surface);
      List<String> tasks = surface.tasks();
      int main = config.taskIndex(scenario.mainTask());
      Batch batch = dataset.newBatch(shape.candidates());
      float[] scoresA = new float[shape.candidates() * config.tasks().size()];
      float[] scoresB = new float[scoresA.length];
      List<double[]> ratesA = new ArrayList<>();
      List<double[]> ratesB = new ArrayList<>();
      List<Integer> levels = new ArrayList<>();
      for (Map.Entry<Long, Batch> request : requests.get(s).entrySet()) {
        Integer user = worldUsers.get(request.getKey());
        if (user == null) {
          throw new TuttiException(
              "A test sample's user is not a user of the simulated world (seed "
                  + world.settings().seed()
                  + ", "
                  + world.users()
                  + " users); give the world the data was simulated from.");
        }
        Batch sample = request.getValue();
        long time = sample.timestamp[0];
        int[] candidates = knownCandidates(world, items, user, surface, s, time, shape);
        if (candidates.length < shape.listSize()) {
          continue;
        }

        // Every candidate gets the request's context and its own item attributes.
        for (int k = 0; k < candidates.length; k++) {
          BatchRows.copy(sample, 0, batch, k);
          items.apply(s, FeatureEncoder.idKey(world.itemId(surface, candidates[k])), batch, k);
        }
        batch.size = candidates.length;
        a.scorer().predict(batch, scoresA);
        b.scorer().predict(batch, scoresB);

        Moment moment = world.moment(user, surface, time);
        int tasksOfConfig = config.tasks().size();
        ratesA.add(
            rates(world, user, surface, moment, candidates, scoresA, tasksOfConfig, main, shape));
        ratesB.add(
            rates(world, user, surface, moment, candidates, scoresB, tasksOfConfig, main, shape));
        levels.add((int) sample.activity[0]);
      }
      LOG.info(
          "A/B test, {}: {} requests of {} from {} candidates each",
          scenario.id(),
          ratesA.size(),
          shape.listSize(),
          shape.candidates());
      scenarios.put(scenario.id(), scenario(shape, tasks, ratesA, ratesB, levels, seed * 31L + s));
    }
    return new AbTest(a.name(), b.name(), chosen.size(), seed, scenarios);
  }

  /**
   * Per task of the surface, the mean true probability over the top {@code listSize} candidates by
   * the main task's score (ties: the earlier candidate first).
   */
  private static double[] rates(
      MusicWorld world,
      int user,
      Surface surface,
      Moment moment,
      int[] candidates,
      float[] scores,
      int tasks,
      int main,
      ListShape shape) {
    Integer[] order = new Integer[candidates.length];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (x, y) -> Float.compare(scores[y * tasks + main], scores[x * tasks + main]));
    double[] sums = new double[surface.tasks().size()];
    for (int k = 0; k < shape.listSize(); k++) {
      double[] truth = world.trueProbabilities(user, surface, candidates[order[k]], moment);
      for (int t = 0; t < sums.length; t++) {
        sums[t] += truth[t];
      }
    }
    for (int t = 0; t < sums.length; t++) {
      sums[t] /= shape.listSize();
    }
    return sums;
  }

  /** The scenario's rates over every request and per activity level. */
  static AbTest.Scenario scenario(
      ListShape shape,
      List<String> tasks,
      List<double[]> ratesA,
      List<double[]> ratesB,
      List<Integer> levels,
      long seed) {
    Map<String, AbTest.Rate> overall = new LinkedHashMap<>();
    for (int t = 0; t < tasks.size(); t++) {
      overall.put(tasks.get(t), rate(column(ratesA, t), column(ratesB, t), seed + t));
    }
    Map<Integer, AbTest.Level> activity = new TreeMap<>();
    for (int level = 0; level <= ModelEvaluation.MAX_ACTIVITY; level++) {
      List<double[]> levelA = new ArrayList<>();
      List<double[]> levelB = new ArrayList<>();
      for (int r = 0; r < levels.size(); r++) {
        if (levels.get(r) == level) {
          levelA.add(ratesA.get(r));
          levelB.add(ratesB.get(r));
        }
      }
      if (levelA.isEmpty()) {
        continue;
      }
      Map<String, AbTest.Rate> rates = new LinkedHashMap<>();
      for (int t = 0; t < tasks.size(); t++) {
        rates.put(
            tasks.get(t),
            rate(column(levelA, t), column(levelB, t), seed + 1_000L * (level + 1) + t));
      }
      activity.put(level, new AbTest.Level(levelA.size(), rates));
    }
    return new AbTest.Scenario(
        shape.listSize(),
        shape.candidates(),
        ratesA.size(),
        overall,
        new LinkedHashMap<>(activity));
  }

  /**
   * Both arms' mean rates over requests and the lift {@code a / b - 1}, with the 95 % percentile
   * interval of the lift over {@link #REPLICATES} bootstrap replicates, each request weighted by a
   * Poisson(1) count drawn from {@code seed}. NaN where B's rate is 0 or there is no request.
   */
  static AbTest.Rate rate(double[] a, double[] b, long seed) {
    double meanA = mean(a);
    double meanB = mean(b);
    double lift = meanA / meanB - 1;
    if (a.length == 0 || !(meanB > 0)) {
      return new AbTest.Rate(meanA, meanB, Double.NaN, Double.NaN, Double.NaN);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] lifts = new double[REPLICATES];
    int kept = 0;
    for (int r = 0; r < REPLICATES; r++) {
      double sumA = 0;
      double sumB = 0;
      for (int i = 0; i < a.length; i++) {
        int weight = poisson(random);
        sumA += weight * a[i];
        sumB += weight * b[i];
      }
      if (sumB > 0) {
        lifts[kept++] = sumA / sumB - 1;
      }
    }
    if (kept == 0) {
      return new AbTest.Rate(meanA, meanB, lift, Double.NaN, Double.NaN);
    }
    double[] sorted = Arrays.copyOf(lifts, kept);
    Arrays.sort(sorted);
    return new AbTest.Rate(
        meanA, meanB, lift, percentile(sorted, 0.025), percentile(sorted, 0.975));
  }

  /** A Poisson(1) draw by inversion. */
  private static int poisson(SplittableRandom random) {
    double u = random.nextDouble();
    double p = Math.exp(-1);
    double cumulative = p;
    int k = 0;
    while (u > cumulative && k < 20) {
      k++;
      p /= k;
      cumulative += p;
    }
    return k;
  }

  /** The value at quantile {@code q} of sorted values, by linear interpolation. */
  static double percentile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int low = (int) Math.floor(position);
    int high = Math.min(sorted.length - 1, low + 1);
    return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return values.length == 0 ? Double.NaN : sum / values.length;
  }

  private static double[] column(List<double[]> rows, int column) {
    return rows.stream().mapToDouble(row -> row[column]).toArray();
  }

  /** The world's surface of every scenario of the config, in config order. */
  private static List<Surface> surfaces(MusicWorld world, TuttiConfig config) {
    List<Surface> surfaces = new ArrayList<>();
    for (ScenarioConfig scenario : config.scenarios()) {
      Surface surface = Surface.byId(scenario.id());
      if (!world.surfaces().contains(surface)) {
        throw new TuttiException(
            "Scenario '"
                + scenario.id()
                + "' of the config is not on in the simulated world; on: "
                + world.surfaces().stream().map(Surface::id).toList()
                + ".");
      }
      surfaces.add(surface);
    }
    return surfaces;
  }

  /**
   * At most {@code maxUsers} users of the test split, chosen by a seeded hash of their key, so that
   * the same seed picks the same users whatever the order of the data.
   */
  private static Set<Long> chooseUsers(Dataset dataset, int maxUsers, long seed) {
    Set<Long> users = new LinkedHashSet<>();
    Batch batch = dataset.newBatch(1024);
    try (BatchStream stream = dataset.stream(Split.TEST, StreamOptions.sequential(1024))) {
      while (stream.next(batch)) {
        for (int row = 0; row < batch.size; row++) {
          users.add(batch.userKey[row]);
        }
      }
    }
    if (users.isEmpty()) {
      throw new TuttiException(
          "The test split of " + dataset.directory() + " has no user to run an A/B test on.");
    }
    long[] sorted =
        users.stream()
            .mapToLong(Long::longValue)
            .boxed()
            .sorted((x, y) -> Long.compare(mix(x, seed), mix(y, seed)))
            .mapToLong(Long::longValue)
            .limit(maxUsers)
            .toArray();
    Set<Long> chosen = new LinkedHashSet<>();
    for (long user : sorted) {
      chosen.add(user);
    }
    return chosen;
  }

  /** Per scenario, each chosen user's first test sample there, as a one-row batch. */
  private static List<Map<Long, Batch>> requestSamples(Dataset dataset, Set<Long> users) {
    List<Map<Long, Batch>> requests = new ArrayList<>();
    for (int s = 0; s < dataset.config().scenarios().size(); s++) {
      requests.add(new LinkedHashMap<>());
    }
    Batch batch = dataset.newBatch(1024);
    try (BatchStream stream = dataset.stream(Split.TEST, StreamOptions.sequential(1024))) {
      while (stream.next(batch)) {
        for (int row = 0; row < batch.size; row++) {
          Map<Long, Batch> scenario = requests.get(batch.scenario[row]);
          long user = batch.userKey[row];
          Batch first = scenario.get(user);
          if (users.contains(user)
              && (first == null || batch.timestamp[row] < first.timestamp[0])) {
            Batch one = dataset.newBatch(1);
            BatchRows.copy(batch, row, one, 0);
            one.size = 1;
            scenario.put(user, one);
          }
        }
      }
    }
    return requests;
  }

  /**
   * Up to {@code shape.candidates} distinct candidates of the logging policy whose item the data
   * has seen in the scenario, in the order drawn.
   */
  private static int[] knownCandidates(
      MusicWorld world,
      ItemCatalogue items,
      int user,
      Surface surface,
      int scenario,
      long time,
      ListShape shape) {
    int[] drawn = world.candidates(user, surface, time, shape.candidates() * 4);
    LinkedHashSet<Integer> kept = new LinkedHashSet<>();
    for (int item : drawn) {
      if (kept.size() == shape.candidates()) {
        break;
      }
      if (items.contains(scenario, FeatureEncoder.idKey(world.itemId(surface, item)))) {
        kept.add(item);
      }
    }
    return kept.stream().mapToInt(Integer::intValue).toArray();
  }

  /** A seeded 64-bit mix (SplitMix64's finaliser). */
  private static long mix(long value, long seed) {
    long z = value + seed * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}

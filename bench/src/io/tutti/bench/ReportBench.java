package io.tutti.bench;

import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import io.tutti.eval.Comparison;
import io.tutti.eval.EvalFixtures;
import io.tutti.eval.EvaluationReport;
import io.tutti.eval.EvaluationScores;
import io.tutti.eval.ModelEntry;
import io.tutti.eval.ModelEvaluation;
import io.tutti.eval.report.ReportWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What evaluating costs besides scoring: the metrics of every scenario x task x activity level with
 * their bootstrap intervals, the paired comparison with the baseline, and writing the report, on
 * one thread, for scores that are already there.
 *
 * <pre>
 * bench/run ReportBench [--samples N] [--models M]
 * </pre>
 *
 * <p>The test split is N samples (default 1,000,000) spread evenly over the music app's four
 * scenarios (12 scenario x task cells) and 11 activity levels; M models (default 2, the first the
 * baseline) score them with noise of their own. Every cell's and every level's AUC gets a
 * 200-replicate Poisson bootstrap, and every delta a paired one: that is where the time goes.
 */
public final class ReportBench {
  private ReportBench() {}

  public static void main(String[] args) throws Exception {
    int samples = 1_000_000;
    int models = 2;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--samples" -> samples = Integer.parseInt(args[++i]);
        case "--models" -> models = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    TuttiConfig config = EvalFixtures.config(EvalFixtures.musicScenarios());
    System.out.printf(
        "ReportBench: %,d test samples, %d scenarios, %d models, 1 thread, max heap %d MB%n",
        samples, config.scenarios().size(), models, Runtime.getRuntime().maxMemory() >> 20);

    Map<String, List<EvaluationScores>> runs = new LinkedHashMap<>();
    Map<String, ModelEvaluation> evaluations = new LinkedHashMap<>();
    List<ModelEntry> entries = new ArrayList<>();
    long metricsNanos = 0;
    long metricsCpu = 0;
    long pairs = 0;
    for (int m = 0; m < models; m++) {
      String name = m == 0 ? "separate" : "model" + m;
      EvaluationScores scores = scores(config, samples, m);
      long start = System.nanoTime();
      long cpu = cpuNanos();
      ModelEvaluation evaluation = ModelEvaluation.of(name, scores, 1);
      metricsNanos += System.nanoTime() - start;
      metricsCpu += cpuNanos() - cpu;
      for (int s = 0; s < config.scenarios().size(); s++) {
        for (int t : scores.tasksOf(s)) {
          pairs += scores.cell(s, t).size();
        }
      }
      runs.put(name, List.of(scores));
      evaluations.put(name, evaluation);
      entries.add(new ModelEntry(name, "unified", evaluation, 1, null, Double.NaN));
    }
    System.out.printf(
        "metrics (cells, levels, bootstrap): %,d scored pairs per model; per model %.2f s wall,"
            + " %.2f s CPU%n",
        pairs / models, metricsNanos / 1e9 / models, metricsCpu / 1e9 / models);

    long start = System.nanoTime();
    long cpu = cpuNanos();
    Comparison comparison = Comparison.of("separate", runs, evaluations, 1);
    System.out.printf(
        "paired comparison with the baseline: per model %.2f s wall, %.2f s CPU%n",
        (System.nanoTime() - start) / 1e9 / (models - 1), (cpuNanos() - cpu) / 1e9 / (models - 1));

    Map<String, String> mainTasks = new LinkedHashMap<>();
    config.scenarios().forEach(s -> mainTasks.put(s.id(), s.mainTask()));
    EvaluationReport report =
        new EvaluationReport(
            "bench",
            Instant.now(),
            "name: bench\n",
            mainTasks,
            null,
            entries,
            comparison,
            null,
            null);
    Path directory = Files.createTempDirectory("tutti-report-bench");
    start = System.nanoTime();
    ReportWriter.write(report, directory);
    System.out.printf(
        "report written (metrics.json, report.html %,d bytes, summary.md): %.3f s%n",
        Files.size(directory.resolve(ReportWriter.HTML)), (System.nanoTime() - start) / 1e9);
  }

  /** CPU time of this thread: the figure that holds when other work shares the machine. */
  private static long cpuNanos() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  /** Scores of one model: the true logit plus noise of the model's own strength. */
  private static EvaluationScores scores(TuttiConfig config, int samples, int model) {
    int tasks = config.tasks().size();
    int scenarios = config.scenarios().size();
    Random world = new Random(17);
    Random noise = new Random(1000 + model);
    EvaluationScores scores = new EvaluationScores(config);
    int chunk = 65_536;
    for (int from = 0; from < samples; from += chunk) {
      int n = Math.min(chunk, samples - from);
      Batch batch = new Batch();
      batch.size = n;
      batch.scenario = new int[n];
      batch.labels = new float[n * tasks];
      batch.labelMask = new float[n * tasks];
      batch.oracle = new float[n * tasks];
      batch.userKey = new long[n];
      batch.activity = new byte[n];
      batch.sampleIndex = new long[n];
      float[] probabilities = new float[n * tasks];
      for (int i = 0; i < n; i++) {
        long sample = from + i;
        int s = (int) (sample % scenarios);
        boolean[] mask = config.taskMask(s);
        batch.scenario[i] = s;
        batch.userKey[i] = sample % 50_000;
        batch.activity[i] = (byte) (batch.userKey[i] % 11);
        batch.sampleIndex[i] = sample;
        for (int t = 0; t < tasks; t++) {
          int pair = i * tasks + t;
          double logit = world.nextGaussian() * 1.2 - 0.5;
          double truth = 1 / (1 + Math.exp(-logit));
          batch.oracle[pair] = (float) truth;
          if (mask[t]) {
            batch.labels[pair] = world.nextDouble() < truth ? 1 : 0;
            batch.labelMask[pair] = 1;
          }
          double scored = logit + noise.nextGaussian() * (0.8 + 0.1 * model);
          probabilities[pair] = (float) (1 / (1 + Math.exp(-scored)));
        }
      }
      scores.add(batch, probabilities);
    }
    return scores;
  }
}

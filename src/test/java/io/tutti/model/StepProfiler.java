package io.tutti.model;

import io.tutti.data.Batch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.GraphOperation;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;

/**
 * Per-op time of one training step, from TensorFlow's full trace: the op time summed by op type and
 * by name prefix (the part of the graph an op belongs to), for the profiling benchmark.
 */
public final class StepProfiler {
  private StepProfiler() {}

  /** One step of {@code model} (a model of {@link Models}) traced, summarised in text. */
  public static String profile(TrainableModel model, Batch batch, StepSettings settings, int top) {
    TensorFlowModel tfModel = (TensorFlowModel) model;
    RunOptions options =
        RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
    RunMetadata metadata = tfModel.traceStep(batch, settings, options);
    Map<String, long[]> byType = new HashMap<>();
    Map<String, long[]> byName = new HashMap<>();
    Map<String, long[]> byScope = new HashMap<>();
    long total = 0;
    long executed = 0;
    long smallCount = 0;
    long smallMicros = 0;
    long first = Long.MAX_VALUE;
    long last = 0;
    for (DeviceStepStats device : metadata.getStepStats().getDevStatsList()) {
      for (NodeExecStats node : device.getNodeStatsList()) {
        long micros = node.getAllEndRelMicros();
        first = Math.min(first, node.getAllStartMicros());
        last = Math.max(last, node.getAllStartMicros() + micros);
        String name = node.getNodeName();
        GraphOperation operation = tfModel.graph().operation(name);
        String type = operation == null ? "?" : operation.type();
        add(byType, type, micros);
        String shape =
            node.getOutputCount() == 0
                ? ""
                : node.getOutput(0).getTensorDescription().getShape().getDimList().stream()
                    .map(d -> Long.toString(d.getSize()))
                    .collect(java.util.stream.Collectors.joining(",", " [", "]"));
        add(byName, name + " (" + type + ")" + shape, micros);
        add(byScope, scope(name), micros);
        total += micros;
        executed++;
        if (micros < 100) {
          smallCount++;
          smallMicros += micros;
        }
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "op time %.1f ms, wall %.1f ms, %d ops in graph, %d run; %d ops under 0.1 ms took"
                + " %.1f ms%n",
            total / 1e3,
            (last - first) / 1e3,
            count(tfModel),
            executed,
            smallCount,
            smallMicros / 1e3));
    append(out, "by type", byType, top);
    append(out, "by scope", byScope, top);
    append(out, "by op", byName, top);
    return out.toString();
  }

  private static long count(TensorFlowModel model) {
    long n = 0;
    var it = model.graph().operations();
    while (it.hasNext()) {
      it.next();
      n++;
    }
    return n;
  }

  private static String scope(String name) {
    String[] parts = name.split("/");
    StringBuilder scope = new StringBuilder();
    for (int i = 0; i < Math.min(3, parts.length - 1); i++) {
      scope.append(parts[i]).append('/');
    }
    return scope.length() == 0 ? name : scope.toString();
  }

  private static void add(Map<String, long[]> map, String key, long micros) {
    long[] cell = map.computeIfAbsent(key, k -> new long[2]);
    cell[0] += micros;
    cell[1]++;
  }

  private static void append(StringBuilder out, String title, Map<String, long[]> map, int top) {
    List<Map.Entry<String, long[]>> entries = new ArrayList<>(map.entrySet());
    entries.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
    out.append(title).append(":\n");
    for (int i = 0; i < Math.min(top, entries.size()); i++) {
      out.append(
          String.format(
              "  %8.2f ms %5d  %s%n",
              entries.get(i).getValue()[0] / 1e3,
              entries.get(i).getValue()[1],
              entries.get(i).getKey()));
    }
  }
}

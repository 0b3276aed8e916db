package io.tutti.model;

import io.tutti.common.TuttiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Export to, and loading from, a TensorFlow SavedModel with the serving signature of {@link
 * ModelSignature}: the inference pass (no dropout), its inputs by name and {@value
 * ModelSignature#OUTPUT}.
 */
final class SavedModels {
  private SavedModels() {}

  /**
   * Exports the model into {@code directory}, which must not exist, then loads it back and checks
   * that it scores a probe batch exactly as the live model does.
   */
  static void export(Path directory, TensorFlowModel model) {
    if (Files.exists(directory)) {
      throw new TuttiException(
          "The SavedModel directory " + directory + " exists already; accepted: a new path.");
    }
    Signature.Builder builder = Signature.builder(ModelSignature.KEY);
    for (Map.Entry<String, Operand<?>> input : model.inputs().all().entrySet()) {
      builder.input(input.getKey(), input.getValue());
    }
    builder.output(ModelSignature.OUTPUT, model.probabilities());
    SessionFunction function = SessionFunction.create(builder.build(), model.session());
    try {
      SavedModelBundle.exporter(directory.toString())
          .withTags(ModelSignature.TAG)
          .withFunction(function)
          .export();
    } catch (IOException | RuntimeException e) {
      throw new TuttiException(
          "Exporting the SavedModel " + directory + " failed: " + e.getMessage() + ".", e);
    }
    verify(directory, model);
  }

  private static void verify(Path directory, TensorFlowModel model) {
    ModelSignature signature = model.signature();
    int rows = 3;
    float[] expected = new float[rows * signature.tasks()];
    float[] actual = new float[rows * signature.tasks()];
    try (ModelSignature.Feed probe = signature.probe(rows)) {
      model.predict(probe, expected);
      try (SavedModelScorer loaded = SavedModelScorer.load(directory, signature.config())) {
        loaded.predict(probe, actual);
      }
    }
    for (int i = 0; i < expected.length; i++) {
      if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
        throw new TuttiException(
            "The SavedModel "
                + directory
                + " scores a probe batch "
                + actual[i]
                + " where the live model scores "
                + expected[i]
                + "; the export is not usable.");
      }
    }
  }

  /** Loads a bundle with the serving tag; an error names the directory. */
  static SavedModelBundle load(Path directory, ConfigProto sessionConfig) {
    if (!Files.isDirectory(directory)) {
      throw new TuttiException(
          "The SavedModel directory "
              + directory
              + " does not exist; accepted: a directory"
              + " written by exportSavedModel.");
    }
    try {
      return SavedModelBundle.loader(directory.toString())
          .withTags(ModelSignature.TAG)
          .withConfigProto(sessionConfig)
          .load();
    } catch (RuntimeException e) {
      throw new TuttiException(
          "Loading the SavedModel " + directory + " failed: " + e.getMessage() + ".", e);
    }
  }

  /** The probabilities in a result, {@code [rows, tasks]}, into {@code out}. */
  static void copy(Result result, int size, float[] out) {
    Tensor tensor = result.get(ModelSignature.OUTPUT).orElseThrow();
    ((TFloat32) tensor).asRawTensor().data().asFloats().read(out, 0, size);
  }
}

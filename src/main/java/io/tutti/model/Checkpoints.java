package io.tutti.model;

import io.tutti.common.TuttiException;
import io.tutti.config.TuttiConfig;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checkpoints of a model's variables: every weight, embedding table and optimizer state, bit for
 * bit, in one file {@value #FILE} of the checkpoint directory.
 *
 * <p>Format (big-endian, version {@value #VERSION}): the magic text {@code TUTTI-CHECKPOINT}, the
 * version, the model type, the variable count; then per variable its name, rank, dimensions and
 * values as float32. Loading refuses another version, another model type, and a variable missing,
 * extra or of another shape than the model built from the config has, naming it.
 */
final class Checkpoints {
  static final String FILE = "variables.tutti";
  static final String MAGIC = "TUTTI-CHECKPOINT";
  static final int VERSION = 1;

  private Checkpoints() {}

  static void save(Path directory, TensorFlowModel model) {
    TuttiConfig config = model.config();
    if (Files.exists(directory)) {
      throw new TuttiException(
          "The checkpoint directory " + directory + " exists already; accepted: a new path.");
    }
    Map<Parameters.Parameter, float[]> all = model.values();
    try {
      Files.createDirectories(directory);
      try (DataOutputStream out =
          new DataOutputStream(
              new BufferedOutputStream(Files.newOutputStream(directory.resolve(FILE)), 1 << 20))) {
        out.writeUTF(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(config.model().type());
        out.writeInt(all.size());
        for (Map.Entry<Parameters.Parameter, float[]> entry : all.entrySet()) {
          Parameters.Parameter parameter = entry.getKey();
          out.writeUTF(parameter.name());
          out.writeInt(parameter.shape().length);
          for (long d : parameter.shape()) {
            out.writeLong(d);
          }
          float[] values = entry.getValue();
          ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.BIG_ENDIAN);
          bytes.asFloatBuffer().put(values);
          out.write(bytes.array());
        }
      }
    } catch (IOException e) {
      throw new TuttiException(
          "Writing the checkpoint " + directory + " failed: " + e.getMessage() + ".", e);
    }
  }

  static void restore(Path directory, Parameters parameters, TensorFlowModel model) {
    Path file = directory.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new TuttiException(
          "The checkpoint "
              + directory
              + " has no file "
              + FILE
              + "; accepted: a directory written by saveCheckpoint.");
    }
    String type = model.config().model().type();
    Set<String> seen = new HashSet<>();
    Map<Parameters.Parameter, float[]> restored = new LinkedHashMap<>();
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
      String magic = in.readUTF();
      if (!magic.equals(MAGIC)) {
        throw new TuttiException(
            "The file " + file + " starts with '" + magic + "'; accepted: a Tutti checkpoint.");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new TuttiException(
            "The checkpoint "
                + file
                + " has format version "
                + version
                + "; accepted: version "
                + VERSION
                + ".");
      }
      String savedType = in.readUTF();
      if (!savedType.equals(type)) {
        throw new TuttiException(
            "The checkpoint "
                + file
                + " holds a model of type '"
                + savedType
                + "'; accepted: the configured type '"
                + type
                + "'.");
      }
      int count = in.readInt();
      for (int v = 0; v < count; v++) {
        String name = in.readUTF();
        long[] shape = new long[in.readInt()];
        for (int d = 0; d < shape.length; d++) {
          shape[d] = in.readLong();
        }
        Parameters.Parameter parameter = parameters.find(name);
        if (parameter == null) {
          throw new TuttiException(
              "The checkpoint "
                  + file
                  + " has variable '"
                  + name
                  + "', which the model built from the config lacks; accepted: a checkpoint of"
                  + " this config.");
        }
        if (!Arrays.equals(shape, parameter.shape())) {
          throw new TuttiException(
              "The checkpoint "
                  + file
                  + " has variable '"
                  + name
                  + "' of shape "
                  + Arrays.toString(shape)
                  + "; accepted: "
                  + Arrays.toString(parameter.shape())
                  + " as the config builds it.");
        }
        byte[] bytes = new byte[Math.toIntExact(parameter.size() * 4)];
        in.readFully(bytes);
        float[] values = new float[Math.toIntExact(parameter.size())];
        ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(values);
        restored.put(parameter, values);
        seen.add(name);
      }
    } catch (EOFException e) {
      throw new TuttiException("The checkpoint " + file + " is truncated.", e);
    } catch (IOException e) {
      throw new TuttiException(
          "Reading the checkpoint " + file + " failed: " + e.getMessage() + ".", e);
    }
    for (Parameters.Parameter parameter : parameters.all()) {
      if (!seen.contains(parameter.name())) {
        throw new TuttiException(
            "The checkpoint "
                + file
                + " lacks variable '"
                + parameter.name()
                + "'; accepted: a checkpoint of this config.");
      }
    }
    model.assign(restored);
  }
}

package io.tutti.config;

import static io.tutti.config.ConfigFixtures.DATA;
import static io.tutti.config.ConfigFixtures.PLAY_DAILY;
import static io.tutti.config.ConfigFixtures.assertReported;
import static io.tutti.config.ConfigFixtures.errors;
import static io.tutti.config.ConfigFixtures.load;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code model:} and {@code training:} sections. */
class SettingsReaderTest {
  @TempDir Path dir;

  @Test
  void givenSettingsOverrideTheDefaultsAndTheOthersStay() {
    TuttiConfig config =
        load(
            dir,
            DATA
                + PLAY_DAILY
                + """
                model: {type: star, tower_units: [16, 8], task_mask: false, overfit_l2: 1e-5}
                training: {seed: 12345678901, optimizer: sgd, clip_norm: 0}
                """);

    ModelConfig d = ModelConfig.defaults();
    ModelConfig model = config.model();
    assertEquals("star", model.type());
    assertEquals(List.of(16, 8), model.towerUnits());
    assertEquals(false, model.taskMask());
    assertEquals(1e-5, model.overfitL2());
    assertEquals(d.publicUnits(), model.publicUnits());
    assertEquals(d.embeddingDim(), model.embeddingDim());
    TrainingConfig training = config.training();
    assertEquals(12_345_678_901L, training.seed());
    assertEquals("sgd", training.optimizer());
    assertEquals(0.0, training.clipNorm());
    assertEquals(TrainingConfig.defaults().batchSize(), training.batchSize());
  }

  @Test
  void unknownModelTypeListsTheAcceptedTypes() {
    String message = errors(dir, DATA + PLAY_DAILY + "model: {type: dcn}\n");
    assertReported(message, "model.type", "'dcn'", String.join(", ", ModelConfig.TYPES));
  }

  @Test
  void unknownInterestListsTheAcceptedOnes() {
    String message = errors(dir, DATA + PLAY_DAILY + "model: {interest: din}\n");
    assertReported(message, "model.interest", "'din'", String.join(", ", ModelConfig.INTERESTS));
  }

  @Test
  void unknownOptimizerListsTheAcceptedOnes() {
    String message = errors(dir, DATA + PLAY_DAILY + "training: {optimizer: lamb}\n");
    assertReported(
        message, "training.optimizer", "'lamb'", String.join(", ", TrainingConfig.OPTIMIZERS));
  }

  @Test
  void unknownScheduleListsTheAcceptedOnes() {
    String message = errors(dir, DATA + PLAY_DAILY + "training: {schedule: step}\n");
    assertReported(
        message, "training.schedule", "'step'", String.join(", ", TrainingConfig.SCHEDULES));
  }

  @Test
  void unknownModelKeyListsTheModelKeys() {
    String message = errors(dir, DATA + PLAY_DAILY + "model: {embeding_dim: 8}\n");
    assertReported(message, "model.embeding_dim", "'embeding_dim'", "embedding_dim, interest");
  }

  @ParameterizedTest
  @CsvSource({
    "model, embedding_dim, 0",
    "model, attention_heads, 0",
    "model, sen_units, -1",
    "model, experts, 0",
    "model, task_experts, 0",
    "model, ple_levels, 0",
    "training, batch_size, 0",
    "training, epochs, -2",
    "training, early_stopping_patience, 0",
    "training, checkpoint_every_steps, 0",
    "training, validation_max_samples, 0"
  })
  void nonPositiveSizeIsRefused(String section, String key, String value) {
    String message = errors(dir, DATA + PLAY_DAILY + section + ": {" + key + ": " + value + "}\n");
    assertReported(message, section + "." + key, value, "an integer > 0");
  }

  @ParameterizedTest
  @CsvSource({
    "public_units, '[64, 0]', public_units[1], 0",
    "expert_units, '[-8]', expert_units[0], -8",
    "tower_units, '[]', tower_units, []"
  })
  void unitsMustBeANonEmptyListOfPositiveWidths(
      String key, String units, String path, String seen) {
    String message = errors(dir, DATA + PLAY_DAILY + "model: {" + key + ": " + units + "}\n");
    assertReported(message, "model." + path, seen, "a non-empty list of integers > 0");
  }

  @ParameterizedTest
  @CsvSource({"dropout, 1", "overfit_dropout, -0.1"})
  void dropoutOutsideZeroToOneIsRefused(String key, String value) {
    String message = errors(dir, DATA + PLAY_DAILY + "model: {" + key + ": " + value + "}\n");
    assertReported(message, "model." + key, value, "a number in [0, 1)");
  }

  @ParameterizedTest
  @CsvSource({"learning_rate, 0", "embedding_learning_rate, -0.01"})
  void nonPositiveLearningRateIsRefused(String key, String value) {
    String message = errors(dir, DATA + PLAY_DAILY + "training: {" + key + ": " + value + "}\n");
    assertReported(message, "training." + key, value, "a number > 0");
  }

  @Test
  void fractionalIntegerIsAWrongType() {
    String message = errors(dir, DATA + PLAY_DAILY + "training: {epochs: 2.5}\n");
    assertReported(message, "training.epochs", "2.5", "an integer > 0");
  }

  @Test
  void booleanSwitchRefusesText() {
    String message = errors(dir, DATA + PLAY_DAILY + "model: {sen: 'off'}\n");
    assertReported(message, "model.sen", "'off'", "true or false");
  }
}

package io.tutti.config;

import static io.tutti.config.ConfigFixtures.DATA;
import static io.tutti.config.ConfigFixtures.PLAY_DAILY;
import static io.tutti.config.ConfigFixtures.assertReported;
import static io.tutti.config.ConfigFixtures.errorCount;
import static io.tutti.config.ConfigFixtures.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The errors of the file as a whole, its data section, its tasks and its scenarios. */
class ConfigReaderTest {
  @TempDir Path dir;

  @Test
  void unknownTopLevelKeyListsTheAcceptedKeys() {
    String message = errors(dir, DATA + PLAY_DAILY + "modle: {type: mmoe}\n");
    assertReported(
        message,
        "modle",
        "'modle'",
        "format_version, name, data, tasks, scenarios, features, sequences, model, training");
  }

  @Test
  void unknownKeyInAScenarioListsTheScenarioKeys() {
    String message =
        errors(dir, DATA + "tasks: [{id: play}]\nscenarios: [{id: d, tasks: [play], task: x}]\n");
    assertReported(message, "scenarios[0].task", "'task'", "main_task, sampling_rate");
  }

  @Test
  void missingRequiredKeyIsNamed() {
    String message =
        errors(dir, "format_version: 1\ndata: {user_column: u, scenario_column: s}\n" + PLAY_DAILY);
    assertReported(message, "data.item_column", null, "a column name");
    assertTrue(message.contains("missing required key"), message);
  }

  @Test
  void missingDataSectionIsOneError() {
    String message = errors(dir, "format_version: 1\n" + PLAY_DAILY);
    assertEquals(1, errorCount(message), message);
    assertReported(message, "data", null, "user_column, item_column, scenario_column");
  }

  @Test
  void wrongTypeShowsTheValueAndTheExpectedType() {
    String message = errors(dir, DATA + PLAY_DAILY + "training: {batch_size: big}\n");
    String line = assertReported(message, "training.batch_size", "'big'", "an integer > 0");
    assertTrue(line.contains("wrong type"), line);
  }

  @Test
  void mappingWhereAListBelongsIsAWrongType() {
    String message = errors(dir, DATA + "tasks: {id: play}\nscenarios: [{id: d, tasks: [x]}]\n");
    assertReported(message, "tasks", "a mapping with keys [id]", "a list of tasks");
  }

  @Test
  void booleanWhereTextBelongsAsksForQuotes() {
    String message =
        errors(
            dir,
            DATA
                + "tasks: [{id: play}]\nscenarios: [{id: d, source_value: yes, "
                + "tasks: [play]}]\n");
    assertReported(message, "scenarios[0].source_value", "true", "quote it");
  }

  @Test
  void unknownFormatVersionIsReportedAlone() {
    String message = errors(dir, "format_version: 2\nscenarios: nonsense\nwhatever: 1\n");
    assertEquals(1, errorCount(message), message);
    String line = assertReported(message, "format_version", "2", "the format version 1");
    assertTrue(line.contains("unknown format version"), line);
  }

  @Test
  void missingFormatVersionIsRequired() {
    String message = errors(dir, DATA.replace("format_version: 1\n", "") + PLAY_DAILY);
    assertReported(message, "format_version", null, "the format version 1");
  }

  @Test
  void emptyFileSaysWhatAConfigHolds() {
    String message = errors(dir, "# nothing yet\n");
    assertTrue(message.contains("tutti.yaml: the file is empty"), message);
    assertTrue(message.contains("accepted: a mapping with the keys format_version"), message);
  }

  @Test
  void yamlSyntaxErrorNamesLineAndColumn() {
    String message = errors(dir, "format_version: 1\ntasks: [{id: play}\n");
    assertEquals(1, errorCount(message), message);
    assertTrue(
        message.matches("(?s).*tutti\\.yaml: line 3, column 1: not valid YAML: .*"), message);
    assertTrue(message.contains("flow sequence started at line 2, column 8"), message);
  }

  @Test
  void keyWrittenTwiceIsASyntaxError() {
    String message = errors(dir, DATA + PLAY_DAILY + "name: a\nname: b\n");
    assertTrue(
        message.contains("line 6, column 5: not valid YAML: Duplicate field 'name'"), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Play", "1play", "play-count", "p\u00e4"})
  void taskIdOfTheWrongSyntaxIsRefused(String id) {
    String message =
        errors(dir, DATA + "tasks: [{id: '" + id + "'}]\nscenarios: [{id: d, tasks: [x]}]\n");
    assertReported(message, "tasks[0].id", "'" + id + "'", "[a-z][a-z0-9_]*");
  }

  @Test
  void scenarioIdOfTheWrongSyntaxIsRefused() {
    String message =
        errors(dir, DATA + "tasks: [{id: play}]\nscenarios: [{id: Daily, tasks: [play]}]\n");
    assertReported(message, "scenarios[0].id", "'Daily'", "[a-z][a-z0-9_]*");
  }

  @Test
  void nonPositiveTaskLossWeightIsRefused() {
    String message =
        errors(
            dir,
            DATA + "tasks: [{id: play, loss_weight: 0}]\nscenarios: [{id: d, tasks: [play]}]\n");
    assertReported(message, "tasks[0].loss_weight", "0", "a number > 0");
  }

  @Test
  void configWithoutTasksIsRefused() {
    String message = errors(dir, DATA + "tasks: []\nscenarios: [{id: d, tasks: [play]}]\n");
    assertReported(message, "tasks", "[]", "a list of tasks, at least one");
  }

  @Test
  void scenarioWithoutTasksIsRefused() {
    String message = errors(dir, DATA + "tasks: [{id: play}]\nscenarios: [{id: d, tasks: []}]\n");
    assertReported(message, "scenarios[0].tasks", "[]", "a non-empty list of declared task ids");
  }

  @Test
  void scenarioWithTheTasksKeyMissingIsRefused() {
    String message = errors(dir, DATA + "tasks: [{id: play}]\nscenarios: [{id: d}]\n");
    assertReported(message, "scenarios[0].tasks", null, "a non-empty list of declared task ids");
  }

  @Test
  void scenarioNamingAnUnknownTaskListsTheKnownTasks() {
    String message =
        errors(
            dir,
            DATA
                + """
                tasks: [{id: play}, {id: like}]
                scenarios:
                  - {id: daily, tasks: [play, like]}
                  - {id: stream, tasks: [play, clik]}
                """);
    String line = assertReported(message, "scenarios[1].tasks[1]", "'clik'", "[play, like]");
    assertTrue(line.contains("unknown task"), line);
  }

  @Test
  void scenarioListingATaskTwiceIsRefused() {
    String message =
        errors(dir, DATA + "tasks: [{id: play}]\nscenarios: [{id: d, tasks: [play, play]}]\n");
    assertReported(message, "scenarios[0].tasks[1]", "'play'", "each task once");
  }

  @Test
  void mainTaskOutsideTheScenarioTasksIsRefused() {
    String message =
        errors(
            dir,
            DATA
                + """
                tasks: [{id: play}, {id: like}]
                scenarios:
                  - {id: daily, tasks: [play], main_task: like}
                  - {id: stream, tasks: [like]}
                """);
    assertEquals(1, errorCount(message), "the score weights add no second error: " + message);
    assertReported(message, "scenarios[0].main_task", "'like'", "one of [play]");
  }

  @Test
  void lossWeightForATaskTheScenarioLacksIsRefused() {
    String message =
        errors(
            dir,
            DATA
                + """
                tasks: [{id: play}, {id: like}]
                scenarios:
                  - {id: daily, tasks: [play], loss_weights: {like: 2}}
                  - {id: stream, tasks: [like]}
                """);
    assertReported(
        message, "scenarios[0].loss_weights.like", "'like'", "the scenario's tasks [play]");
  }

  @Test
  void scoreWeightForATaskTheScenarioLacksIsRefused() {
    String message =
        errors(
            dir,
            DATA
                + """
                tasks: [{id: play}, {id: like}]
                scenarios:
                  - {id: daily, tasks: [play], score_weights: {like: 2}}
                  - {id: stream, tasks: [like]}
                """);
    assertReported(
        message, "scenarios[0].score_weights.like", "'like'", "the scenario's tasks [play]");
  }

  @Test
  void scoreWeightsThatAreAllZeroAreRefused() {
    String message =
        errors(
            dir,
            DATA
                + "tasks: [{id: play}]\nscenarios: [{id: d, tasks: [play], score_weights: {play: 0}}]\n");
    assertReported(message, "scenarios[0].score_weights", "{play=0.0}", "at least one weight > 0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-0.5", "1.01"})
  void samplingRateOutsideZeroToOneIsRefused(String rate) {
    String message =
        errors(
            dir,
            DATA
                + "tasks: [{id: play}]\nscenarios: [{id: d, tasks: [play], sampling_rate: "
                + rate
                + "}]\n");
    assertReported(message, "scenarios[0].sampling_rate", rate, "a number in (0, 1]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-0.1", "1", "1.5"})
  void splitFractionOutsideZeroToOneIsRefused(String fraction) {
    String message = errors(dir, withSplit("{by: row_order, test_fraction: " + fraction + "}"));
    assertReported(message, "data.split.test_fraction", fraction, "a number in [0, 1)");
  }

  @Test
  void splitFractionsSummingToOneAreRefused() {
    String message = errors(dir, withSplit("{validation_fraction: 0.4, test_fraction: 0.6}"));
    assertReported(
        message,
        "data.split",
        "validation_fraction 0.4 + test_fraction 0.6",
        "fractions summing to less than 1");
  }

  @Test
  void splitByTimeWithoutTimestampColumnIsRefused() {
    String message = errors(dir, withSplit("{by: time}"));
    assertReported(message, "data.split.by", "'time'", "row_order or files");
  }

  @Test
  void unknownSplitListsTheAcceptedOnes() {
    String message = errors(dir, withSplit("{by: random}"));
    assertReported(message, "data.split.by", "'random'", "time, row_order, files");
  }

  @Test
  void splitByFilesNeedsItsGlobsAndRefusesFractions() {
    String message = errors(dir, withSplit("{by: files, train: 'a*', test_fraction: 0.1}"));
    assertReported(message, "data.split.validation", null, "a glob of file names");
    assertReported(message, "data.split.test", null, "a glob of file names");
    assertReported(
        message, "data.split.test_fraction", "'test_fraction'", "by, train, validation, test");
  }

  @Test
  void unknownDataFormatListsTheAcceptedOnes() {
    String message =
        errors(
            dir,
            DATA.replace("user_column: user_id", "format: xlsx, user_column: user_id")
                + PLAY_DAILY);
    assertReported(message, "data.format", "'xlsx'", "auto, csv, tsv, jsonl, parquet");
  }

  @Test
  void oracleColumnForAnUnknownTaskListsTheKnownTasks() {
    String message =
        errors(
            dir,
            DATA.replace(
                    "user_column: user_id",
                    "oracle_columns: {click: p_click}, user_column: user_id")
                + PLAY_DAILY);
    String line = assertReported(message, "data.oracle_columns.click", "'click'", "[play]");
    assertTrue(line.contains("oracle column for an unknown task"), line);
  }

  @Test
  void behaviourWithoutPathIsRefused() {
    String message =
        errors(
            dir,
            DATA.replace(
                    "user_column: user_id",
                    "timestamp_column: ts, behaviour: {format: csv}, user_column: user_id")
                + PLAY_DAILY);
    assertReported(message, "data.behaviour.path", null, "a file or directory");
  }

  @Test
  void behaviourWithoutAnyTimestampColumnIsRefused() {
    String message =
        errors(
            dir,
            DATA.replace(
                    "user_column: user_id", "behaviour: {path: plays.csv}, user_column: user_id")
                + PLAY_DAILY);
    assertReported(message, "data.behaviour.timestamp_column", null, "a column name");
  }

  @Test
  void nonPositiveActivityWindowIsRefused() {
    String message =
        errors(
            dir,
            DATA.replace("user_column: user_id", "activity: {window_days: 0}, user_column: user_id")
                + PLAY_DAILY);
    assertReported(message, "data.activity.window_days", "0", "an integer > 0");
  }

  private static String withSplit(String split) {
    return DATA.replace("user_column: user_id", "split: " + split + ", user_column: user_id")
        + PLAY_DAILY;
  }
}

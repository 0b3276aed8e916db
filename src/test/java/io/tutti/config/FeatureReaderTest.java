package io.tutti.config;

import static io.tutti.config.ConfigFixtures.DATA;
import static io.tutti.config.ConfigFixtures.PLAY_DAILY;
import static io.tutti.config.ConfigFixtures.assertReported;
import static io.tutti.config.ConfigFixtures.errors;
import static io.tutti.config.ConfigFixtures.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The errors and defaults of one feature, public or private. */
class FeatureReaderTest {
  @TempDir Path dir;

  @Test
  void categoricalWithBothBucketsAndVocabularyIsRefused() {
    String message =
        errors(
            dir, userFeatures("{name: genre, type: categorical, buckets: 9, vocabulary: [rock]}"));
    String line =
        assertReported(
            message, "features.user[0]", "both", "buckets (to hash values) or vocabulary");
    assertTrue(line.contains("exactly one of buckets and vocabulary"), line);
  }

  @Test
  void categoricalWithNeitherBucketsNorVocabularyIsRefused() {
    String message = errors(dir, userFeatures("{name: genre, type: multi_categorical}"));
    assertReported(
        message, "features.user[0]", "neither", "buckets (to hash values) or vocabulary");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-3"})
  void nonPositiveBucketsAreRefused(String buckets) {
    String message =
        errors(dir, userFeatures("{name: genre, type: categorical, buckets: " + buckets + "}"));
    assertReported(message, "features.user[0].buckets", buckets, "an integer > 0");
  }

  @Test
  void nonPositiveEmbeddingDimIsRefused() {
    String message =
        errors(dir, userFeatures("{name: genre, type: categorical, buckets: 9, embedding_dim: 0}"));
    assertReported(message, "features.user[0].embedding_dim", "0", "an integer > 0");
  }

  @Test
  void nonPositiveMaxValuesIsRefused() {
    String message =
        errors(
            dir, userFeatures("{name: tags, type: multi_categorical, buckets: 9, max_values: 0}"));
    assertReported(message, "features.user[0].max_values", "0", "an integer > 0");
  }

  @Test
  void keyThatDoesNotApplyToTheTypeListsTheKeysOfThatType() {
    String message = errors(dir, userFeatures("{name: age, type: numeric, buckets: 10}"));
    String line =
        assertReported(
            message, "features.user[0].buckets", "'buckets'", "name, column, type, normalization");
    assertTrue(line.contains("unknown key in a public numeric feature"), line);
  }

  @Test
  void overfitProneOnAPublicFeatureIsRefused() {
    String message = errors(dir, userFeatures("{name: age, type: numeric, overfit_prone: true}"));
    assertReported(message, "features.user[0].overfit_prone", "'overfit_prone'", "normalization");
  }

  @Test
  void unknownFeatureTypeListsTheAcceptedTypes() {
    String message = errors(dir, userFeatures("{name: age, type: float}"));
    assertReported(
        message, "features.user[0].type", "'float'", "categorical, numeric, multi_categorical");
  }

  @Test
  void missingFeatureTypeIsRequired() {
    String message = errors(dir, userFeatures("{name: age}"));
    assertReported(
        message, "features.user[0].type", null, "categorical, numeric, multi_categorical");
  }

  @Test
  void unknownNormalizationListsTheAcceptedOnes() {
    String message = errors(dir, userFeatures("{name: age, type: numeric, normalization: zscore}"));
    assertReported(
        message,
        "features.user[0].normalization",
        "'zscore'",
        "none, standard, log_standard, min_max");
  }

  @Test
  void featureNameOfTheWrongSyntaxIsRefused() {
    String message = errors(dir, userFeatures("{name: Age, type: numeric}"));
    assertReported(message, "features.user[0].name", "'Age'", "[a-z][a-z0-9_]*");
  }

  @Test
  void duplicateVocabularyValueIsRefused() {
    String message =
        errors(
            dir, userFeatures("{name: genre, type: categorical, vocabulary: [rock, pop, rock]}"));
    assertReported(message, "features.user[0].vocabulary[2]", "'rock'", "distinct values");
  }

  @Test
  void emptyVocabularyIsRefused() {
    String message = errors(dir, userFeatures("{name: genre, type: categorical, vocabulary: []}"));
    assertReported(message, "features.user[0].vocabulary", "[]", "a non-empty list");
  }

  @Test
  void sharingFeatureMayNotDeclareTheTableItTakes() {
    String message =
        errors(
            dir,
            userFeatures(
                "{name: user_id, type: categorical, buckets: 100}, "
                    + "{name: friend, type: categorical, share_embedding: user_id, buckets: 5}"));
    assertReported(message, "features.user[1].buckets", "5", "no buckets");
  }

  @Test
  void unknownFeatureSectionListsTheAcceptedOnes() {
    String message = errors(dir, DATA + PLAY_DAILY + "features: {users: []}\n");
    assertReported(message, "features.users", "'users'", "user, item, context");
  }

  @Test
  void privateFeatureAcceptsOverfitProneAndEveryFeatureGetsItsDefaults() {
    TuttiConfig config =
        load(
            dir,
            DATA
                + """
                tasks: [{id: play}]
                scenarios:
                  - id: daily
                    tasks: [play]
                    private_features:
                      - {name: slot, type: categorical, buckets: 4, overfit_prone: true}
                      - {name: rank, type: numeric}
                """);

    assertEquals(
        List.of(
            new FeatureConfig(
                "slot",
                "slot",
                FeatureType.CATEGORICAL,
                4,
                List.of(),
                16,
                null,
                Normalization.STANDARD,
                "|",
                8,
                true),
            new FeatureConfig(
                "rank",
                "rank",
                FeatureType.NUMERIC,
                0,
                List.of(),
                16,
                null,
                Normalization.STANDARD,
                "|",
                8,
                false)),
        config.scenario("daily").privateFeatures());
  }

  private static String userFeatures(String features) {
    return DATA + PLAY_DAILY + "features:\n  user: [" + features + "]\n";
  }
}

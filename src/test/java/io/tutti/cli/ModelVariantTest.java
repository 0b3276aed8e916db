package io.tutti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tutti.common.TuttiException;
import io.tutti.config.TuttiConfig;
import io.tutti.eval.EvalFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelVariantTest {
  private final TuttiConfig shared = EvalFixtures.config();

  @Test
  void ablationsTurnOneSwitchOfTheUnifiedModel() {
    List<ModelVariant> variants =
        ModelVariant.parse(
            "separate, unified-no-sen,unified-no-task-mask,unified-mean-pool,unified-no-private",
            shared);
    assertEquals("separate", variants.get(0).type());
    assertFalse(variants.get(1).config().model().sen());
    assertFalse(variants.get(2).config().model().taskMask());
    assertEquals("mean_pool", variants.get(3).config().model().interest());
    assertFalse(variants.get(4).config().model().privateFeatures());
    for (ModelVariant ablation : variants.subList(1, 5)) {
      assertEquals("unified", ablation.type());
    }
    // Everything else stays as shared: one budget for every model.
    assertTrue(variants.get(1).config().model().taskMask());
    assertEquals(shared.training(), variants.get(1).config().training());
  }

  @Test
  void unknownModelNamesTheAcceptedOnes() {
    TuttiException error =
        assertThrows(TuttiException.class, () -> ModelVariant.parse("unified,deepfm", shared));
    assertEquals(
        "Unknown model 'deepfm' in --models; accepted: unified, separate, shared_bottom, mmoe,"
            + " ple, star, or unified-ABLATION with ABLATION one of no-sen, no-task-mask,"
            + " mean-pool, no-private.",
        error.getMessage());
  }

  @Test
  void aModelNamedTwiceIsRefused() {
    TuttiException error =
        assertThrows(TuttiException.class, () -> ModelVariant.parse("unified,unified", shared));
    assertEquals(
        "--models names 'unified' twice; each model is trained once per seed.", error.getMessage());
  }

  @Test
  void baselineIsSeparateWhenCompared() {
    assertEquals(
        "separate",
        CompareCommand.chooseBaseline(ModelVariant.parse("unified,separate", shared), null));
    assertEquals(
        "unified", CompareCommand.chooseBaseline(ModelVariant.parse("unified,mmoe", shared), null));
    TuttiException error =
        assertThrows(
            TuttiException.class,
            () -> CompareCommand.chooseBaseline(ModelVariant.parse("unified", shared), "star"));
    assertEquals("--baseline 'star' is not among --models [unified].", error.getMessage());
  }

  @Test
  void demoAlwaysTrainsSeparateAndUnified() {
    assertEquals("separate,unified,mmoe", DemoCommand.withRequired("mmoe"));
    assertEquals("unified,separate", DemoCommand.withRequired("unified,separate"));
  }
}

package io.tutti.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tutti.common.TuttiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MusicWorldTest {
  @TempDir Path temp;

  private final MusicWorld world = MusicWorld.build(WorldSettings.tiny(21, 50));
  private final long now = world.settings().endSecond();

  @Test
  void candidatesAndMomentsAreTheSameForTheSameArguments() {
    int[] first = world.candidates(3, Surface.STREAM, now, 40);
    assertArrayEquals(first, world.candidates(3, Surface.STREAM, now, 40));
    assertArrayEquals(
        first, MusicWorld.build(WorldSettings.tiny(21, 50)).candidates(3, Surface.STREAM, now, 40));
    assertFalse(Arrays.equals(first, world.candidates(4, Surface.STREAM, now, 40)));
    assertTrue(Arrays.stream(first).allMatch(i -> i >= 0 && i < world.items(Surface.STREAM)));
    assertEquals(world.moment(3, Surface.PLAYLIST, now), world.moment(3, Surface.PLAYLIST, now));
  }

  @Test
  void trueProbabilitiesAreJointAndFollowTheUsersTaste() {
    for (Surface surface : world.surfaces()) {
      for (int item : world.candidates(7, surface, now, 20)) {
        double[] truth = world.trueProbabilities(7, surface, item, world.moment(7, surface, now));
        assertEquals(surface.tasks().size(), truth.length);
        for (int k = 1; k < truth.length; k++) {
          // A later task needs the first: its joint probability cannot exceed the first's.
          assertTrue(truth[k] <= truth[0], surface + " " + Arrays.toString(truth));
          assertTrue(truth[k] > 0, surface + " " + Arrays.toString(truth));
        }
      }
    }

    // Songs of the user's strongest interest beat songs of a genre none of their interests has.
    Listener user = world.listener(7);
    int favourite = user.interestGenres[0];
    for (int k = 1; k < user.interestGenres.length; k++) {
      if (user.interestWeights[k] > user.interestWeights[0]) {
        favourite = user.interestGenres[k];
      }
    }
    int finalFavourite = favourite;
    int other = 0;
    while (other == finalFavourite || contains(user.interestGenres, other)) {
      other++;
    }
    double liked = meanPlay(user.id, finalFavourite);
    double unliked = meanPlay(user.id, other);
    assertTrue(liked > unliked, "favourite genre " + liked + " vs another " + unliked);
  }

  @Test
  void aScenarioThatIsOffIsRefused() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> world.candidates(0, Surface.PODCAST, now, 3));
    assertEquals(
        "Scenario podcast is not on in this world; on: [daily, stream, playlist, mgc].",
        error.getMessage());
    assertThrows(IllegalArgumentException.class, () -> world.listener(50));
  }

  @Test
  void worldFileRoundTripsAndRefusesAnotherVersion() throws IOException {
    WorldSettings settings = WorldSettings.tiny(5, 10).withPodcast(true);
    Files.writeString(temp.resolve("world.json"), WorldFile.text(settings));
    assertEquals(settings, WorldFile.read(temp));

    Files.writeString(
        temp.resolve("world.json"),
        WorldFile.text(settings).replace("\"format_version\" : 1", "\"format_version\" : 9"));
    TuttiException error = assertThrows(TuttiException.class, () -> WorldFile.read(temp));
    assertEquals(
        temp.resolve("world.json")
            + ": format_version: seen 9; accepted: 1 (written by another release of Tutti).",
        error.getMessage());

    Files.writeString(
        temp.resolve("world.json"),
        WorldFile.text(settings).replace("\"users\" : 10", "\"users\" : 0"));
    error = assertThrows(TuttiException.class, () -> WorldFile.read(temp));
    assertEquals(
        temp.resolve("world.json") + ": World setting users: seen 0; accepted: at least 1.",
        error.getMessage());

    Files.writeString(temp.resolve("world.json"), "{\"format\": \"tutti-compiled-dataset\"}");
    error = assertThrows(TuttiException.class, () -> WorldFile.read(temp));
    assertEquals(
        temp.resolve("world.json")
            + ": format: seen 'tutti-compiled-dataset'; accepted: 'tutti-music-world'.",
        error.getMessage());

    error = assertThrows(TuttiException.class, () -> MusicWorld.load(temp.resolve("nowhere")));
    assertEquals(
        "No world.json in "
            + temp.resolve("nowhere")
            + ": not a directory written by tutti"
            + " simulate.",
        error.getMessage());
  }

  @Test
  void unknownScenarioIdIsRefusedListingTheKnownOnes() {
    assertEquals(Surface.MGC, Surface.byId("mgc"));
    TuttiException error = assertThrows(TuttiException.class, () -> Surface.byId("radio"));
    assertEquals(
        "Unknown scenario 'radio'; accepted: [daily, stream, playlist, mgc, podcast].",
        error.getMessage());
  }

  @Test
  void settingsRefuseValuesOutOfRangeNamingTheSetting() {
    WorldSettings d = WorldSettings.defaults();
    TuttiException error = assertThrows(TuttiException.class, () -> d.withUsers(-3));
    assertEquals("World setting users: seen -3; accepted: at least 1.", error.getMessage());
    error =
        assertThrows(
            TuttiException.class,
            () ->
                new WorldSettings(
                    1,
                    10,
                    false,
                    1000,
                    100,
                    8,
                    100,
                    10,
                    10,
                    8,
                    "yesterday",
                    10,
                    5,
                    10,
                    100,
                    50,
                    20));
    assertEquals(
        "World setting start: seen 'yesterday'; accepted: an ISO-8601 instant such as"
            + " 2026-03-02T00:00:00Z.",
        error.getMessage());
    error =
        assertThrows(
            TuttiException.class,
            () ->
                new WorldSettings(
                    1, 10, false, 1000, 100, 8, 100, 10, 10, 8, d.start(), 10, 5, 10, 20_000, 50,
                    20));
    assertEquals(
        "World setting long_length: seen 20000; accepted: at most 10000.", error.getMessage());
  }

  private double meanPlay(int user, int genre) {
    Catalogue catalogue = world.catalogue();
    double sum = 0;
    int count = 0;
    for (int song = 0; song < catalogue.songs.size && count < 200; song++) {
      if (catalogue.songs.genre[song] == genre) {
        sum += world.trueProbabilities(user, Surface.DAILY, song, Moment.at(now))[0];
        count++;
      }
    }
    return sum / count;
  }

  private static boolean contains(int[] values, int value) {
    return Arrays.stream(values).anyMatch(v -> v == value);
  }
}

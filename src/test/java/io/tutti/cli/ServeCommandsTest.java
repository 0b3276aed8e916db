package io.tutti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tutti.serve.RealModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tutti serve}, {@code tutti requests} and {@code tutti rank-batch} as a user runs them. */
class ServeCommandsTest {
  @TempDir Path dir;

  record Run(int exitCode, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = TuttiCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  @Test
  void everyServingCommandHasHelp() {
    for (String command : List.of("serve", "requests", "rank-batch")) {
      Run help = run(command, "--help");
      assertEquals(0, help.exitCode(), command);
      assertTrue(help.out().contains("Usage: tutti " + command), help.out());
    }
  }

  @Test
  void aMissingModelOptionIsAUsageError() {
    Run run = run("serve");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--model"), run.err());
  }

  @Test
  void aModelPathWithoutAModelFailsWithOneSentence() throws Exception {
    Files.createDirectories(dir.resolve("empty"));
    Run run = run("serve", "--model", dir.resolve("empty").toString(), "--port", "0");
    assertEquals(1, run.exitCode());
    assertEquals(
        "tutti: The model path "
            + dir.resolve("empty")
            + " is neither a model directory nor a directory of model versions (its"
            + " subdirectories hold no model).\n",
        run.err());
  }

  @Test
  void requestsAndRankBatchRunOnARealModel() throws Exception {
    RealModels.World real = RealModels.shared();
    Path model = real.models().resolve("v1");

    Path requests = dir.resolve("daily.jsonl");
    Run replay =
        run(
            "requests",
            "--model",
            real.models().toString(),
            "--data",
            real.dir().resolve("samples.csv").toString(),
            "--scenario",
            "daily",
            "--out",
            requests.toString());
    assertEquals(0, replay.exitCode(), replay.err());
    assertEquals("Wrote 3 requests of scenario daily to " + requests + ".\n", replay.out());
    assertEquals(3, Files.readAllLines(requests).size());

    Files.writeString(
        dir.resolve("users.csv"), "user_id,age,seq_long,seq_short\nu1,30,i6|i7,i6\nu2,40,,\n");
    Files.writeString(
        dir.resolve("candidates.csv"),
        "user_id,item_id,slot\nu1,i1,1\nu1,i2,2\nu1,i3,3\nu2,i4,1\n");
    Path out = dir.resolve("daily.csv");
    Run ranked =
        run(
            "rank-batch",
            "--model",
            model.toString(),
            "--scenario",
            "daily",
            "--users",
            dir.resolve("users.csv").toString(),
            "--candidates",
            dir.resolve("candidates.csv").toString(),
            "--k",
            "2",
            "--out",
            out.toString());
    assertEquals(0, ranked.exitCode(), ranked.err());
    assertTrue(ranked.out().startsWith("Ranked 2 users (4 candidates, "), ranked.out());
    List<String> lines = Files.readAllLines(out);
    assertEquals("user_id,rank,item_id,score,p_play,p_like", lines.get(0));
    assertEquals(4, lines.size());
  }
}

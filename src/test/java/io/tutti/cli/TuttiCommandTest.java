package io.tutti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TuttiCommandTest {

  @Test
  void unknownOptionIsAUsageErrorWithExitCodeTwo() {
    StringWriter err = new StringWriter();
    CommandLine commandLine = TuttiCommand.commandLine();
    commandLine.setErr(new PrintWriter(err));
    int exitCode = commandLine.execute("--no-such-option");
    assertEquals(2, exitCode);
    assertTrue(err.toString().contains("--no-such-option"), err.toString());
  }

  @Test
  void helpExitsWithZero() {
    StringWriter out = new StringWriter();
    CommandLine commandLine = TuttiCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    assertEquals(0, commandLine.execute("--help"));
    assertTrue(out.toString().contains("Usage: tutti"), out.toString());
  }
}

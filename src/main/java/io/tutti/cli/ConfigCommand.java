package io.tutti.cli;

import io.tutti.config.ConfigLoader;
import io.tutti.config.TuttiConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tutti config}: work with a {@code tutti.yaml}; its one subcommand is {@code check}. */
@Command(
    name = "config",
    description = "Check a tutti.yaml.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {ConfigCommand.Check.class})
public final class ConfigCommand implements Runnable {
  @Spec CommandSpec spec;

  /** Without a subcommand there is nothing to do: a usage error, exit code 2. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing the subcommand; accepted: check.");
  }

  /**
   * {@code tutti config check FILE}: prints the resolved config (every default filled in) and exits
   * 0, or prints every error of the file on stderr and exits 1.
   */
  @Command(
      name = "check",
      description = {
        "Validate FILE and print it resolved, with every default filled in.",
        "Exit code 0 when valid; 1 with every error on stderr otherwise."
      })
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The tutti.yaml to check.")
    Path file;

    @Override
    public Integer call() {
      // A TuttiException goes to the root's handler, which prints its lines and exits 1.
      TuttiConfig config = ConfigLoader.load(file);
      PrintWriter out = spec.commandLine().getOut();
      out.print(ConfigLoader.toYaml(config));
      out.flush();
      return 0;
    }
  }
}

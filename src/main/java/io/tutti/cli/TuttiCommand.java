package io.tutti.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.tutti.common.TuttiException;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code tutti} command line.
 *
 * <p>Exit codes: 0 on success, 1 when the job fails (bad input, a failed step), 2 on a usage error
 * (unknown option, missing argument). A failure prints one sentence on stderr; the stack trace
 * follows only under {@code --verbose}.
 */
@Command(
    name = "tutti",
    mixinStandardHelpOptions = true,
    versionProvider = TuttiVersion.class,
    description = "Unified multi-scenario, multi-task recommendation.",
    subcommands = {CommandLine.HelpCommand.class})
public final class TuttiCommand {

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Log at DEBUG level and print stack traces of failures.")
  void setVerbose(boolean verbose) {
    this.verbose = verbose;
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(verbose ? Level.DEBUG : Level.INFO);
  }

  private boolean verbose;

  /** Builds the command line with every subcommand and Tutti's error handling. */
  public static CommandLine commandLine() {
    TuttiCommand root = new TuttiCommand();
    CommandLine commandLine = new CommandLine(root);
    for (Object subcommand : Subcommands.all()) {
      commandLine.addSubcommand(subcommand);
    }
    // Every command, at every depth, answers --help (and --version) without its required input.
    addHelpOptions(commandLine);
    commandLine.setExecutionExceptionHandler(
        (exception, cl, parseResult) -> {
          PrintWriter err = cl.getErr();
          err.println("tutti: " + message(exception));
          if (root.verbose) {
            exception.printStackTrace(err);
          } else if (!(exception instanceof TuttiException)) {
            err.println("tutti: this is a bug in Tutti; run again with --verbose for details.");
          }
          err.flush();
          return 1;
        });
    return commandLine;
  }

  private static void addHelpOptions(CommandLine command) {
    command.getCommandSpec().mixinStandardHelpOptions(true);
    for (CommandLine subcommand : command.getSubcommands().values()) {
      addHelpOptions(subcommand);
    }
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  private static String message(Exception exception) {
    String message = exception.getMessage();
    if (exception instanceof TuttiException && message != null) {
      return message;
    }
    return exception.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}

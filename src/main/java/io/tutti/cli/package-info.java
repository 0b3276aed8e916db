/** The command line (picocli): one subcommand per job, exit codes 0, 1 and 2. */
package io.tutti.cli;

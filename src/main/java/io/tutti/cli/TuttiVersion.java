package io.tutti.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code tutti --version}, taken from the jar's manifest. */
public final class TuttiVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = TuttiVersion.class.getPackage().getImplementationVersion();
    return new String[] {"tutti " + (version == null ? "(development build)" : version)};
  }
}

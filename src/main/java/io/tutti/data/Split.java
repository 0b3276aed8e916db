package io.tutti.data;

import java.util.Locale;

/** The three parts a dataset is split into, in time order: train, then validation, then test. */
public enum Split {
  TRAIN,
  VALIDATION,
  TEST;

  /** The lower-case spelling used in files, JSON and the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}

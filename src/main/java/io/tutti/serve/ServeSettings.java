package io.tutti.serve;

/**
 * How the scoring server runs. Every value is checked by {@link #validate}; the defaults are {@link
 * #defaults()}.
 *
 * @param host the address to bind; default 127.0.0.1, so that nothing outside the machine reaches
 *     the server unless asked
 * @param port the TCP port, 0 for any free one; default 8080
 * @param maxCandidates candidates a rank request may carry at most; default 1,000
 * @param maxBodyBytes bytes a request body may have at most, else 413; default 8 MiB
 * @param concurrency rank requests scored at once; default the number of cores
 * @param queue rank requests that may wait for a scoring slot beyond those; default 64
 * @param maxWaitMillis how long a queued request waits at most before a 503; default 1,000 ms
 * @param retryAfterSeconds the Retry-After of a 503; default 1 s
 * @param watchSeconds how often the model path is checked for a new version, 0 never; default 10
 */
public record ServeSettings(
    String host,
    int port,
    int maxCandidates,
    int maxBodyBytes,
    int concurrency,
    int queue,
    long maxWaitMillis,
    int retryAfterSeconds,
    int watchSeconds) {

  /** The documented defaults. */
  public static ServeSettings defaults() {
    return new ServeSettings(
        "127.0.0.1",
        8080,
        1000,
        8 << 20,
        Runtime.getRuntime().availableProcessors(),
        64,
        1000,
        1,
        10);
  }

  /** Throws naming the first setting out of range. */
  public ServeSettings validate() {
    check(port >= 0 && port <= 65535, "port", port, "0 to 65535");
    check(maxCandidates >= 1, "max candidates", maxCandidates, "an integer >= 1");
    check(maxBodyBytes >= 1024, "max body bytes", maxBodyBytes, "an integer >= 1024");
    check(concurrency >= 1, "concurrency", concurrency, "an integer >= 1");
    check(queue >= 0, "queue", queue, "an integer >= 0");
    check(maxWaitMillis >= 0, "max wait", maxWaitMillis, "milliseconds >= 0");
    check(retryAfterSeconds >= 1, "retry after", retryAfterSeconds, "seconds >= 1");
    check(watchSeconds >= 0, "watch interval", watchSeconds, "seconds >= 0");
    return this;
  }

  public ServeSettings withPort(int newPort) {
    return new ServeSettings(
        host,
        newPort,
        maxCandidates,
        maxBodyBytes,
        concurrency,
        queue,
        maxWaitMillis,
        retryAfterSeconds,
        watchSeconds);
  }

  public ServeSettings withLimits(int newMaxCandidates, int newMaxBodyBytes) {
    return new ServeSettings(
        host,
        port,
        newMaxCandidates,
        newMaxBodyBytes,
        concurrency,
        queue,
        maxWaitMillis,
        retryAfterSeconds,
        watchSeconds);
  }

  public ServeSettings withAdmission(int newConcurrency, int newQueue, long newMaxWaitMillis) {
    return new ServeSettings(
        host,
        port,
        maxCandidates,
        maxBodyBytes,
        newConcurrency,
        newQueue,
        newMaxWaitMillis,
        retryAfterSeconds,
        watchSeconds);
  }

  public ServeSettings withWatchSeconds(int newWatchSeconds) {
    return new ServeSettings(
        host,
        port,
        maxCandidates,
        maxBodyBytes,
        concurrency,
        queue,
        maxWaitMillis,
        retryAfterSeconds,
        newWatchSeconds);
  }

  private static void check(boolean ok, String name, Object seen, String accepted) {
    if (!ok) {
      throw new io.tutti.common.TuttiException(
          "Server setting "
              + name
              + " is out of range: seen "
              + seen
              + "; accepted: "
              + accepted
              + ".");
    }
  }
}

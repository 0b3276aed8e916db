package io.tutti.serve;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission control of scoring: at most {@code concurrency} requests score at once, at most {@code
 * queue} more wait, each at most {@code maxWait}; a request beyond that is refused at once (the
 * server answers 503 with Retry-After), so that under overload latency stays bounded instead of
 * growing with an unbounded backlog.
 *
 * <p>Why here and not in the HTTP thread pool: a full thread pool can only refuse connections,
 * which a client sees as a network error; refusing in the handler gives a proper 503 that a client
 * or a load balancer knows to retry elsewhere.
 */
final class LoadShedder {
  private final Semaphore slots;
  private final int queue;
  private final long maxWaitNanos;
  private final AtomicInteger waiting = new AtomicInteger();

  LoadShedder(int concurrency, int queue, long maxWaitMillis) {
    if (concurrency < 1 || queue < 0 || maxWaitMillis < 0) {
      throw new IllegalArgumentException(
          "concurrency " + concurrency + ", queue " + queue + ", wait " + maxWaitMillis);
    }
    this.slots = new Semaphore(concurrency, true);
    this.queue = queue;
    this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
  }

  /**
   * Takes a scoring slot, waiting in the bounded queue if needed; false when the request is to be
   * shed. A true answer must be followed by {@link #release}.
   */
  boolean admit() throws InterruptedException {
    if (slots.tryAcquire()) {
      return true;
    }
    if (waiting.incrementAndGet() > queue) {
      waiting.decrementAndGet();
      return false;
    }
    try {
      return slots.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
    } finally {
      waiting.decrementAndGet();
    }
  }

  void release() {
    slots.release();
  }
}

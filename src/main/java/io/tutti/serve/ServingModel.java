package io.tutti.serve;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded model with a count of its users, so that a hot reload can retire it while requests are
 * still scoring on it: the scorer is closed when the last of them leaves.
 *
 * <p>The count starts at 1, the reference the {@link ModelSlot} holds while the model is current. A
 * request {@link #retain}s the model before scoring and {@link #release}s it after; {@link #retire}
 * drops the slot's reference. Whoever brings the count to 0 closes the scorer, exactly once. A
 * retain that finds the count at 0 fails, and the caller takes the slot's newer model.
 */
final class ServingModel {
  private static final Logger LOG = LoggerFactory.getLogger(ServingModel.class);

  private final ModelBundle bundle;
  private final String source;
  private final Map<String, ScenarioSchema> schemas;
  private final AtomicInteger users = new AtomicInteger(1);

  ServingModel(ModelBundle bundle, String source) {
    this.bundle = bundle;
    this.source = source;
    this.schemas = ScenarioSchema.of(bundle.config());
  }

  /** What a request of each scenario may carry, by scenario id in config order. */
  Map<String, ScenarioSchema> schemas() {
    return schemas;
  }

  ModelBundle bundle() {
    return bundle;
  }

  /** The directory (real path) the model was loaded from. */
  String source() {
    return source;
  }

  /** Adds a user; false when the model is already closed or closing. */
  boolean retain() {
    while (true) {
      int now = users.get();
      if (now <= 0) {
        return false;
      }
      if (users.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  /** Removes a user; the last one out closes the scorer. */
  void release() {
    if (users.decrementAndGet() == 0) {
      LOG.info("Closing model version {} ({}): no request uses it any more", version(), source);
      bundle.scorer().close();
    }
  }

  /** Drops the slot's own reference: the model closes once its requests have finished. */
  void retire() {
    release();
  }

  String version() {
    return bundle.version();
  }
}

package io.tutti.config;

import java.util.List;
import java.util.stream.Stream;

/**
 * The public features, shared by every scenario, by what they describe.
 *
 * @param user features of the user (profile, long-term statistics)
 * @param item features of the candidate item
 * @param context features of the moment (time of day, device)
 */
public record FeaturesConfig(
    List<FeatureConfig> user, List<FeatureConfig> item, List<FeatureConfig> context) {

  public FeaturesConfig {
    user = List.copyOf(user);
    item = List.copyOf(item);
    context = List.copyOf(context);
  }

  /** Every public feature: user, then item, then context, each in declaration order. */
  public List<FeatureConfig> all() {
    return Stream.of(user, item, context).flatMap(List::stream).toList();
  }
}

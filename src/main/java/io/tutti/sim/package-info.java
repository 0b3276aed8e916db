/**
 * The music-world simulator: writes samples with known ground truth; knows nothing of models.
 *
 * <p>Entry points: {@link io.tutti.sim.Simulator} writes a world to a directory ({@code tutti
 * simulate}); {@link io.tutti.sim.MusicWorld} rebuilds a world from its {@link
 * io.tutti.sim.WorldSettings} (or the {@code world.json} beside its files) and answers for the
 * ground truth: candidates, raw features, play logs and true probabilities. docs/simulator.md tells
 * the generative story.
 */
package io.tutti.sim;

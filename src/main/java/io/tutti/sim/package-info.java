/** The music-world simulator: writes samples with known ground truth; knows nothing of models. */
package io.tutti.sim;

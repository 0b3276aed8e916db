package io.tutti.model;

import io.tutti.config.FeatureConfig;
import io.tutti.config.ModelConfig;
import io.tutti.config.SequenceConfig;
import io.tutti.config.TuttiConfig;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gather;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The user's interest from the behaviour sequences, by hierarchical attention, or by mean pooling
 * (the ablation {@code model.interest: mean_pool}).
 *
 * <p>Hierarchical attention, with {@code D} the width of the short sequence's table, {@code Ls} its
 * length, {@code M} the long-history candidates ({@link ModelSignature#longCandidates}) and {@code
 * k} = {@code model.long_top_k}:
 *
 * <pre>
 *   short events S            [batch, Ls, D]   the queries (the candidate alone, [batch, 1, D],
 *                                              when there is no short sequence)
 *   long history L            [batch, M, D]    item embedding + log1p(plays) x a learnt vector
 *   1. select: top k of stop_gradient(L . mean(S))  ->  kept  [batch, k, D]
 *   2. long interests   H_l = attention(S over kept)           [batch, Ls, D]
 *      mid interests    H_m = attention(S over mid events)     [batch, Ls, D]
 *      interests        I   = layer_norm(S + H_l + H_m)        [batch, Ls, D]
 *   3. candidate interest c = attention(candidate over I)      [batch, D]
 *   output = [c, mean of I over the short events]              [batch, 2D]
 * </pre>
 *
 * <p>Cost per sample, with {@code h} the head width times the heads: compressing the history in
 * Java is linear in its events (about 0.3 ms for 10,000); step 1 costs {@code M * D}; step 2 {@code
 * 2 Ls (k + Lm) h} for the scores and the values; step 3 {@code 2 Ls h}. The events beyond the
 * {@code M} most played distinct items never reach the graph, so the graph's cost does not grow
 * with the history: full attention over 10,000 events for 30 queries would cost about 300 times
 * step 2 at {@code k = 64}. With {@code long_top_k: 0} every distinct item up to the sequence's
 * length is attended, and step 2 grows with it.
 *
 * <p>Step 1 needs the long table and the short table to have one width (they normally are one
 * table, the item id's); when they differ, the kept items are simply the {@code k} most played.
 */
final class InterestModule {
  private final Layers layers;
  private final ModelConfig model;
  private final GraphInputs inputs;
  private final PublicFeatures publicFeatures;
  private final SequenceConfig shortSequence;
  private final SequenceConfig midSequence;
  private final SequenceConfig longSequence;
  private final FeatureConfig queryFeature;
  private final int longCandidates;
  private EmbeddingLookup.Request shortRequest;
  private EmbeddingLookup.Request midRequest;
  private EmbeddingLookup.Request longRequest;

  /** Phase 1: asks for the sequences' embeddings; none when the config has no sequence. */
  InterestModule(
      Layers layers,
      TuttiConfig config,
      GraphInputs inputs,
      EmbeddingLookup lookup,
      PublicFeatures publicFeatures,
      int longCandidates) {
    this.layers = layers;
    this.model = config.model();
    this.inputs = inputs;
    this.publicFeatures = publicFeatures;
    this.longCandidates = longCandidates;
    shortSequence = config.sequence("short").orElse(null);
    midSequence = config.sequence("mid").orElse(null);
    longSequence = config.sequence("long").orElse(null);
    SequenceConfig first =
        shortSequence != null
            ? shortSequence
            : config.sequences().stream().findFirst().orElse(null);
    queryFeature = first == null ? null : config.feature(first.feature()).orElseThrow();
    if (shortSequence != null) {
      shortRequest = request(lookup, config, shortSequence, shortSequence.maxLength());
    }
    if (midSequence != null) {
      midRequest = request(lookup, config, midSequence, midSequence.maxLength());
    }
    if (longSequence != null) {
      longRequest =
          lookup.request(
              config.feature(longSequence.feature()).orElseThrow(),
              inputs.ints("long_items"),
              longCandidates);
    }
  }

  private EmbeddingLookup.Request request(
      EmbeddingLookup lookup, TuttiConfig config, SequenceConfig sequence, long length) {
    FeatureConfig feature = config.feature(sequence.feature()).orElseThrow();
    return lookup.request(feature, inputs.ints(ModelSignature.sequenceName(sequence.id())), length);
  }

  /** Whether the config has any sequence. */
  boolean present() {
    return queryFeature != null;
  }

  /** The width of {@link #vector()}. */
  long width() {
    if (!present()) {
      return 0;
    }
    if (model.interest().equals("mean_pool")) {
      long width = 0;
      for (EmbeddingLookup.Request request : requests()) {
        width += request.width;
      }
      return width;
    }
    return 2L * publicFeatures.width(queryFeature);
  }

  /** Phase 2: the interest vector, {@code [batch, width()]}. */
  Operand<TFloat32> vector() {
    if (model.interest().equals("mean_pool")) {
      return meanPool();
    }
    return hierarchical();
  }

  private List<EmbeddingLookup.Request> requests() {
    List<EmbeddingLookup.Request> requests = new ArrayList<>();
    for (EmbeddingLookup.Request request :
        new EmbeddingLookup.Request[] {shortRequest, midRequest, longRequest}) {
      if (request != null) {
        requests.add(request);
      }
    }
    return requests;
  }

  private Operand<TFloat32> meanPool() {
    Ops tf = layers.tf;
    List<Operand<TFloat32>> parts = new ArrayList<>();
    if (shortRequest != null) {
      parts.add(layers.weightedMean(shortRequest.embeddings(), lengthMask(shortSequence)));
    }
    if (midRequest != null) {
      parts.add(layers.weightedMean(midRequest.embeddings(), lengthMask(midSequence)));
    }
    if (longRequest != null) {
      // Weighted by play counts: exactly the mean over the raw long sequence's known items.
      parts.add(layers.weightedMean(longRequest.embeddings(), inputs.floats("long_counts")));
    }
    return parts.size() == 1 ? parts.get(0) : tf.concat(parts, tf.constant(1));
  }

  private Operand<TFloat32> hierarchical() {
    Ops tf = layers.tf;
    long width = publicFeatures.width(queryFeature);
    Operand<TFloat32> candidate = publicFeatures.embedding(queryFeature);
    int heads = model.attentionHeads();

    // The queries: the short events, or the candidate itself.
    Operand<TFloat32> queries;
    Operand<TFloat32> queryMask;
    long queryLength;
    if (shortRequest != null) {
      queries = shortRequest.embeddings();
      queryMask = lengthMask(shortSequence);
      queryLength = shortSequence.maxLength();
    } else {
      queries = tf.reshape(candidate, tf.constant(new long[] {-1, 1, width}));
      queryMask = tf.fill(tf.stack(List.of(layers.batchSize(), tf.constant(1))), tf.constant(1f));
      queryLength = 1;
    }

    Operand<TFloat32> interests = queries;
    if (longRequest != null) {
      interests =
          tf.math.add(interests, longInterests(queries, queryMask, queryLength, width, heads));
    }
    if (midRequest != null) {
      MultiHeadAttention mid = new MultiHeadAttention(layers, "interest/mid", heads, (int) width);
      interests =
          tf.math.add(
              interests,
              mid.attend(
                  queries,
                  queryLength,
                  width,
                  midRequest.embeddings(),
                  midSequence.maxLength(),
                  midRequest.width,
                  lengthMask(midSequence),
                  width));
    }
    interests = layers.layerNorm("interest/norm", interests, width);

    // The candidate over the short-term interests.
    MultiHeadAttention over =
        new MultiHeadAttention(layers, "interest/candidate", heads, (int) width);
    Operand<TFloat32> candidateInterest =
        tf.reshape(
            over.attend(
                tf.reshape(candidate, tf.constant(new long[] {-1, 1, width})),
                1,
                width,
                interests,
                queryLength,
                width,
                queryMask,
                width),
            tf.constant(new long[] {-1, width}));
    Operand<TFloat32> shortTerm = layers.weightedMean(interests, queryMask);
    return tf.concat(List.of(candidateInterest, shortTerm), tf.constant(1));
  }

  private Operand<TFloat32> longInterests(
      Operand<TFloat32> queries,
      Operand<TFloat32> queryMask,
      long queryLength,
      long width,
      int heads) {
    Ops tf = layers.tf;
    long longWidth = longRequest.width;
    Operand<TFloat32> counts = inputs.floats("long_counts");
    Operand<TFloat32> present = layers.toFloat(tf.math.greater(counts, tf.constant(0f)));

    // How often an item was played enters its key and value: item + log1p(plays) x a learnt
    // vector.
    Operand<TFloat32> countVector =
        layers.parameters.get(
            "interest/play_count", Parameters.Init.GLOROT, Parameters.Kind.DENSE, 1, longWidth);
    Operand<TFloat32> countRow = tf.reshape(countVector, tf.constant(new long[] {1, 1, longWidth}));
    Operand<TFloat32> items = longRequest.embeddings();
    Operand<TFloat32> playWeights = tf.math.log1p(counts);

    Operand<TFloat32> keptMask = present;
    long keptLength = longCandidates;
    int topK = model.longTopK();
    if (topK > 0 && topK < longCandidates) {
      // Cheap selection, no gradient: the items most similar to the short-term interest, scored
      // as items . s + log1p(plays) (v . s), so that the [batch, M, D] history is never built.
      Operand<TFloat32> similarity;
      if (longWidth == width) {
        Operand<TFloat32> summary = layers.weightedMean(queries, queryMask);
        Operand<TFloat32> itemScores =
            tf.reshape(
                tf.train.batchMatMul(
                    items, tf.expandDims(summary, tf.constant(-1)), TFloat32.class),
                tf.constant(new long[] {-1, longCandidates}));
        Operand<TFloat32> countScore =
            tf.linalg.matMul(
                summary, countVector, org.tensorflow.op.linalg.MatMul.transposeB(true));
        similarity = tf.stopGradient(tf.math.add(itemScores, tf.math.mul(playWeights, countScore)));
      } else {
        similarity = tf.zerosLike(counts);
      }
      // Padding last; on ties the lower index wins, i.e. the more played item.
      similarity =
          tf.math.add(
              similarity, tf.math.mul(tf.math.sub(present, tf.constant(1f)), tf.constant(1e9f)));
      Operand<TInt32> chosen = tf.nn.topK(similarity, tf.constant(topK), TInt32.class).indices();
      items = tf.gather(items, chosen, tf.constant(1), Gather.batchDims(1L));
      playWeights = tf.gather(playWeights, chosen, tf.constant(1), Gather.batchDims(1L));
      keptMask = tf.gather(present, chosen, tf.constant(1), Gather.batchDims(1L));
      keptLength = topK;
    }
    Operand<TFloat32> kept =
        tf.math.add(items, tf.math.mul(tf.expandDims(playWeights, tf.constant(-1)), countRow));
    MultiHeadAttention attention =
        new MultiHeadAttention(layers, "interest/long", heads, (int) width);
    return attention.attend(
        queries, queryLength, width, kept, keptLength, longWidth, keptMask, width);
  }

  /** 1 for the events present, 0 for padding: {@code [batch, maxLength]}. */
  private Operand<TFloat32> lengthMask(SequenceConfig sequence) {
    Ops tf = layers.tf;
    int[] positions = new int[sequence.maxLength()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = i;
    }
    Operand<TInt32> lengths =
        tf.reshape(
            inputs.ints(ModelSignature.sequenceName(sequence.id()) + "_length"),
            tf.constant(new int[] {-1, 1}));
    return layers.toFloat(tf.math.less(tf.constant(new int[][] {positions}), lengths));
  }
}

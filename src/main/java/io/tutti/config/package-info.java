/** Tutti's declarative configuration (tutti.yaml): immutable, validated once at load. */
package io.tutti.config;

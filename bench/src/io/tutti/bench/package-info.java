/** Benchmarks: programs that measure speed and memory and print their figures. */
package io.tutti.bench;

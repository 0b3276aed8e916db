/** The floor every package stands on: user-facing errors and atomic file output. */
package io.tutti.common;

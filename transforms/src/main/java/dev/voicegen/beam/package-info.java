/**
 * The Beam side of voicegen: composite transforms named as in architecture.md and thin DoFns that
 * time, count and route; the work itself is in the kernels of the other packages.
 */
package dev.voicegen.beam;

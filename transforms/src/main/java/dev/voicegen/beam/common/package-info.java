/**
 * What both jobs' transforms share: the stage names, failures as values ({@code FailedRow},
 * {@code StageFailure}), per-stage metrics, the Avro schema loader, latency statistics and the
 * timing log, the output layout under {@code --output}, and part files written without grouping.
 * The composite transforms of the jobs live beside it ({@code manifest}, {@code voice},
 * {@code synthesis}, {@code output}: the voicegen job; {@code transcribe}: the transcribe job);
 * the work itself is in the kernels, which know nothing of Beam.
 */
package dev.voicegen.beam.common;

/**
 * The voicegen job's output step: WriteDataset (audio files, metadata and error Parquet, NeMo
 * manifest) and the run's statistics computed from the data.
 */
package dev.voicegen.beam.output;

/**
 * The transcribe job's transforms: audio files in, Whisper transcripts with MFCC matrices out
 * ({@code transcripts/folder_name=<parent>/part-*.parquet}), failed files as error rows.
 */
package dev.voicegen.beam.transcribe;

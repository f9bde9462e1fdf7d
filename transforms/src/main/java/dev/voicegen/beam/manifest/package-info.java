/**
 * The voicegen job's manifest steps: ScanManifest (first pass: duplicates and the rows a resumed
 * run has done) and ReadManifest (second pass: rows parsed and validated, bad rows as failures).
 */
package dev.voicegen.beam.manifest;

/**
 * The ONNX Runtime layer every model shares (XTTS, Whisper, the quality models): the execution
 * device, session options and creation, the check of a loaded graph against the tensors a layout
 * promises, the per-JVM reference-counted registry of loaded models, and the one exception a model
 * that cannot be used throws.
 */
package dev.voicegen.onnx;

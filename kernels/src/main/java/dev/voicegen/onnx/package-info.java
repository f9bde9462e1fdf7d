/**
 * The ONNX Runtime layer every model shares (XTTS, Whisper, the quality models): the execution
 * device, session options and creation, the check of a loaded graph against the tensors a layout
 * promises, the per-JVM reference-counted registry of loaded models, and the one exception a model
 * that cannot be used throws. What the Java API lacks, IoBinding, comes from ONNX Runtime's C API
 * through JNA: {@link dev.voicegen.onnx.OrtApi} (the function table of the library the Java binding
 * loaded), {@link dev.voicegen.onnx.BoundSession} (runs with tensors bound where they lie),
 * {@link dev.voicegen.onnx.DeviceTensor} and {@link dev.voicegen.onnx.RowGather} (rows kept on the device).
 */
package dev.voicegen.onnx;

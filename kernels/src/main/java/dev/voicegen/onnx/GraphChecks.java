package dev.voicegen.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Checks one loaded ONNX graph against the tensor names, ranks and sizes a model layout promises,
 * so that a wrong file fails at load with its name and the mismatch. The XTTS and Whisper loaders
 * use it with their own exception types.
 */
public final class GraphChecks {
  private final String file;
  private final String sizeSource;
  private final BiFunction<String, String, ? extends RuntimeException> error;

  /**
   * @param file the graph, relative to the model directory (it leads every message)
   * @param sizeSource where expected sizes come from, added to size messages (e.g. config.json), or null
   * @param error makes the exception for (file, problem)
   */
  public GraphChecks(String file, String sizeSource, BiFunction<String, String, ? extends RuntimeException> error) {
    this.file = file;
    this.sizeSource = sizeSource;
    this.error = error;
  }

  public RuntimeException error(String problem) {
    return error.apply(file, problem);
  }

  public Map<String, NodeInfo> inputs(OrtSession s) {
    try {
      return s.getInputInfo();
    } catch (OrtException e) {
      throw error("cannot read inputs: " + e.getMessage());
    }
  }

  public Map<String, NodeInfo> outputs(OrtSession s) {
    try {
      return s.getOutputInfo();
    } catch (OrtException e) {
      throw error("cannot read outputs: " + e.getMessage());
    }
  }

  /**
   * Requires {@code name} among {@code nodes} with {@code rank}; {@code dim} at {@code axis} must
   * match unless the graph leaves it symbolic (axis -1: no size check).
   *
   * @param kind "input" or "output", for the message
   */
  public void tensor(String kind, Map<String, NodeInfo> nodes, String name, int rank, int axis, long dim) {
    NodeInfo n = nodes.get(name);
    if (n == null) {
      throw error("missing " + kind + " " + name + " (has " + nodes.keySet() + ")");
    }
    check(kind + " " + name, n, rank, axis, dim);
  }

  /** The same checks on the graph's first output, whatever its name. */
  public void firstOutput(OrtSession s, int rank, int axis, long dim) {
    Map<String, NodeInfo> out = outputs(s);
    if (out.isEmpty()) {
      throw error("has no outputs");
    }
    NodeInfo n = out.values().iterator().next();
    check("output " + n.getName(), n, rank, axis, dim);
  }

  /** The tensor type information of {@code name}, which {@link #tensor} has checked. */
  public TensorInfo info(Map<String, NodeInfo> nodes, String name) {
    return (TensorInfo) nodes.get(name).getInfo();
  }

  private void check(String what, NodeInfo n, int rank, int axis, long dim) {
    if (!(n.getInfo() instanceof TensorInfo t)) {
      throw error(what + " is not a tensor");
    }
    long[] shape = t.getShape();
    if (shape.length != rank) {
      throw error(what + " has rank " + shape.length + " but rank " + rank + " is expected");
    }
    if (axis >= 0 && shape[axis] > 0 && shape[axis] != dim) {
      throw error(what + " has size " + shape[axis] + " on axis " + axis + " but " + dim + " is expected"
          + (sizeSource == null ? "" : " (" + sizeSource + ")"));
    }
  }
}

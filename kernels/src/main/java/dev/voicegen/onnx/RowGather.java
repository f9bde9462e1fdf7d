package dev.voicegen.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.sun.jna.Memory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Keeps chosen rows (axis 0) of several tensors where they lie: a tiny ONNX graph of one Gather
 * per tensor, built at load and run through IoBinding on the model's device, so that rows which
 * finish can leave a batch's KV cache without the cache coming to Java. Inputs {@code rows} (int64
 * [K]) and {@code x_i}, outputs {@code y_i = Gather(x_i, rows, axis=0)}. Thread-safe.
 */
public final class RowGather implements AutoCloseable {
  /** ONNX IR version 8 and default-domain opset 13 (Gather has been unchanged since opset 13). */
  private static final int IR_VERSION = 8;
  private static final int OPSET = 13;
  /** onnx.proto TensorProto.DataType. */
  private static final int ONNX_FLOAT = 1;
  private static final int ONNX_INT64 = 7;

  private final int tensors;
  private final OrtSession session;
  private final ExecutionDevice device;

  private RowGather(int tensors, OrtSession session, ExecutionDevice device) {
    this.tensors = tensors;
    this.session = session;
    this.device = device;
  }

  /** Builds the graph for {@code tensors} float tensors of rank {@code rank} and opens it with {@code options}. */
  public static RowGather open(OrtEnvironment env, OrtSession.SessionOptions options, ExecutionDevice device,
      int tensors, int rank) {
    OrtSession s;
    try {
      s = env.createSession(model(tensors, rank), options);
    } catch (OrtException e) {
      throw new ModelException("cannot load the row-gather graph: " + e.getMessage(), e);
    }
    try {
      OrtApi.sessionHandle(s); // no C API access: fail at load, not at the first finished row
      return new RowGather(tensors, s, device);
    } catch (RuntimeException e) {
      closeQuietly(s);
      throw e;
    }
  }

  /**
   * Rows {@code keep[0..count)} of every input, in that order, as new tensors on the device (the
   * caller owns them; the inputs are left as they are).
   */
  public List<DeviceTensor> keep(List<DeviceTensor> inputs, int[] keep, int count) {
    if (inputs.size() != tensors) {
      throw new IllegalArgumentException(inputs.size() + " tensors for a gather of " + tensors);
    }
    Memory rows = new Memory(Math.max(1, count) * 8L);
    for (int i = 0; i < count; i++) {
      rows.setLong(i * 8L, keep[i]);
    }
    // a binding per call, so that one gather serves every thread (compactions are rare: once per finished row at most)
    try (BoundSession bound = BoundSession.open(session, device);
        DeviceTensor index = DeviceTensor.over(rows, new long[] {count}, OrtApi.INT64)) {
      bound.bindInput("rows", index);
      for (int i = 0; i < tensors; i++) {
        bound.bindInput("x_" + i, inputs.get(i));
        bound.bindOutput("y_" + i, BoundSession.Placement.DEVICE);
      }
      return bound.run();
    }
  }

  /** The serialised ModelProto (onnx.proto field numbers). */
  static byte[] model(int tensors, int rank) {
    Proto graph = new Proto();
    for (int i = 0; i < tensors; i++) {
      Proto node = new Proto().string(1, "x_" + i).string(1, "rows").string(2, "y_" + i)
          .string(3, "gather_" + i).string(4, "Gather")
          .message(5, new Proto().string(1, "axis").varint(3, 0).varint(20, 2)); // AttributeProto INT = 2
      graph.message(1, node);
    }
    graph.string(2, "voicegen_row_gather");
    graph.message(11, valueInfo("rows", ONNX_INT64, "k"));
    String[] dims = new String[rank];
    for (int d = 0; d < rank; d++) {
      dims[d] = "d" + d;
    }
    for (int i = 0; i < tensors; i++) {
      graph.message(11, valueInfo("x_" + i, ONNX_FLOAT, dims));
    }
    dims[0] = "k";
    for (int i = 0; i < tensors; i++) {
      graph.message(12, valueInfo("y_" + i, ONNX_FLOAT, dims));
    }
    return new Proto().varint(1, IR_VERSION).string(2, "voicegen").message(7, graph)
        .message(8, new Proto().string(1, "").varint(2, OPSET)).bytes();
  }

  private static Proto valueInfo(String name, int elemType, String... dims) {
    Proto shape = new Proto();
    for (String d : dims) {
      shape.message(1, new Proto().string(2, d)); // TensorShapeProto.Dimension.dim_param
    }
    Proto tensor = new Proto().varint(1, elemType).message(2, shape);
    return new Proto().string(1, name).message(2, new Proto().message(1, tensor));
  }

  /** Protocol-buffer wire format, just what a ModelProto needs: varints and length-delimited fields. */
  private static final class Proto {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Proto varint(int field, long value) {
      raw((long) field << 3);
      raw(value);
      return this;
    }

    Proto string(int field, String s) {
      return lengthDelimited(field, s.getBytes(StandardCharsets.UTF_8));
    }

    Proto message(int field, Proto m) {
      return lengthDelimited(field, m.bytes());
    }

    byte[] bytes() {
      return out.toByteArray();
    }

    private Proto lengthDelimited(int field, byte[] b) {
      raw(((long) field << 3) | 2);
      raw(b.length);
      out.write(b, 0, b.length);
      return this;
    }

    private void raw(long v) {
      while ((v & ~0x7FL) != 0) {
        out.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }
  }

  private static void closeQuietly(OrtSession s) {
    try {
      s.close();
    } catch (OrtException e) {
      // closing a session that failed to bind: nothing more to do
    }
  }

  @Override
  public void close() {
    closeQuietly(session);
  }
}

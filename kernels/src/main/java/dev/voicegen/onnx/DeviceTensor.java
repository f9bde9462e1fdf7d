package dev.voicegen.onnx;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.lang.ref.Reference;

/**
 * One ONNX Runtime tensor ({@code OrtValue}) held from Java by handle: in host memory, where Java
 * may read it, or in the session's device memory (CUDA), where only ORT may. Owned by whoever
 * holds it; {@link #close} releases it (ORT frees the memory when no binding refers to it either).
 */
public final class DeviceTensor implements AutoCloseable {
  private final OrtApi api;
  private final boolean host;
  /** Java-owned memory the tensor lies in, held so that it cannot be freed while the tensor lives. */
  private final Memory backing;
  private Pointer value;
  private Pointer data;

  DeviceTensor(OrtApi api, Pointer value, boolean host) {
    this(api, value, host, null);
  }

  private DeviceTensor(OrtApi api, Pointer value, boolean host, Memory backing) {
    this.api = api;
    this.value = value;
    this.host = host;
    this.backing = backing;
  }

  /** A new tensor in ORT's CPU allocator (zeros are not promised; an empty shape is fine). */
  public static DeviceTensor allocate(long[] shape, int elementType) {
    OrtApi api = OrtApi.get();
    return new DeviceTensor(api, api.createTensor(shape, elementType), true);
  }

  /**
   * A tensor over {@code data}, Java-owned native memory, without a copy: ORT reads it where it
   * lies. {@code data} must stay alive and unchanged until the run that reads it is over.
   */
  public static DeviceTensor over(Memory data, long[] shape, int elementType) {
    OrtApi api = OrtApi.get();
    long bytes = elements(shape) * (elementType == OrtApi.INT64 ? 8 : 4);
    if (bytes > data.size()) {
      throw new IllegalArgumentException(bytes + " bytes for shape but the buffer holds " + data.size());
    }
    return new DeviceTensor(api, api.createTensorOver(api.cpuMemoryInfo(), data, bytes, shape, elementType), true, data);
  }

  /** Whether Java may read the data (it lies in host memory). */
  public boolean host() {
    return host;
  }

  public long[] shape() {
    long[] st = api.shapeAndType(handle());
    long[] shape = new long[st.length - 1];
    System.arraycopy(st, 0, shape, 0, shape.length);
    return shape;
  }

  /** The ONNXTensorElementDataType, e.g. {@link OrtApi#FLOAT}. */
  public int elementType() {
    long[] st = api.shapeAndType(handle());
    return (int) st[st.length - 1];
  }

  /** Copies {@code n} floats from element {@code offset} into {@code dst[off..)}; host tensors only. */
  public void read(long offset, float[] dst, int off, int n) {
    if (!host) {
      throw new IllegalStateException("tensor lies in device memory; bind it to host memory to read it");
    }
    data().read(offset * Float.BYTES, dst, off, n);
  }

  /** Writes floats at element {@code offset}; host tensors only. */
  public void write(long offset, float[] src, int off, int n) {
    if (!host) {
      throw new IllegalStateException("tensor lies in device memory");
    }
    data().write(offset * Float.BYTES, src, off, n);
  }

  private Pointer data() {
    if (data == null) {
      data = api.tensorData(handle());
    }
    return data;
  }

  Pointer handle() {
    if (value == null) {
      throw new IllegalStateException("tensor already released");
    }
    return value;
  }

  static long elements(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  @Override
  public void close() {
    if (value != null) {
      api.releaseValue(value);
      value = null;
      data = null;
    }
    Reference.reachabilityFence(backing);
  }
}

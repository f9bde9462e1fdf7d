package dev.voicegen.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a Java {@link OrtSession} through ONNX Runtime's IoBinding (C API): inputs are bound
 * {@link DeviceTensor}s wherever they lie, and each output is placed either in host memory, for
 * Java to read, or in the session's device memory, where it can be bound as the next run's input
 * without a copy. On {@code cpu} both places are host memory, so the same code runs in CI. Not
 * thread-safe: one per thread; the session itself may be shared.
 */
public final class BoundSession implements AutoCloseable {
  /** Where a bound output goes. */
  public enum Placement { HOST, DEVICE }

  private final OrtApi api;
  private final Pointer session;
  private final boolean deviceIsHost;
  private final Pointer deviceInfo;
  private final Pointer runOptions;
  private final Pointer binding;
  private final List<Placement> outputs = new ArrayList<>();
  /** Names as C strings, made once: the same few dozen are bound on every decode step. */
  private final Map<String, Memory> names = new HashMap<>();

  private BoundSession(OrtApi api, Pointer session, ExecutionDevice device) {
    this.api = api;
    this.session = session;
    this.deviceIsHost = device.kind() == ExecutionDevice.Kind.CPU;
    this.deviceInfo = api.memoryInfo(device);
    PointerByReference out = new PointerByReference();
    try {
      api.check(api.call(OrtApi.CREATE_RUN_OPTIONS, out), "CreateRunOptions");
      this.runOptions = out.getValue();
      api.check(api.call(OrtApi.CREATE_IO_BINDING, session, out), "CreateIoBinding");
      this.binding = out.getValue();
    } catch (RuntimeException e) {
      api.releaseMemoryInfo(deviceInfo);
      throw e;
    }
  }

  /** Binds runs of {@code session}, whose device tensors live on {@code device} (as its execution provider). */
  public static BoundSession open(OrtSession session, ExecutionDevice device) {
    // ORT's own answer to CUDA memory on a build without the CUDA provider depends on what else the
    // process has loaded; refuse it here, every time, with the fix
    if (device.kind() == ExecutionDevice.Kind.CUDA
        && !OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
      throw new ModelException("--device=" + device + ": this ONNX Runtime build has no CUDA execution provider;"
          + " " + ExecutionDevice.HOW_TO_GET_CUDA);
    }
    return new BoundSession(OrtApi.get(), OrtApi.sessionHandle(session), device);
  }

  /** Binds a tensor as the named input of the next run (ORT copies it to the device when it lies elsewhere). */
  public void bindInput(String name, DeviceTensor tensor) {
    api.check(api.call(OrtApi.BIND_INPUT, binding, cString(name), tensor.handle()), "BindInput(" + name + ")");
  }

  /** Binds the named output to host or device memory; {@link #run} returns outputs in bind order. */
  public void bindOutput(String name, Placement where) {
    Pointer info = where == Placement.HOST ? api.cpuMemoryInfo() : deviceInfo;
    api.check(api.call(OrtApi.BIND_OUTPUT_TO_DEVICE, binding, cString(name), info), "BindOutputToDevice(" + name + ")");
    outputs.add(where);
  }

  /**
   * Runs the session on the bound tensors and hands the outputs over (the caller closes them), in
   * the order they were bound. The binding is cleared either way, so it holds no tensor afterwards.
   */
  public List<DeviceTensor> run() {
    try {
      api.check(api.call(OrtApi.RUN_WITH_BINDING, session, runOptions, binding), "RunWithBinding");
      PointerByReference values = new PointerByReference();
      LongByReference count = new LongByReference();
      api.check(api.call(OrtApi.GET_BOUND_OUTPUT_VALUES, binding, api.defaultAllocator(), values, count),
          "GetBoundOutputValues");
      int n = (int) count.getValue();
      if (n != outputs.size()) {
        throw new ModelException("IoBinding returned " + n + " outputs, " + outputs.size() + " were bound");
      }
      List<DeviceTensor> out = new ArrayList<>(n);
      if (n > 0) {
        Pointer array = values.getValue();
        for (int i = 0; i < n; i++) {
          Pointer v = array.getPointer((long) i * Native.POINTER_SIZE);
          out.add(new DeviceTensor(api, v, outputs.get(i) == Placement.HOST || deviceIsHost));
        }
        api.check(api.call(OrtApi.ALLOCATOR_FREE, api.defaultAllocator(), array), "AllocatorFree");
      }
      return out;
    } finally {
      clear();
    }
  }

  private Memory cString(String name) {
    return names.computeIfAbsent(name, n -> {
      byte[] b = n.getBytes(StandardCharsets.UTF_8);
      Memory m = new Memory(b.length + 1L);
      m.write(0, b, 0, b.length);
      m.setByte(b.length, (byte) 0);
      return m;
    });
  }

  /** Drops every bound input and output (and the binding's references to their tensors). */
  public void clear() {
    api.callVoid(OrtApi.CLEAR_BOUND_INPUTS, binding);
    api.callVoid(OrtApi.CLEAR_BOUND_OUTPUTS, binding);
    outputs.clear();
  }

  @Override
  public void close() {
    api.callVoid(OrtApi.RELEASE_IO_BINDING, binding);
    api.callVoid(OrtApi.RELEASE_RUN_OPTIONS, runOptions);
    api.releaseMemoryInfo(deviceInfo);
  }
}

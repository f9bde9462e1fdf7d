package dev.voicegen.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * ONNX Runtime's C API function table ({@code OrtApi}), reached from Java 17 through JNA, for what
 * the Java API lacks: IoBinding, so that tensors can stay in the session's device memory between
 * runs. The table is that of the {@code libonnxruntime.so} the onnxruntime jar already loaded
 * (found in this process's mappings and opened again by the same path, which gives the same
 * handle); a second copy of the library would not know the Java binding's sessions, so a table that
 * differs from the Java binding's own is refused. Functions are indexed by their position in
 * {@code struct OrtApi} of {@code onnxruntime_c_api.h}, which only ever grows at the end.
 */
public final class OrtApi {
  /** ORT_API_VERSION of onnxruntime_c_api.h in ONNX Runtime 1.28.0. */
  static final int API_VERSION = 28;
  /** ONNXTensorElementDataType (onnxruntime_c_api.h): FLOAT, INT64. */
  public static final int FLOAT = 1;
  public static final int INT64 = 7;
  /** OrtAllocatorType / OrtMemType (onnxruntime_c_api.h). */
  static final int DEVICE_ALLOCATOR = 0;
  static final int ARENA_ALLOCATOR = 1;
  static final int MEM_TYPE_DEFAULT = 0;

  // Positions in struct OrtApi, onnxruntime_c_api.h v1.28.0 (0-based; OrtApiTableTest proves each one by its behaviour)
  static final int CREATE_STATUS = 0;
  static final int GET_ERROR_CODE = 1;
  static final int GET_ERROR_MESSAGE = 2;
  static final int CREATE_RUN_OPTIONS = 39;
  static final int CREATE_TENSOR_AS_ORT_VALUE = 48;
  static final int CREATE_TENSOR_WITH_DATA_AS_ORT_VALUE = 49;
  static final int GET_TENSOR_MUTABLE_DATA = 51;
  static final int GET_TENSOR_ELEMENT_TYPE = 60;
  static final int GET_DIMENSIONS_COUNT = 61;
  static final int GET_DIMENSIONS = 62;
  static final int GET_TENSOR_TYPE_AND_SHAPE = 65;
  static final int CREATE_MEMORY_INFO = 68;
  static final int CREATE_CPU_MEMORY_INFO = 69;
  static final int MEMORY_INFO_GET_NAME = 71;
  static final int MEMORY_INFO_GET_ID = 72;
  static final int ALLOCATOR_FREE = 76;
  static final int GET_ALLOCATOR_WITH_DEFAULT_OPTIONS = 78;
  static final int RELEASE_STATUS = 93;
  static final int RELEASE_MEMORY_INFO = 94;
  static final int RELEASE_VALUE = 96;
  static final int RELEASE_RUN_OPTIONS = 97;
  static final int RELEASE_TENSOR_TYPE_AND_SHAPE_INFO = 99;
  static final int RUN_WITH_BINDING = 133;
  static final int CREATE_IO_BINDING = 134;
  static final int RELEASE_IO_BINDING = 135;
  static final int BIND_INPUT = 136;
  static final int BIND_OUTPUT_TO_DEVICE = 138;
  static final int GET_BOUND_OUTPUT_VALUES = 140;
  static final int CLEAR_BOUND_INPUTS = 141;
  static final int CLEAR_BOUND_OUTPUTS = 142;
  private static final int TABLE_SIZE = 143;

  /** The Java binding's system property for a folder of native libraries to load instead of the jar's. */
  public static final String NATIVE_PATH = "onnxruntime.native.path";
  private static final Pattern LIBRARY_FILE = Pattern.compile("libonnxruntime\\.so(\\.[0-9]+)*");

  private static OrtApi instance;

  private final Path library;
  private final String version;
  private final Function[] table = new Function[TABLE_SIZE];
  private final Pointer defaultAllocator;
  private final Pointer cpuMemoryInfo;

  private OrtApi(Path library, Pointer base) {
    this.library = library;
    this.version = Function.getFunction(base.getPointer(Native.POINTER_SIZE), Function.C_CONVENTION)
        .invokeString(new Object[0], false);
    Pointer api = Function.getFunction(base.getPointer(0), Function.C_CONVENTION)
        .invokePointer(new Object[] {API_VERSION});
    if (api == null) {
      throw new ModelException(library + " (ONNX Runtime " + version + ") does not provide C API version "
          + API_VERSION);
    }
    long javaBindingTable = javaBindingTable();
    if (javaBindingTable != 0 && javaBindingTable != Pointer.nativeValue(api)) {
      throw new ModelException(library + " is a second copy of ONNX Runtime, not the one the Java binding loaded");
    }
    for (int i = 0; i < TABLE_SIZE; i++) {
      table[i] = Function.getFunction(api.getPointer((long) i * Native.POINTER_SIZE), Function.C_CONVENTION);
    }
    PointerByReference out = new PointerByReference();
    check(call(GET_ALLOCATOR_WITH_DEFAULT_OPTIONS, out), "GetAllocatorWithDefaultOptions");
    this.defaultAllocator = out.getValue();
    this.cpuMemoryInfo = memoryInfo(ExecutionDevice.CPU);
  }

  /** The table of the ONNX Runtime this JVM's Java binding loaded (loading it first when needed). */
  public static synchronized OrtApi get() {
    if (instance == null) {
      OrtEnvironment.getEnvironment(); // makes the Java binding extract and load libonnxruntime.so
      Path lib = loadedLibrary();
      Pointer base = NativeLibrary.getInstance(lib.toString()).getFunction("OrtGetApiBase")
          .invokePointer(new Object[0]);
      instance = new OrtApi(lib, base);
    }
    return instance;
  }

  /** The libonnxruntime.so mapped into this process (Linux: /proc/self/maps). */
  private static Path loadedLibrary() {
    List<String> maps;
    try {
      maps = Files.readAllLines(Path.of("/proc/self/maps"));
    } catch (IOException e) {
      throw new ModelException("cannot find the loaded ONNX Runtime library: /proc/self/maps: " + e.getMessage(), e);
    }
    Path lib = libraryIn(maps);
    if (lib == null) {
      throw new ModelException("the ONNX Runtime Java binding is loaded but no libonnxruntime.so is mapped"
          + " into this process; the C API (IoBinding) needs it");
    }
    return lib;
  }

  /**
   * Which ONNX Runtime library this JVM loaded, for start lines: its file, and whether it came from
   * {@code onnxruntime.native.path} (VOICEGEN_ORT_LIB_DIR) or from the onnxruntime jar.
   */
  public static String libraryOrigin() {
    String dir = System.getProperty(NATIVE_PATH);
    String source = dir == null ? "from the onnxruntime jar" : NATIVE_PATH + "=" + dir;
    try {
      return loadedLibrary() + ", " + source;
    } catch (ModelException e) {
      return source;
    }
  }

  /**
   * The ONNX Runtime library among a process's mappings: {@code libonnxruntime.so} as the jar extracts
   * it, or the versioned file a release folder's {@code libonnxruntime.so} link resolves to
   * ({@code libonnxruntime.so.1.28.0}) when {@code onnxruntime.native.path} points there; null if none.
   */
  static Path libraryIn(List<String> maps) {
    for (String line : maps) {
      int slash = line.indexOf('/');
      if (slash >= 0 && LIBRARY_FILE.matcher(line.substring(line.lastIndexOf('/') + 1)).matches()) {
        return Path.of(line.substring(slash));
      }
    }
    return null;
  }

  /** OnnxRuntime.ortApiHandle of the Java binding, or 0 where its fields are not readable. */
  private static long javaBindingTable() {
    try {
      Field f = Class.forName("ai.onnxruntime.OnnxRuntime").getDeclaredField("ortApiHandle");
      f.setAccessible(true);
      return f.getLong(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return 0;
    }
  }

  /** The native {@code OrtSession*} behind a Java session (its private {@code nativeHandle}). */
  public static Pointer sessionHandle(OrtSession session) {
    try {
      Field f = OrtSession.class.getDeclaredField("nativeHandle");
      f.setAccessible(true);
      return new Pointer(f.getLong(session));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ModelException("this onnxruntime jar's OrtSession has no readable nativeHandle field ("
          + e + "); the bound KV cache needs it: use the unbound path", e);
    }
  }

  public Path library() {
    return library;
  }

  /** OrtApiBase::GetVersionString, e.g. "1.28.0". */
  public String version() {
    return version;
  }

  /** ONNX Runtime's default CPU allocator (owned by ORT, never released). */
  public Pointer defaultAllocator() {
    return defaultAllocator;
  }

  /** A CPU OrtMemoryInfo for tensors over Java-owned native memory (lives as long as the JVM). */
  Pointer cpuMemoryInfo() {
    return cpuMemoryInfo;
  }

  Pointer call(int index, Object... args) {
    return table[index].invokePointer(args);
  }

  void callVoid(int index, Object... args) {
    table[index].invokeVoid(args);
  }

  /** Turns a non-null OrtStatus into a ModelException with ORT's message (and releases it). */
  void check(Pointer status, String what) {
    if (status != null) {
      String message = statusMessage(status);
      int code = statusCode(status);
      callVoid(RELEASE_STATUS, status);
      throw new ModelException("ONNX Runtime " + what + " failed (code " + code + "): " + message);
    }
  }

  int statusCode(Pointer status) {
    return table[GET_ERROR_CODE].invokeInt(new Object[] {status});
  }

  String statusMessage(Pointer status) {
    return call(GET_ERROR_MESSAGE, status).getString(0, "UTF-8");
  }

  /** An OrtMemoryInfo for where a session keeps tensors: CPU, or CUDA device N. Release with {@link #releaseMemoryInfo}. */
  public Pointer memoryInfo(ExecutionDevice device) {
    PointerByReference out = new PointerByReference();
    if (device.kind() == ExecutionDevice.Kind.CPU) {
      check(call(CREATE_CPU_MEMORY_INFO, ARENA_ALLOCATOR, MEM_TYPE_DEFAULT, out), "CreateCpuMemoryInfo");
    } else {
      // "Cuda" is onnxruntime::CUDA (allocator.h), the name the CUDA provider's allocator registers
      check(call(CREATE_MEMORY_INFO, "Cuda", DEVICE_ALLOCATOR, device.deviceId(), MEM_TYPE_DEFAULT, out),
          "CreateMemoryInfo(Cuda)");
    }
    return out.getValue();
  }

  public void releaseMemoryInfo(Pointer info) {
    callVoid(RELEASE_MEMORY_INFO, info);
  }

  /** The name and device id an OrtMemoryInfo carries ("Cpu" or "Cuda"). */
  String memoryInfoName(Pointer info) {
    PointerByReference out = new PointerByReference();
    check(call(MEMORY_INFO_GET_NAME, info, out), "MemoryInfoGetName");
    return out.getValue().getString(0);
  }

  int memoryInfoId(Pointer info) {
    IntByReference out = new IntByReference();
    check(call(MEMORY_INFO_GET_ID, info, out), "MemoryInfoGetId");
    return out.getValue();
  }

  /** A new tensor in ORT's default CPU allocator. */
  Pointer createTensor(long[] shape, int elementType) {
    PointerByReference out = new PointerByReference();
    check(call(CREATE_TENSOR_AS_ORT_VALUE, defaultAllocator, longs(shape), (long) shape.length, elementType, out),
        "CreateTensorAsOrtValue");
    return out.getValue();
  }

  /** A tensor over caller-owned native memory (no copy); {@code data} must outlive the value. */
  Pointer createTensorOver(Pointer cpuInfo, Pointer data, long bytes, long[] shape, int elementType) {
    PointerByReference out = new PointerByReference();
    check(call(CREATE_TENSOR_WITH_DATA_AS_ORT_VALUE, cpuInfo, data, bytes, longs(shape), (long) shape.length,
        elementType, out), "CreateTensorWithDataAsOrtValue");
    return out.getValue();
  }

  Pointer tensorData(Pointer value) {
    PointerByReference out = new PointerByReference();
    check(call(GET_TENSOR_MUTABLE_DATA, value, out), "GetTensorMutableData");
    return out.getValue();
  }

  /** The tensor's shape and element type (last entry of the returned array). */
  long[] shapeAndType(Pointer value) {
    PointerByReference info = new PointerByReference();
    check(call(GET_TENSOR_TYPE_AND_SHAPE, value, info), "GetTensorTypeAndShape");
    try {
      LongByReference rank = new LongByReference();
      check(call(GET_DIMENSIONS_COUNT, info.getValue(), rank), "GetDimensionsCount");
      int n = (int) rank.getValue();
      Memory dims = new Memory(Math.max(1, n) * 8L);
      check(call(GET_DIMENSIONS, info.getValue(), dims, (long) n), "GetDimensions");
      IntByReference type = new IntByReference();
      check(call(GET_TENSOR_ELEMENT_TYPE, info.getValue(), type), "GetTensorElementType");
      long[] out = new long[n + 1];
      dims.read(0, out, 0, n);
      out[n] = type.getValue();
      return out;
    } finally {
      callVoid(RELEASE_TENSOR_TYPE_AND_SHAPE_INFO, info.getValue());
    }
  }

  void releaseValue(Pointer value) {
    callVoid(RELEASE_VALUE, value);
  }

  private static Memory longs(long[] values) {
    Memory m = new Memory(Math.max(1, values.length) * 8L);
    m.write(0, values, 0, values.length);
    return m;
  }
}

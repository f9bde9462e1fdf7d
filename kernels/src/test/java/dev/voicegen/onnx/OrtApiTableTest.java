package dev.voicegen.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;

/**
 * Proves each OrtApi position the code uses by what the function does: a wrong index calls another
 * function, which returns something else, fails, or crashes. The IoBinding block is proven by
 * BoundSessionTest (a bound run whose outputs carry the right values).
 */
class OrtApiTableTest {
  private final OrtApi api = OrtApi.get();

  @Test
  void theTableIsTheJavaBindingsOwnLibrary() {
    assertEquals("1.28.0", api.version(), "OrtApiBase::GetVersionString of " + api.library());
    assertTrue(api.library().getFileName().toString().equals("libonnxruntime.so"), api.library().toString());
  }

  @Test
  void statusFunctionsRoundTrip() {
    // CreateStatus (0), GetErrorCode (1), GetErrorMessage (2), ReleaseStatus (93, inside check)
    Pointer status = api.call(OrtApi.CREATE_STATUS, 2, "a message from the test");
    assertEquals(2, api.statusCode(status));
    assertEquals("a message from the test", api.statusMessage(status));
    ModelException e = assertThrows(ModelException.class, () -> api.check(status, "the test's call"));
    assertEquals("ONNX Runtime the test's call failed (code 2): a message from the test", e.getMessage());
  }

  @Test
  void tensorInOrtsAllocatorRoundTrips() {
    // GetAllocatorWithDefaultOptions (78), CreateTensorAsOrtValue (48), GetTensorMutableData (51),
    // GetTensorTypeAndShape (65), GetDimensionsCount (61), GetDimensions (62), GetTensorElementType (60),
    // ReleaseTensorTypeAndShapeInfo (99), ReleaseValue (96)
    try (DeviceTensor t = DeviceTensor.allocate(new long[] {2, 3, 5}, OrtApi.FLOAT)) {
      assertArrayEquals(new long[] {2, 3, 5}, t.shape());
      assertEquals(OrtApi.FLOAT, t.elementType());
      float[] values = new float[30];
      for (int i = 0; i < values.length; i++) {
        values[i] = i * 0.5f - 3;
      }
      t.write(0, values, 0, 30);
      float[] back = new float[4];
      t.read(26, back, 0, 4);
      assertArrayEquals(new float[] {10f, 10.5f, 11f, 11.5f}, back);
    }
    try (DeviceTensor empty = DeviceTensor.allocate(new long[] {4, 2, 0, 8}, OrtApi.FLOAT)) {
      assertArrayEquals(new long[] {4, 2, 0, 8}, empty.shape());
    }
  }

  @Test
  void tensorOverJavaMemoryIsNotACopy() {
    // CreateCpuMemoryInfo (69), CreateTensorWithDataAsOrtValue (49): ORT's data pointer is the buffer's own
    Memory m = new Memory(6 * 8);
    for (int i = 0; i < 6; i++) {
      m.setLong(i * 8L, 100 + i);
    }
    try (DeviceTensor t = DeviceTensor.over(m, new long[] {3, 2}, OrtApi.INT64)) {
      assertEquals(Pointer.nativeValue(m), Pointer.nativeValue(api.tensorData(t.handle())));
      assertArrayEquals(new long[] {3, 2}, t.shape());
      assertEquals(OrtApi.INT64, t.elementType());
    }
    assertThrows(IllegalArgumentException.class, () -> DeviceTensor.over(m, new long[] {4, 2}, OrtApi.INT64));
  }

  @Test
  void memoryInfoNamesTheDevice() {
    // CreateCpuMemoryInfo (69), CreateMemoryInfo (68), MemoryInfoGetName (71), MemoryInfoGetId (72), ReleaseMemoryInfo (94)
    Pointer cpu = api.memoryInfo(ExecutionDevice.CPU);
    Pointer cuda = api.memoryInfo(ExecutionDevice.cuda(3));
    try {
      assertEquals("Cpu", api.memoryInfoName(cpu));
      assertEquals(0, api.memoryInfoId(cpu));
      assertEquals("Cuda", api.memoryInfoName(cuda));
      assertEquals(3, api.memoryInfoId(cuda));
    } finally {
      api.releaseMemoryInfo(cpu);
      api.releaseMemoryInfo(cuda);
    }
  }
}

package dev.voicegen.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.util.Arrays;
import java.util.List;

/**
 * Run in a JVM of its own by {@link OrtLibraryDirTest}: which ONNX Runtime library the process
 * loaded, then one IoBinding run through the C API (a row gather) on that library.
 */
public final class OrtLibraryDirCheck {
  private OrtLibraryDirCheck() {}

  public static void main(String[] args) throws Exception {
    OrtApi api = OrtApi.get();
    System.out.println("library=" + api.library());
    System.out.println("version=" + api.version());
    System.out.println("origin=" + OrtApi.libraryOrigin());
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions o = OnnxSessions.options(OnnxSessions.Settings.defaults().withThreads(1));
        RowGather gather = RowGather.open(env, o, ExecutionDevice.CPU, 1, 4);
        DeviceTensor a = DeviceTensor.allocate(new long[] {3, 2, 1, 2}, OrtApi.FLOAT)) {
      a.write(0, new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 0, 12);
      List<DeviceTensor> out = gather.keep(List.of(a), new int[] {2, 0}, 2);
      float[] got = new float[8];
      out.get(0).read(0, got, 0, 8);
      out.forEach(DeviceTensor::close);
      System.out.println("gathered=" + Arrays.toString(got));
    }
  }
}

package dev.voicegen.xtts;

import com.sun.jna.Memory;
import dev.voicegen.onnx.BoundSession;
import dev.voicegen.onnx.BoundSession.Placement;
import dev.voicegen.onnx.DeviceTensor;
import dev.voicegen.onnx.OrtApi;
import dev.voicegen.onnx.RowGather;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The bound path (kvBinding on): the GPT runs through IoBinding, its presents stay in the
 * session's device memory (CPU memory in CI, CUDA memory on {@code --device=cuda}) and are bound
 * as the next pass's past without a copy; only logits and hidden states are bound to host memory,
 * and Java reads the last position of each row. Rows that finish leave the cache through the
 * model's {@link RowGather} graph, on the device. Per decode step, host and ORT exchange the
 * embeddings and mask in and the logits and hidden states out: O(batch x (vocabulary + width +
 * positions)), with no factor of layers.
 */
final class BoundGptPasses implements GptPasses {
  private final RowGather gather;
  private final BoundSession gpt;
  private final String[] pastNames;
  private final String[] presentNames;
  private final int dim;
  private final int vocab;
  private final DeviceTensor emptyPast;
  private List<DeviceTensor> past;
  private long[] shape;
  private Memory embedsHost = new Memory(4);
  private Memory maskHost = new Memory(4);
  private long hostBytes;

  BoundGptPasses(XttsModel model, int batch) {
    XttsMetadata m = model.metadata();
    this.gather = model.rowGather();
    this.dim = m.embedDim();
    this.vocab = m.numAudioTokens();
    int layers = m.nLayer();
    this.pastNames = new String[2 * layers];
    this.presentNames = new String[2 * layers];
    for (int i = 0; i < layers; i++) {
      pastNames[2 * i] = GraphContract.pastKey(i);
      pastNames[2 * i + 1] = GraphContract.pastValue(i);
      presentNames[2 * i] = GraphContract.presentKey(i);
      presentNames[2 * i + 1] = GraphContract.presentValue(i);
    }
    this.shape = new long[] {batch, m.numHeads(), 0, m.headDim()};
    this.gpt = BoundSession.open(model.gptSession(), model.settings().device());
    // the prefill's zero-length past: one empty host tensor bound to every past input
    this.emptyPast = DeviceTensor.allocate(shape.clone(), OrtApi.FLOAT);
    this.past = new ArrayList<>(Collections.nCopies(2 * layers, emptyPast));
  }

  @Override
  public long run(float[] embeds, float[] mask, int b, int seq, float[] logits, float[] hidden) {
    int total = (int) shape[2] + seq;
    embedsHost = fill(embedsHost, embeds, b * seq * dim);
    maskHost = fill(maskHost, mask, b * total);
    List<DeviceTensor> out;
    long ort;
    try (DeviceTensor e = DeviceTensor.over(embedsHost, new long[] {b, seq, dim}, OrtApi.FLOAT);
        DeviceTensor m = DeviceTensor.over(maskHost, new long[] {b, total}, OrtApi.FLOAT)) {
      gpt.bindInput(GraphContract.GPT_EMBEDS, e);
      gpt.bindInput(GraphContract.GPT_MASK, m);
      for (int i = 0; i < pastNames.length; i++) {
        gpt.bindInput(pastNames[i], past.get(i));
      }
      gpt.bindOutput(GraphContract.GPT_LOGITS, Placement.HOST);
      gpt.bindOutput(GraphContract.GPT_HIDDEN, Placement.HOST);
      for (String name : presentNames) {
        gpt.bindOutput(name, Placement.DEVICE);
      }
      long t0 = System.nanoTime();
      out = gpt.run();
      ort = System.nanoTime() - t0;
    }
    try (DeviceTensor lg = out.get(0); DeviceTensor hd = out.get(1)) {
      for (int i = 0; i < b; i++) {
        long last = (long) i * seq + seq - 1;
        lg.read(last * vocab, logits, i * vocab, vocab);
        hd.read(last * dim, hidden, i * dim, dim);
      }
    } catch (RuntimeException ex) {
      out.subList(2, out.size()).forEach(DeviceTensor::close);
      throw ex;
    }
    replacePast(new ArrayList<>(out.subList(2, out.size())));
    shape = new long[] {shape[0], shape[1], total, shape[3]};
    // in: embeds and mask; out: logits and hidden states, the only outputs bound to host memory
    hostBytes += Float.BYTES * ((long) b * seq * dim + (long) b * total + (long) b * seq * (vocab + dim));
    return ort;
  }

  @Override
  public void retain(int[] rows, int count) {
    replacePast(gather.keep(past, rows, count));
    shape = new long[] {count, shape[1], shape[2], shape[3]};
    hostBytes += (long) Long.BYTES * count; // the row indices
  }

  private void replacePast(List<DeviceTensor> next) {
    releasePast();
    past = next;
  }

  private void releasePast() {
    if (past.get(0) == emptyPast) {
      emptyPast.close();
    } else {
      past.forEach(DeviceTensor::close);
    }
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  @Override
  public long hostBytes() {
    return hostBytes;
  }

  /** Copies host[0..n) into native memory Java owns, growing it when needed. */
  private static Memory fill(Memory buffer, float[] host, int n) {
    Memory m = buffer.size() >= (long) n * Float.BYTES ? buffer : new Memory(Math.max(4L, 2L * n * Float.BYTES));
    m.write(0, host, 0, n);
    return m;
  }

  @Override
  public void close() {
    try {
      releasePast();
      emptyPast.close(); // idempotent: already closed when the first pass replaced it
    } finally {
      gpt.close();
    }
  }
}

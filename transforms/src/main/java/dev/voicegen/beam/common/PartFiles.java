package dev.voicegen.beam.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.util.SerializableUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes a collection as files without grouping its elements: each bundle writes its elements
 * (per destination folder) to new files under a temporary folder, and once every bundle is done
 * one step moves the files into place, as {@code <dir>/<destination>/part-NNNNN-of-NNNNN<suffix>},
 * or appends them into one file. Only the file names are gathered, so the elements are never held
 * together (Beam's file writes group them on DirectRunner, which holds a whole dataset in memory).
 * Files of a failed attempt stay in the temporary folder and are never moved: a restarted job
 * leaves each element in exactly one file, like Beam's {@code WriteFiles}.
 */
public final class PartFiles<T> extends PTransform<PCollection<T>, PDone> {
  /** Open files per bundle; beyond that the bundle's files are closed and new ones begun. */
  private static final int MAX_OPEN = 20;

  private final FileIO.Sink<T> sink;
  private final SerializableFunction<T, String> destination;
  private final String tempDir;
  private final String dir;
  private final String singleFile;
  private final String suffix;

  private PartFiles(
      FileIO.Sink<T> sink,
      SerializableFunction<T, String> destination,
      String tempDir,
      String dir,
      String singleFile,
      String suffix) {
    this.sink = sink;
    this.destination = destination;
    this.tempDir = tempDir;
    this.dir = dir;
    this.singleFile = singleFile;
    this.suffix = suffix;
  }

  /**
   * Parts under {@code dir/<destination>/}; {@code destination} null puts them in {@code dir}.
   *
   * @param tempDir a folder of the job's own, removed after the job
   */
  public static <T> PartFiles<T> into(
      String dir,
      SerializableFunction<T, String> destination,
      FileIO.Sink<T> sink,
      String suffix,
      String tempDir) {
    return new PartFiles<>(sink, destination, tempDir, dir, null, suffix);
  }

  /** One file {@code file}, the parts appended in name order (for line formats). */
  public static <T> PartFiles<T> concatenatedInto(String file, FileIO.Sink<T> sink, String tempDir) {
    return new PartFiles<>(sink, null, tempDir, null, file, "");
  }

  @Override
  public PDone expand(PCollection<T> input) {
    PCollectionView<List<KV<String, String>>> parts =
        input
            .apply("WriteParts", ParDo.of(new WritePartsFn<>(sink, destination, tempDir, suffix)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
            .apply("PartNames", View.asList());
    input
        .getPipeline()
        .apply("Commit", Create.of("commit"))
        .apply(
            "MoveParts",
            ParDo.of(new MovePartsFn<>(parts, sink, dir, singleFile, suffix, destination != null)).withSideInputs(parts));
    return PDone.in(input.getPipeline());
  }

  /** Writes each bundle's elements to new files; outputs {@code (destination, file)}. */
  static final class WritePartsFn<T> extends DoFn<T, KV<String, String>> {
    private final FileIO.Sink<T> prototype;
    private final SerializableFunction<T, String> destination;
    private final String tempDir;
    private final String suffix;
    private transient Map<String, Open<T>> open;
    private transient List<KV<String, String>> closed;

    private record Open<T>(String file, WritableByteChannel channel, FileIO.Sink<T> sink) {}

    WritePartsFn(
        FileIO.Sink<T> prototype,
        SerializableFunction<T, String> destination,
        String tempDir,
        String suffix) {
      this.prototype = prototype;
      this.destination = destination;
      this.tempDir = tempDir;
      this.suffix = suffix;
    }

    @StartBundle
    public void startBundle() {
      open = new HashMap<>();
      closed = new ArrayList<>();
    }

    @ProcessElement
    public void process(@Element T element) throws IOException {
      String dest = destination == null ? "" : destination.apply(element);
      Open<T> o = open.get(dest);
      if (o == null) {
        if (open.size() >= MAX_OPEN) {
          closeAll();
        }
        String file = tempDir + "/" + UUID.randomUUID() + suffix;
        WritableByteChannel channel =
            FileSystems.create(FileSystems.matchNewResource(file, false), "application/octet-stream");
        @SuppressWarnings("unchecked")
        FileIO.Sink<T> s = SerializableUtils.clone(prototype);
        s.open(channel);
        o = new Open<>(file, channel, s);
        open.put(dest, o);
      }
      o.sink().write(element);
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) throws IOException {
      closeAll();
      for (KV<String, String> part : closed) {
        c.output(part, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
      }
    }

    private void closeAll() throws IOException {
      for (Map.Entry<String, Open<T>> e : open.entrySet()) {
        e.getValue().sink().flush();
        if (e.getValue().channel().isOpen()) {
          e.getValue().channel().close();
        }
        closed.add(KV.of(e.getKey(), e.getValue().file()));
      }
      open.clear();
    }
  }

  /** Moves (or appends) the parts into place once all are written; empty output gets a file. */
  static final class MovePartsFn<T> extends DoFn<String, Void> {
    private final PCollectionView<List<KV<String, String>>> partsView;
    private final FileIO.Sink<T> prototype;
    private final String dir;
    private final String singleFile;
    private final String suffix;
    private final boolean partitioned;

    MovePartsFn(
        PCollectionView<List<KV<String, String>>> partsView,
        FileIO.Sink<T> prototype,
        String dir,
        String singleFile,
        String suffix,
        boolean partitioned) {
      this.partsView = partsView;
      this.partitioned = partitioned;
      this.prototype = prototype;
      this.dir = dir;
      this.singleFile = singleFile;
      this.suffix = suffix;
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      Map<String, List<String>> byDestination = new TreeMap<>();
      for (KV<String, String> part : c.sideInput(partsView)) {
        byDestination.computeIfAbsent(part.getKey(), k -> new ArrayList<>()).add(part.getValue());
      }
      byDestination.values().forEach(java.util.Collections::sort);
      if (singleFile != null) {
        append(byDestination.getOrDefault("", List.of()));
        return;
      }
      if (byDestination.isEmpty()) {
        if (!partitioned) {
          writeEmpty(dir + "/part-00000-of-00001" + suffix); // an empty table, as WriteFiles leaves
        }
        return;
      }
      for (Map.Entry<String, List<String>> e : byDestination.entrySet()) {
        List<String> files = e.getValue();
        String folder = e.getKey().isEmpty() ? dir : dir + "/" + e.getKey();
        List<ResourceId> from = new ArrayList<>();
        List<ResourceId> to = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
          from.add(FileSystems.matchNewResource(files.get(i), false));
          to.add(
              FileSystems.matchNewResource(
                  String.format("%s/part-%05d-of-%05d%s", folder, i, files.size(), suffix), false));
        }
        FileSystems.rename(from, to, StandardMoveOptions.IGNORE_MISSING_FILES);
      }
    }

    private void append(List<String> files) throws IOException {
      try (OutputStream out =
          Channels.newOutputStream(
              FileSystems.create(FileSystems.matchNewResource(singleFile, false), "text/plain"))) {
        for (String file : files) {
          try (InputStream in =
              Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(file, false)))) {
            in.transferTo(out);
          }
        }
      }
    }

    private void writeEmpty(String file) throws IOException {
      try (WritableByteChannel channel =
          FileSystems.create(FileSystems.matchNewResource(file, false), "application/octet-stream")) {
        @SuppressWarnings("unchecked")
        FileIO.Sink<T> s = SerializableUtils.clone(prototype);
        s.open(channel);
        s.flush();
      }
    }
  }
}

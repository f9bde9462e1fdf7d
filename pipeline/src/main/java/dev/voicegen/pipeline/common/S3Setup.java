package dev.voicegen.pipeline.common;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.hdfs.HadoopFileSystemOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.regions.Region;

/**
 * Turns {@link S3StoreOptions} into the settings of the two S3 file systems: Beam's own
 * ({@code s3://}, {@link S3Options}) and Hadoop AWS through Beam's Hadoop file system
 * ({@code s3a://}, {@link HadoopFileSystemOptions}). Both travel to the workers inside the pipeline
 * options; no credential is ever put there.
 */
public final class S3Setup {
  private static final Logger LOG = LogManager.getLogger(S3Setup.class);

  private S3Setup() {}

  /** Lets the command line name the S3 and Hadoop options; call before parsing. */
  public static void registerOptions() {
    PipelineOptionsFactory.register(S3StoreOptions.class);
    PipelineOptionsFactory.register(S3Options.class);
    PipelineOptionsFactory.register(HadoopFileSystemOptions.class);
  }

  /**
   * Configures both file systems for the job's URIs (manifest, output).
   *
   * @throws ConfigurationException when a setting cannot be used
   */
  public static void configure(PipelineOptions options, String... uris) {
    S3StoreOptions store = options.as(S3StoreOptions.class);
    S3Options s3 = options.as(S3Options.class);
    if (store.getS3Endpoint() != null && !store.getS3Endpoint().isBlank()) {
      URI endpoint = URI.create(store.getS3Endpoint().strip());
      if (endpoint.getScheme() == null || endpoint.getHost() == null) {
        throw new ConfigurationException(
            "--s3Endpoint=" + store.getS3Endpoint() + ": use a URL such as http://127.0.0.1:9090");
      }
      s3.setEndpoint(endpoint);
    }
    if (store.getS3Region() != null && !store.getS3Region().isBlank()) {
      s3.setAwsRegion(Region.of(store.getS3Region().strip()));
    }
    if (store.getS3PathStyle()) {
      s3.setS3ClientFactoryClass(PathStyleS3ClientBuilderFactory.class);
    }
    String bucket = firstS3aBucket(uris);
    if (bucket != null) {
      HadoopFileSystemOptions hadoop = options.as(HadoopFileSystemOptions.class);
      List<Configuration> configurations =
          hadoop.getHdfsConfiguration() == null
              ? new ArrayList<>()
              : new ArrayList<>(hadoop.getHdfsConfiguration());
      if (configurations.isEmpty()) {
        configurations.add(new Configuration(false));
      }
      apply(configurations.get(0), store, bucket);
      hadoop.setHdfsConfiguration(configurations);
      OutputFiles.useS3aConfiguration(configurations.get(0));
    }
    if (store.getS3Endpoint() != null || bucket != null) {
      LOG.info(
          "S3: endpoint {}, region {}, path-style {}, s3a default bucket {}; credentials from the"
              + " standard AWS provider chain",
          store.getS3Endpoint() == null ? "AWS" : store.getS3Endpoint(),
          store.getS3Region() == null ? "from the SDK chain" : store.getS3Region(),
          store.getS3PathStyle(),
          bucket == null ? "none" : bucket);
    }
  }

  /** The Hadoop AWS settings; platform.md: fs.defaultFS must name an s3a bucket. */
  static void apply(Configuration conf, S3StoreOptions store, String bucket) {
    conf.set("fs.defaultFS", "s3a://" + bucket);
    conf.set("fs.s3a.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
    String endpoint = store.getS3Endpoint();
    if (endpoint != null && !endpoint.isBlank()) {
      conf.set("fs.s3a.endpoint", endpoint.strip());
      conf.setBoolean("fs.s3a.connection.ssl.enabled", endpoint.strip().startsWith("https:"));
    }
    if (store.getS3Region() != null && !store.getS3Region().isBlank()) {
      conf.set("fs.s3a.endpoint.region", store.getS3Region().strip());
    }
    conf.setBoolean("fs.s3a.path.style.access", store.getS3PathStyle());
    // uploads buffer on local disk, as S3A does by default: memory buffers take a block
    // (64 MB) per open file and exhausted a TaskManager's direct memory. A bare Configuration
    // has no hadoop.tmp.dir, so the folder is named here; Hadoop expands the system property
    // on each worker, so it is that JVM's temporary folder.
    conf.set("fs.s3a.fast.upload.buffer", "disk");
    conf.set("fs.s3a.buffer.dir", "${java.io.tmpdir}/voicegen-s3a");
  }

  /** The bucket of the first {@code s3a://} URI, or null when none is on s3a. */
  static String firstS3aBucket(String... uris) {
    for (String u : uris) {
      if (u != null && u.startsWith("s3a://")) {
        String rest = u.substring("s3a://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isEmpty()) {
          throw new ConfigurationException(u + ": an s3a:// URI needs a bucket, s3a://BUCKET/path");
        }
        return bucket;
      }
    }
    return null;
  }
}

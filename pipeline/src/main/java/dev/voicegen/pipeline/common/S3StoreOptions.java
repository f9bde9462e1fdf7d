package dev.voicegen.pipeline.common;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Where S3 is, for both {@code s3://} (Beam's S3 file system) and {@code s3a://} (Hadoop AWS);
 * usually from {@code --config=run-configs/s3.properties}. Credentials are not options: they come
 * from the standard AWS provider chain (environment, profile, instance role), so they never travel
 * in the pipeline options that runners log.
 */
public interface S3StoreOptions extends PipelineOptions {
  @Description("S3 endpoint URL, e.g. http://127.0.0.1:9090 for an S3-compatible server; default: AWS")
  String getS3Endpoint();

  void setS3Endpoint(String value);

  @Description("S3 region, e.g. us-east-1; default: the AWS SDK's region chain")
  String getS3Region();

  void setS3Region(String value);

  @Description("Path-style S3 addressing (bucket in the path), which most S3-compatible servers need")
  @Default.Boolean(false)
  boolean getS3PathStyle();

  void setS3PathStyle(boolean value);
}

package dev.voicegen.onnx;

import java.io.Serializable;

/**
 * A serializable name for an instance held once per JVM ({@link SharedPerJvm}): an engine spec or
 * a model key. Worker code, shipped to other JVMs, takes and gives back holds through it.
 *
 * @param <R> the shared instance
 */
public interface SharedHandle<R> extends Serializable {
  /** Takes one hold on this JVM's instance, loading it when nobody holds it yet. */
  R acquire();

  /** Gives back a hold taken by {@link #acquire}; the last one closes the instance. */
  void release();
}

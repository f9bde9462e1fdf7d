/** Audio decoding, encoding and DSP kernels; no Beam imports. */
package dev.voicegen.audio;

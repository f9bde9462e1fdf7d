/** JMH benchmarks and benchmark commands; never timed unit tests. */
package dev.voicegen.bench;

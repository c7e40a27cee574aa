package org.glassy.bench;

import java.util.concurrent.TimeUnit;

import org.glassy.study.barriers.PSpinBarriers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The p-spin half of notebook 04 in full mode, as its cell calls it: {@code PSpinBarriers.sweep} over
 * N = 32, 64, 128 and 8 instances (coupling seeds 1803, …), two minima by gradient descent to t = 1000 and
 * AutoNEB at effort 0.5 between them, on all cores. One cold run per fork (no warm-up), as in a notebook
 * whose kernel has not run the p-spin yet. Uses only API that existed before issue 16, so the same class
 * times an older build. Run with {@code make bench BENCH_ARGS=PSpinBarriersSweep}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class PSpinBarriersSweepBenchmark {

    @Benchmark
    public int notebookSweep() {
        PSpinBarriers.Parameters base = PSpinBarriers.Parameters.builder().p(3).n(32).instance(1803).seedA(1804)
                .seedB(1805).dt(0.1).time(1000).effort(0.5).build();
        return PSpinBarriers.sweep(base, new int[] {32, 64, 128}, 8, null).rowCount();
    }
}

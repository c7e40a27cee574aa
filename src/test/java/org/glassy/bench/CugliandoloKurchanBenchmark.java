package org.glassy.bench;

import java.util.concurrent.TimeUnit;

import org.glassy.theory.CugliandoloKurchan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The long-time Cugliandolo–Kurchan solver to t = 10⁴ (p = 3, T = 0, the target): wall time of one
 * whole run per budget of stored times; the memory, 40 bytes per pair of stored times, is printed once per
 * budget. Run with {@code make bench BENCH_ARGS=CugliandoloKurchan}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class CugliandoloKurchanBenchmark {

    @Param({"0.2", "0.1"})
    double step;

    @Param({"128", "256"})
    int gridPoints;

    @Benchmark
    public double toTenThousand() {
        CugliandoloKurchan.Solution solution = CugliandoloKurchan.solve(
                CugliandoloKurchan.Parameters.builder(3, 0, 1e4).step(step).gridPoints(gridPoints).build());
        System.out.printf("%nstored times %d, memory %.2f MB, e(10^4) = %.7f%n", solution.storedTimes(),
                solution.bytes() / 1e6, solution.finalEnergy());
        return solution.finalEnergy();
    }
}

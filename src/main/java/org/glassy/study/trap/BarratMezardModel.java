package org.glassy.study.trap;

import java.util.SplittableRandom;

import org.glassy.internal.Require;

/**
 * The Barrat–Mézard model: M states with i.i.d. energies E_i &lt;= 0, −E ~ Exp(1) (T_g = 1), and
 * Glauber rates W_{i→j} = (1/M)[1 + e^{β(E_j − E_i)}]^{−1} to every other state j (fully
 * connected), so the exit rate depends on the target: downhill moves are fast but rare. At T = 0
 * the rate is 1/M to every lower state (1/(2M) for an equal one) and 0 uphill; slow dynamics come
 * from entropic barriers, the rarefaction of downhill directions.
 *
 * <p>Two exact event-driven (Gillespie) samplers, both without a time step:
 * <ul>
 *   <li>finite M: each walker draws its own M energies and starts in a uniformly chosen state;
 *       each jump costs O(M) (all rates from the current state are summed).</li>
 *   <li>{@link #INFINITE} M (the limit M → ∞ at fixed t): with depth D = −E, the other states are
 *       proposed at total rate 1 with depth distribution Exp(1). Downhill proposals, rate e^{−D},
 *       land at D + Exp(1); uphill ones are bounded by the rate density e^{−D} e^{−(β−1)s} at
 *       s = D − D' ∈ [0, D]; each proposal is accepted with probability [1 + e^{−β|s|}]^{−1} &gt;= 1/2,
 *       so every jump costs O(1). At T = 0 the exit rate is e^{E}, the fraction of states below,
 *       and each jump lands uniformly among them: new depth = old depth + Exp(1). Then
 *       Π(t_w + t, t_w) → t_w/(t_w + t) and ⟨E(t_w)⟩ → −ln t_w − γ, see
 *       {@link org.glassy.study.trap.TrapModelTheory}.</li>
 * </ul>
 *
 * <p>A. Barrat and M. Mézard, J. Phys. I France 5, 941 (1995).
 *
 * @param temperature T &gt;= 0, in units of T_g
 * @param states the number of states M, at least 2, or {@link #INFINITE}
 */
public record BarratMezardModel(double temperature, int states) implements TrapModel {

    /** The value of {@code states} that selects the exact M → ∞ sampler. */
    public static final int INFINITE = 0;

    /**
     * Validates the temperature and the number of states.
     *
     * @param temperature T
     * @param states M or {@link #INFINITE}
     */
    public BarratMezardModel {
        Require.nonNegative("temperature", temperature);
        if (states != INFINITE && states < 2) {
            throw Require.invalid("states", "must be >= 2 (or " + INFINITE + " for infinite), got " + states);
        }
    }

    /**
     * The M → ∞ model at temperature T.
     *
     * @param temperature T &gt;= 0
     * @return the model with {@code states = INFINITE}
     */
    public static BarratMezardModel infinite(double temperature) {
        return new BarratMezardModel(temperature, INFINITE);
    }

    /**
     * Simulates one walker from a random state until its first jump after t_w.
     *
     * @param waitingTime t_w &gt; 0
     * @param random the walker's generator
     * @return the state occupied at t_w: its energy E and its exit time
     */
    @Override
    public Occupation occupation(double waitingTime, SplittableRandom random) {
        return states == INFINITE ? infiniteOccupation(waitingTime, random) : finiteOccupation(waitingTime, random);
    }

    private Occupation infiniteOccupation(double waitingTime, SplittableRandom random) {
        double depth = exponential(random);
        double time = 0;
        double beta = 1 / temperature;
        double a = beta - 1;
        while (true) {
            double downhill = Math.exp(-depth);
            double uphill = 0;
            if (temperature > 0) {
                uphill = a == 0 ? depth * downhill : downhill * -Math.expm1(-a * depth) / a;
            }
            double total = downhill + uphill;
            if (total == 0) {
                return new Occupation(-depth, Double.POSITIVE_INFINITY);
            }
            time += exponential(random) / total;
            double s;
            double target;
            if (random.nextDouble() * total < downhill) {
                s = exponential(random);
                target = depth + s;
            } else {
                double u = random.nextDouble();
                s = a == 0 ? u * depth : -Math.log1p(u * Math.expm1(-a * depth)) / a;
                target = depth - s;
            }
            boolean accepted = temperature == 0 || random.nextDouble() * (1 + Math.exp(-beta * s)) < 1;
            if (accepted) {
                if (time > waitingTime) {
                    return new Occupation(-depth, time);
                }
                depth = target;
            }
        }
    }

    private Occupation finiteOccupation(double waitingTime, SplittableRandom random) {
        double[] energy = new double[states];
        for (int j = 0; j < states; j++) {
            energy[j] = -exponential(random);
        }
        double[] rate = new double[states];
        int i = random.nextInt(states);
        double time = 0;
        while (true) {
            double total = 0;
            for (int j = 0; j < states; j++) {
                rate[j] = j == i ? 0 : glauber(energy[j] - energy[i]);
                total += rate[j];
            }
            if (total == 0) {
                return new Occupation(energy[i], Double.POSITIVE_INFINITY);
            }
            double exit = time + exponential(random) * states / total;
            if (exit > waitingTime) {
                return new Occupation(energy[i], exit);
            }
            time = exit;
            double pick = random.nextDouble() * total;
            double cumulative = 0;
            int chosen = i;
            for (int j = 0; j < states; j++) {
                if (rate[j] > 0) {
                    chosen = j;
                    cumulative += rate[j];
                    if (cumulative > pick) {
                        break;
                    }
                }
            }
            i = chosen;
        }
    }

    /** M times the Glauber rate for an energy change Δ = E_j − E_i. */
    private double glauber(double change) {
        if (temperature == 0) {
            return change < 0 ? 1 : change == 0 ? 0.5 : 0;
        }
        return 1 / (1 + Math.exp(change / temperature));
    }

    private static double exponential(SplittableRandom random) {
        return -Math.log(1 - random.nextDouble());
    }
}

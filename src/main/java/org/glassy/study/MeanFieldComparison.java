package org.glassy.study;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.glassy.internal.Require;
import org.glassy.theory.CugliandoloKurchan;
import org.glassy.theory.TrapModelTheory;
import org.glassy.trap.TrapAging;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Mean-field theory against simulation: the Cugliandolo–Kurchan energy of the spherical p-spin
 * (N → ∞) next to finite-N runs, and the trap models' aging functions next to their exact forms.
 * Each method returns one long table with a {@code curve} column naming theory or simulation.
 */
public final class MeanFieldComparison {

    private MeanFieldComparison() {
    }

    /**
     * e(t) after a quench from a random start: the Cugliandolo–Kurchan solution (fixed grid, step
     * {@code ckStep}) and, for each N, the mean over {@code instances} finite-N runs (gradient
     * descent at T = 0, Langevin otherwise, time step {@code dt}).
     *
     * @param p the interaction order, at least 3
     * @param temperature T ≥ 0
     * @param time the final time
     * @param ckStep the step of the mean-field integration
     * @param dt the time step of the simulations
     * @param sizes the numbers of spins N
     * @param instances the instances averaged per N, at least 1
     * @param seed the seed of the instances
     * @return columns {@code curve, time, energy}
     */
    public static Table energies(int p, double temperature, double time, double ckStep, double dt, int[] sizes,
                                 int instances, long seed) {
        Require.atLeast("instances", instances, 1);
        Table all = Table.create("energy per spin: mean-field theory and finite N", StringColumn.create("curve"),
                DoubleColumn.create("time"), DoubleColumn.create("energy"));
        Table ck = CugliandoloKurchan.solve(new CugliandoloKurchan.Parameters(p, temperature, ckStep, time))
                .energyTable(20);
        append(all, "N = ∞ (Cugliandolo–Kurchan)", ck.doubleColumn("time").asDoubleArray(),
                ck.doubleColumn("energy").asDoubleArray());
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int n : sizes) {
            double[] times = null;
            double[] sum = null;
            for (int s = 0; s < instances; s++) {
                Table curve = PSpinRelaxation.energyCurve(new PSpinRelaxation.Parameters(p, n, temperature, dt, time,
                        seeds.nextLong(), temperature == 0 ? PSpinRelaxation.Kind.GD : PSpinRelaxation.Kind.LANGEVIN,
                        10));
                double[] e = curve.doubleColumn("energy").asDoubleArray();
                if (sum == null) {
                    times = curve.doubleColumn("time").asDoubleArray();
                    sum = new double[e.length];
                }
                for (int i = 0; i < e.length; i++) {
                    sum[i] += e[i] / instances;
                }
            }
            append(all, String.format(Locale.ROOT, "N = %d (mean of %d)", n, instances), times, sum);
        }
        return all;
    }

    /**
     * Π(t_w + t, t_w) of Bouchaud's trap model at x = T/T_g and of the Barrat–Mézard model at
     * T = 0 (M → ∞), each simulated and exact, against t/t_w.
     *
     * @param x Bouchaud's x in (0, 1)
     * @param tw the waiting time
     * @param samples walkers per model
     * @param seed the seed
     * @return columns {@code curve, t_over_tw, pi}
     */
    public static Table trapPersistence(double x, double tw, int samples, long seed) {
        Table all = Table.create("trap models: probability of not having jumped", StringColumn.create("curve"),
                DoubleColumn.create("t_over_tw"), DoubleColumn.create("pi"));
        for (TrapAging.Model model : List.of(TrapAging.Model.BOUCHAUD, TrapAging.Model.BARRAT_MEZARD)) {
            boolean bouchaud = model == TrapAging.Model.BOUCHAUD;
            Table mc = TrapAging.run(new TrapAging.Parameters(model, bouchaud ? x : 0, tw, samples, seed, 0));
            double[] lags = mc.doubleColumn("t").asDoubleArray();
            double[] ratio = new double[lags.length];
            double[] exact = new double[lags.length];
            for (int i = 0; i < lags.length; i++) {
                ratio[i] = lags[i] / tw;
                exact[i] = bouchaud ? TrapModelTheory.bouchaudPersistence(x, ratio[i])
                        : TrapModelTheory.barratMezardZeroTemperaturePersistence(tw, lags[i]);
            }
            String name = bouchaud ? String.format(Locale.ROOT, "Bouchaud x = %.2g", x) : "Barrat–Mézard T = 0";
            append(all, name + ", simulated", ratio, mc.doubleColumn("pi").asDoubleArray());
            append(all, name + ", exact", ratio, exact);
        }
        return all;
    }

    private static void append(Table table, String curve, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            table.stringColumn(0).append(curve);
            table.doubleColumn(1).append(x[i]);
            table.doubleColumn(2).append(y[i]);
        }
    }
}

package org.glassy.study.hinge;

import java.util.random.RandomGenerator;

import org.glassy.core.Space;
import org.glassy.dynamics.RunState;
import org.glassy.dynamics.StepRule;
import org.glassy.internal.Require;
import org.glassy.model.HingeLoss;

/**
 * Exact descent of the linear hinge loss of the spherical perceptron to a local minimum, moving
 * over the faces of its piecewise-linear landscape: an active-set (simplex-like) method on the
 * sphere. With ξ_μ = y_μ x_μ/√N and gaps Δ_μ = κ − ξ_μ·w, the loss
 * E(w) = Σ_μ max(0, Δ_μ) is linear, E = Σ_{μ∈V} Δ_μ, on each face
 * {ξ_μ·w = κ for the contacts μ ∈ C} ∩ {|w|² = N}, where V are the violated constraints.
 * A local minimum is a point where the force balance
 *
 * <pre>
 *   Σ_{μ∈V} ξ_μ + Σ_{μ∈C} f_μ ξ_μ = λ w,      0 ≤ f_μ ≤ 1 on every contact,
 * </pre>
 *
 * <p>holds (the Karush–Kuhn–Tucker conditions; f_μ is the force of contact μ, the subgradient of
 * its cost, as in S. Franz, A. Sclocchi and P. Urbani, Phys. Rev. Lett. 123, 115702 (2019),
 * arXiv:1902.08243). Each step does one of two things:
 *
 * <ul>
 *   <li>On a face of dimension ≥ 1 (|C| ≤ N − 2), it moves along the great-circle arc of the face
 *   towards the face's minimum of the linear E, w* = c + r P⊥G/|P⊥G| (G = Σ_V ξ_μ, c the point of
 *   the face's affine plane nearest the origin, r² = N − |c|², P⊥ the projector on the plane's
 *   directions), and stops at the first constraint whose gap reaches zero on the way, which
 *   becomes a contact; E decreases monotonically along the arc.</li>
 *   <li>At a vertex (|C| = N − 1) or at the face's minimum, it solves the force balance for the
 *   f_μ and λ. If every f_μ lies in [−tol, 1 + tol] the point is a local minimum and the run
 *   has converged ({@link RunState#converged()}); otherwise the contact whose force is furthest
 *   outside [0, 1] is released, to the satisfied side if f_μ &lt; 0, to the violated side if
 *   f_μ &gt; 1, both of which lower E at the rate |f_μ| or f_μ − 1.</li>
 * </ul>
 *
 * <p>The contacts' vectors are kept as A = L Qᵀ (L lower triangular, Q with orthonormal columns),
 * extended by one Gram–Schmidt step per new contact and reduced by Givens rotations per release,
 * so a step costs O(P N) like a gradient step. From a generic start the first steps collect
 * contacts one at a time; start from the end of a gradient descent
 * ({@link PerceptronJamming#minimise}) to collect them quickly. The loss must be
 * {@link HingeLoss#LINEAR} and the space the sphere |w|² = N.
 *
 * @param forceTolerance how far outside [0, 1] a contact force may lie at a converged point, ≥ 0
 *     (10⁻⁹ by default: the force balance is solved to round-off)
 */
public record ActiveSetDescent(double forceTolerance) implements StepRule<HingePerceptron, ActiveSetDescent.State> {

    /** The default tolerance on the contact forces. */
    public static final double DEFAULT_FORCE_TOLERANCE = 1e-9;

    /** Arcs shorter than this (in radians) count as zero: the point is the face's minimum. */
    private static final double ARC_RESOLUTION = 1e-13;

    /** A new contact whose vector has less than this norm outside the others' span is degenerate. */
    private static final double INDEPENDENCE = 1e-10;

    /** Status of a violated constraint (Δ &gt; 0). */
    public static final byte VIOLATED = 1;
    /** Status of a contact (Δ = 0). */
    public static final byte CONTACT = 0;
    /** Status of a satisfied constraint (Δ &lt; 0). */
    public static final byte SATISFIED = -1;

    /**
     * Validates the tolerance.
     *
     * @param forceTolerance ≥ 0
     */
    public ActiveSetDescent {
        Require.nonNegative("forceTolerance", forceTolerance);
    }

    /** The rule with {@link #DEFAULT_FORCE_TOLERANCE}. */
    public ActiveSetDescent() {
        this(DEFAULT_FORCE_TOLERANCE);
    }

    /**
     * The state of a run.
     *
     * @serial exclude (checkpoints are tied to one version of the library)
     * @param position w, on the sphere and on the current face
     * @param stabilities h_μ = ξ_μ·w of every constraint
     * @param status per constraint {@link #VIOLATED}, {@link #CONTACT} or {@link #SATISFIED}
     * @param contacts the contacts in the order of the rows of L, the first {@code contactCount} entries
     * @param contactCount |C|
     * @param basis Q, column j (length N) at offset j N
     * @param triangle L, row-major with stride N
     * @param centre c, the point of the face's affine plane nearest the origin
     * @param forces the forces f_μ of the last force balance (1 on violated constraints, 0 on satisfied
     *     ones, f_μ on contacts); NaN before the first balance
     * @param lambda λ of the last force balance (NaN before it)
     * @param energy E(w) = Σ_{μ∈V} Δ_μ
     * @param updates factorisation updates since the last rebuild
     * @param done whether the force balance holds with 0 ≤ f ≤ 1 (a local minimum), or V is empty (E = 0)
     */
    public record State(double[] position, double[] stabilities, byte[] status, int[] contacts, int contactCount,
                        double[] basis, double[] triangle, double[] centre, double[] forces, double lambda,
                        double energy, int updates, boolean done) implements RunState {
        @Override
        public boolean converged() {
            return done;
        }

        State with(int count, double lambda, int updates, boolean done) {
            return new State(position, stabilities, status, contacts, count, basis, triangle, centre, forces, lambda,
                    energy, updates, done);
        }
    }

    @Override
    public double timeStep() {
        return 1;
    }

    @Override
    public State init(HingePerceptron model, Space space, double[] w0) {
        check(model, space);
        model.checkDimension("x0", w0);
        space.checkContains(w0);
        int n = model.dimension();
        int p = model.patternCount();
        double[] w = w0.clone();
        double[] h = model.stabilities(w);
        byte[] status = new byte[p];
        for (int mu = 0; mu < p; mu++) {
            status[mu] = model.kappa() - h[mu] > 0 ? VIOLATED : SATISFIED;
        }
        double[] forces = new double[p];
        java.util.Arrays.fill(forces, Double.NaN);
        State state = new State(w, h, status, new int[n], 0, new double[n * n], new double[n * n], new double[n],
                forces, Double.NaN, 0, 0, false);
        return withEnergy(model, state);
    }

    @Override
    public State step(HingePerceptron model, Space space, State state, long k, RandomGenerator random) {
        if (state.done()) {
            return state;
        }
        int n = model.dimension();
        int count = state.contactCount();
        double[] w = state.position();
        double[] c = state.centre();
        double r = Math.sqrt(Math.max(0, n - dot(c, c)));
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = w[i] - c[i];
        }
        project(state.basis(), count, n, a);     // round-off moves w off its face: put it back
        double an = Math.sqrt(dot(a, a));
        for (int i = 0; i < n; i++) {
            a[i] /= an;                     // the unit direction of w − c
            w[i] = c[i] + r * a[i];         // back onto the face's sphere, against drift
        }
        double[] g = violatedSum(model, state.status());       // G = Σ_V ξ_μ
        if (count <= n - 2) {
            double[] pg = g.clone();
            project(state.basis(), count, n, pg);
            double pgn = Math.sqrt(dot(pg, pg));
            if (pgn > 0) {
                // b: the unit direction in the plane of a and t = P⊥G/|P⊥G|, orthogonal to a; φ: the arc to w*
                double at = dot(a, pg) / pgn;
                double[] b = new double[n];
                for (int i = 0; i < n; i++) {
                    b[i] = pg[i] / pgn - at * a[i];
                }
                double bn = Math.sqrt(dot(b, b));
                double phi = Math.atan2(bn, at);
                if (phi > ARC_RESOLUTION) {
                    for (int i = 0; i < n; i++) {
                        b[i] /= bn;
                    }
                    return arc(model, state, r, a, b, phi);
                }
            }
        }
        return balance(model, state, g);
    }

    /** Moves along w(θ) = c + r (cos θ a + sin θ b), θ ∈ (0, φ], to the first breakpoint or to φ. */
    private State arc(HingePerceptron model, State state, double r, double[] a, double[] b, double phi) {
        int n = model.dimension();
        double kappa = model.kappa();
        byte[] status = state.status();
        double[] h = state.stabilities();
        double[] ha = model.stabilities(a);
        double[] hb = model.stabilities(b);
        double end = phi;
        int entering = -1;
        for (int mu = 0; mu < status.length; mu++) {
            if (status[mu] == CONTACT) {
                continue;
            }
            // Δ(θ) = D − A cos θ − B sin θ leaves its side s at the first root where s Δ'(θ) < 0
            double ca = r * ha[mu];
            double cb = r * hb[mu];
            double d = kappa - h[mu] + ca;
            double radius = Math.hypot(ca, cb);
            if (radius == 0 || Math.abs(d) > radius) {
                continue;
            }
            double psi = Math.atan2(cb, ca);
            double spread = Math.acos(Math.max(-1, Math.min(1, d / radius)));
            for (int sign = -1; sign <= 1; sign += 2) {
                double theta = (psi + sign * spread) % (2 * Math.PI);
                if (theta < 0) {
                    theta += 2 * Math.PI;
                }
                double slope = ca * Math.sin(theta) - cb * Math.cos(theta);
                if (theta <= end && status[mu] * slope < 0) {
                    end = theta;
                    entering = mu;
                }
            }
        }
        double[] w = state.position();
        double[] c = state.centre();
        double cos = Math.cos(end);
        double sin = Math.sin(end);
        for (int i = 0; i < n; i++) {
            w[i] = c[i] + r * (cos * a[i] + sin * b[i]);
        }
        for (int mu = 0; mu < h.length; mu++) {
            h[mu] += r * ((cos - 1) * ha[mu] + sin * hb[mu]);
        }
        State next = entering >= 0 ? addContact(model, state, entering) : state;
        return withEnergy(model, next);
    }

    /** Solves the force balance at a vertex or a face minimum; converges or releases one contact. */
    private State balance(HingePerceptron model, State state, double[] g) {
        int n = model.dimension();
        int count = state.contactCount();
        double[] q = state.basis();
        double[] l = state.triangle();
        double[] w = state.position();
        double[] c = state.centre();
        // λ from the plane's directions: P⊥G = λ P⊥w = λ (w − c)
        double[] pg = g.clone();
        project(q, count, n, pg);
        double[] pw = new double[n];
        for (int i = 0; i < n; i++) {
            pw[i] = w[i] - c[i];
        }
        double lambda = dot(pg, pw) / dot(pw, pw);
        // Lᵀ f = Qᵀ(λ w − G)
        double[] f = new double[count];
        for (int j = 0; j < count; j++) {
            double s = 0;
            int offset = j * n;
            for (int i = 0; i < n; i++) {
                s += q[offset + i] * (lambda * w[i] - g[i]);
            }
            f[j] = s;
        }
        for (int j = count - 1; j >= 0; j--) {
            double s = f[j];
            for (int m = j + 1; m < count; m++) {
                s -= l[m * n + j] * f[m];
            }
            f[j] = s / l[j * n + j];
        }
        byte[] status = state.status();
        double[] forces = state.forces();
        for (int mu = 0; mu < status.length; mu++) {
            forces[mu] = status[mu] == VIOLATED ? 1 : 0;
        }
        int worst = -1;
        double excess = forceTolerance;
        for (int j = 0; j < count; j++) {
            forces[state.contacts()[j]] = f[j];
            double outside = Math.max(-f[j], f[j] - 1);
            if (outside > excess) {
                excess = outside;
                worst = j;
            }
        }
        if (worst < 0) {
            return state.with(count, lambda, state.updates(), true);
        }
        status[state.contacts()[worst]] = f[worst] < 0 ? SATISFIED : VIOLATED;
        return withEnergy(model, removeContact(model, state.with(count, lambda, state.updates(), false), worst));
    }

    /** Adds constraint μ as the last row of A = L Qᵀ (one Gram–Schmidt step, repeated once) and moves c. */
    private static State addContact(HingePerceptron model, State state, int mu) {
        int n = model.dimension();
        int count = state.contactCount();
        double[] q = state.basis();
        double[] l = state.triangle();
        double[] xi = model.constraint(mu);
        double[] v = xi.clone();
        double[] coefficients = new double[count];
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < count; j++) {
                int offset = j * n;
                double s = HingePerceptron.dot(q, offset, v, n);
                coefficients[j] += s;
                for (int i = 0; i < n; i++) {
                    v[i] -= s * q[offset + i];
                }
            }
        }
        double norm = Math.sqrt(dot(v, v));
        if (count >= n - 1 || norm < INDEPENDENCE * Math.sqrt(dot(xi, xi))) {
            return state;       // a degenerate contact adds no direction: it stays on its side
        }
        state.status()[mu] = CONTACT;
        int offset = count * n;
        for (int i = 0; i < n; i++) {
            q[offset + i] = v[i] / norm;
        }
        for (int j = 0; j < count; j++) {
            l[count * n + j] = coefficients[j];
        }
        l[count * n + count] = norm;
        state.contacts()[count] = mu;
        // c moves along the new direction: z_new = (κ − Σ_m L_new,m z_m)/L_new,new with z = Qᵀc
        double[] c = state.centre();
        double zNew = model.kappa();
        for (int j = 0; j < count; j++) {
            double zj = 0;
            for (int i = 0; i < n; i++) {
                zj += q[j * n + i] * c[i];
            }
            zNew -= coefficients[j] * zj;
        }
        zNew /= norm;
        for (int i = 0; i < n; i++) {
            c[i] += zNew * q[offset + i];
        }
        State next = state.with(count + 1, state.lambda(), state.updates() + 1, false);
        return next.updates() > n ? rebuild(model, next) : next;
    }

    /** Removes row j of A = L Qᵀ, restoring L's triangle by Givens rotations of its columns (and Q's). */
    private static State removeContact(HingePerceptron model, State state, int j) {
        int n = model.dimension();
        int count = state.contactCount();
        double[] q = state.basis();
        double[] l = state.triangle();
        int[] contacts = state.contacts();
        for (int row = j; row < count - 1; row++) {
            System.arraycopy(l, (row + 1) * n, l, row * n, n);
            contacts[row] = contacts[row + 1];
        }
        java.util.Arrays.fill(l, (count - 1) * n, count * n, 0);
        int rows = count - 1;
        for (int col = j; col < rows; col++) {
            double x = l[col * n + col];
            double y = l[col * n + col + 1];
            double radius = Math.hypot(x, y);
            if (radius == 0) {
                continue;
            }
            double cs = x / radius;
            double sn = y / radius;
            for (int row = col; row < rows; row++) {
                double u = l[row * n + col];
                double v = l[row * n + col + 1];
                l[row * n + col] = cs * u + sn * v;
                l[row * n + col + 1] = -sn * u + cs * v;
            }
            int oa = col * n;
            int ob = (col + 1) * n;
            for (int i = 0; i < n; i++) {
                double u = q[oa + i];
                double v = q[ob + i];
                q[oa + i] = cs * u + sn * v;
                q[ob + i] = -sn * u + cs * v;
            }
            l[col * n + col + 1] = 0;
        }
        for (int row = 0; row < rows; row++) {
            l[row * n + rows] = 0;
        }
        java.util.Arrays.fill(q, rows * n, count * n, 0);
        State next = state.with(rows, state.lambda(), state.updates() + 1, false);
        if (next.updates() > n) {
            return rebuild(model, next);
        }
        centre(model, next);
        return next;
    }

    /** Recomputes L, Q, c, w on the face and the stabilities from scratch, against the drift of updates. */
    private static State rebuild(HingePerceptron model, State state) {
        int n = model.dimension();
        int[] contacts = state.contacts().clone();
        int count = state.contactCount();
        java.util.Arrays.fill(state.basis(), 0);
        java.util.Arrays.fill(state.triangle(), 0);
        java.util.Arrays.fill(state.centre(), 0);
        byte[] status = state.status();
        State fresh = state.with(0, state.lambda(), 0, false);
        for (int j = 0; j < count; j++) {
            status[contacts[j]] = SATISFIED;        // re-added now; a degenerate one stays off the face
            fresh = addContact(model, fresh, contacts[j]);
        }
        fresh = fresh.with(fresh.contactCount(), fresh.lambda(), 0, false);
        centre(model, fresh);
        // w back onto the face: c plus its component along the plane's directions, rescaled to radius r
        double[] w = fresh.position();
        double[] c = fresh.centre();
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = w[i] - c[i];
        }
        project(fresh.basis(), fresh.contactCount(), n, u);
        double r = Math.sqrt(Math.max(0, n - dot(c, c)));
        double un = Math.sqrt(dot(u, u));
        for (int i = 0; i < n; i++) {
            w[i] = c[i] + r * u[i] / un;
        }
        System.arraycopy(model.stabilities(w), 0, fresh.stabilities(), 0, fresh.stabilities().length);
        return fresh;
    }

    /** The state with E = Σ_{μ∈V} (κ − h_μ), done if V is empty. */
    private static State withEnergy(HingePerceptron model, State state) {
        double energy = 0;
        boolean violated = false;
        byte[] status = state.status();
        double[] h = state.stabilities();
        for (int mu = 0; mu < status.length; mu++) {
            if (status[mu] == VIOLATED) {
                energy += model.kappa() - h[mu];
                violated = true;
            }
        }
        return new State(state.position(), h, status, state.contacts(), state.contactCount(), state.basis(),
                state.triangle(), state.centre(), state.forces(), state.lambda(), energy, state.updates(),
                state.done() || !violated);
    }

    /** Sets c = Q z with L z = κ 1: the point of {ξ_μ·w = κ, μ ∈ C} nearest the origin. */
    private static void centre(HingePerceptron model, State state) {
        int n = model.dimension();
        int count = state.contactCount();
        double[] l = state.triangle();
        double[] q = state.basis();
        double[] z = new double[count];
        for (int j = 0; j < count; j++) {
            double s = model.kappa();
            for (int m = 0; m < j; m++) {
                s -= l[j * n + m] * z[m];
            }
            z[j] = s / l[j * n + j];
        }
        double[] c = state.centre();
        java.util.Arrays.fill(c, 0);
        for (int j = 0; j < count; j++) {
            int offset = j * n;
            for (int i = 0; i < n; i++) {
                c[i] += z[j] * q[offset + i];
            }
        }
    }

    /** G = Σ_{μ∈V} ξ_μ. */
    private static double[] violatedSum(HingePerceptron model, byte[] status) {
        double[] indicator = new double[status.length];
        for (int mu = 0; mu < status.length; mu++) {
            indicator[mu] = status[mu] == VIOLATED ? 1 : 0;
        }
        return model.constraintForce(indicator);
    }

    /** v ← v − Q Qᵀ v: the component of v along the face's plane. */
    private static void project(double[] q, int count, int n, double[] v) {
        for (int j = 0; j < count; j++) {
            int offset = j * n;
            double s = HingePerceptron.dot(q, offset, v, n);
            for (int i = 0; i < n; i++) {
                v[i] -= s * q[offset + i];
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        return HingePerceptron.dot(a, 0, b, a.length);
    }

    private static void check(HingePerceptron model, Space space) {
        if (model.loss() != HingeLoss.LINEAR) {
            throw Require.invalid("loss", "must be linear for the active-set descent, got " + model.loss());
        }
        if (space != Space.sphere()) {
            throw Require.invalid("space", "must be the sphere |w|^2 = N for the active-set descent");
        }
    }

    @Override
    public String stepSizeName() {
        return "forceTolerance";
    }
}

package org.glassy.dynamics;

import org.glassy.core.Space;
import org.glassy.model.Model;

/** Checks shared by the step rules' {@code init}. */
final class Steps {

    private Steps() {
    }

    /** x0 has the model's dimension and lies in the space. */
    static void checkStart(Model model, Space space, double[] x0) {
        model.checkDimension("x0", x0);
        space.checkContains(x0);
    }
}

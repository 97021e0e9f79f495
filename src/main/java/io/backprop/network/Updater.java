package io.backprop.network;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@link Optimizer} at work on one network: applies its rule to each parameter, keeping per-parameter state
 * (velocities, moments) allocated once, before the first step. With gradient clipping (clipNorm c), when the
 * global norm ‖g‖ of all gradients together exceeds c, every gradient is scaled by c/‖g‖ before the step.
 */
abstract class Updater {

    /** A parameter and its gradient, with the optimizer's state for it. */
    record Slot(Matrix parameter, Matrix gradient, Matrix first, Matrix second) {
    }

    private final Slot[] slots;
    private Double clipNorm;

    Updater(Network network, int stateTensors) {
        this.slots = network.slots(stateTensors);
    }

    /** The updater of the options' optimizer. */
    static Updater of(TrainingOptions options, Network network) {
        Optimizer optimizer = options.optimizer();
        Updater updater = optimizer instanceof Optimizer.Momentum momentum ? new MomentumUpdater(network, momentum)
                : optimizer instanceof Optimizer.Adam adam ? new AdamUpdater(network, adam) : new SgdUpdater(network);
        updater.clipNorm = options.clipNorm();
        return updater;
    }

    /** One step on every parameter from the gradients of the last backward pass. */
    void step(double learningRate) {
        if (clipNorm != null) {
            clip(clipNorm);
        }
        beginStep();
        for (Slot slot : slots) {
            update(slot, learningRate);
        }
    }

    private void clip(double bound) {
        double squares = 0;
        for (Slot slot : slots) {
            squares += slot.gradient().sumOfSquares();
        }
        double norm = Math.sqrt(squares);
        if (norm > bound) {
            for (Slot slot : slots) {
                // g + (c/‖g‖ − 1)·g = (c/‖g‖)·g, in place
                slot.gradient().addScaled(slot.gradient(), bound / norm - 1);
            }
        }
    }

    /**
     * Whether a step is plain gradient descent, each parameter minus rate × its gradient and nothing else, which
     * the backward pass can take as it goes (see {@link Network#backwardAndStep}).
     */
    boolean plainDescent() {
        return this instanceof SgdUpdater && clipNorm == null;
    }

    void beginStep() {
    }

    /** Steps taken, where the rule depends on their count (Adam's bias corrections); else 0. */
    int steps() {
        return 0;
    }

    void restoreSteps(int steps) {
    }

    /** Every slot's state matrices, in slot order, as the engine lays them out. */
    List<double[][]> state() {
        List<double[][]> state = new ArrayList<>();
        for (Slot slot : slots) {
            for (Matrix m : new Matrix[] {slot.first(), slot.second()}) {
                if (m != null) {
                    state.add(m.toArray());
                }
            }
        }
        return state;
    }

    /** Puts back the state {@link #state()} returned, through {@code matrices} that turn arrays into matrices. */
    void restore(int steps, List<double[][]> state, java.util.function.Function<double[][], Matrix> matrices) {
        restoreSteps(steps);
        int k = 0;
        for (Slot slot : slots) {
            for (Matrix m : new Matrix[] {slot.first(), slot.second()}) {
                if (m != null) {
                    m.assign(matrices.apply(state.get(k++)));
                }
            }
        }
    }

    abstract void update(Slot slot, double learningRate);

    private static final class SgdUpdater extends Updater {

        SgdUpdater(Network network) {
            super(network, 0);
        }

        @Override
        void update(Slot slot, double learningRate) {
            slot.parameter().addScaled(slot.gradient(), -learningRate);
        }
    }

    private static final class MomentumUpdater extends Updater {

        private final Optimizer.Momentum rule;

        MomentumUpdater(Network network, Optimizer.Momentum rule) {
            super(network, 1);
            this.rule = rule;
        }

        @Override
        void update(Slot slot, double learningRate) {
            Matrix velocity = slot.first();
            velocity.scaleAndAdd(rule.momentum(), slot.gradient(), -learningRate);
            if (rule.nesterov()) {
                slot.parameter().addScaled(velocity, rule.momentum());
                slot.parameter().addScaled(slot.gradient(), -learningRate);
            }
            else {
                slot.parameter().addScaled(velocity, 1);
            }
        }
    }

    private static final class AdamUpdater extends Updater {

        private final Optimizer.Adam rule;
        private int t;
        private double stepScale;
        private double epsilon;

        AdamUpdater(Network network, Optimizer.Adam rule) {
            super(network, 2);
            this.rule = rule;
        }

        @Override
        int steps() {
            return t;
        }

        @Override
        void restoreSteps(int steps) {
            t = steps;
        }

        /** Folds the bias corrections of step t into the step size and ε: same update, fewer operations. */
        @Override
        void beginStep() {
            t++;
            double secondCorrection = Math.sqrt(1 - Math.pow(rule.beta2(), t));
            stepScale = secondCorrection / (1 - Math.pow(rule.beta1(), t));
            epsilon = rule.epsilon() * secondCorrection;
        }

        @Override
        void update(Slot slot, double learningRate) {
            slot.parameter().adamStep(slot.gradient(), slot.first(), slot.second(), rule.beta1(), rule.beta2(),
                    learningRate * stepScale, epsilon);
        }
    }
}

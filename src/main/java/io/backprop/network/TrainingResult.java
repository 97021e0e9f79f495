package io.backprop.network;

/** The parameters training ended with, and how many epochs it ran. */
public record TrainingResult(Parameters parameters, int epochs) {
}

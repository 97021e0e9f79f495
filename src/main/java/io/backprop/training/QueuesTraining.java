package io.backprop.training;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint whose requests each queue a training job: while the queue is full, {@link QueueGate} refuses
 * them (429) before their bodies are read, and the endpoint itself no longer asks {@link TrainingQueue#requireRoom}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface QueuesTraining {
}

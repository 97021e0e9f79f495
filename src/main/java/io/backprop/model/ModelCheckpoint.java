package io.backprop.model;

import java.time.Instant;

import org.springframework.data.annotation.Id;

import io.backprop.network.Checkpoint;

/** A running job's last checkpoint, with the learning curve up to it. */
record ModelCheckpoint(@Id String modelId, int epochs, Checkpoint content, LearningCurve curve, Instant writtenAt) {
}

package io.backprop.training;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the service runs training jobs.
 *
 * @param threads jobs that train at the same time
 * @param queueCapacity jobs that may wait for a thread; beyond it new requests get 429
 * @param retryAfter what a 429 answer suggests waiting
 * @param progressInterval how often a running job writes its progress to the database
 * @param eventInterval how often a running job sends progress to clients following its events
 * @param curvePoints the most learning-curve points kept per job (the first and last epoch always among them)
 * @param maxDuration the longest a job may train (requests may ask for less) before it is stopped and failed
 * @param maxWeight a parameter growing beyond this magnitude means training diverged
 * @param maxListeners clients that may follow jobs' events at the same time
 * @param maxListenersPerModel clients that may follow one model's events at the same time
 * @param eventHeartbeat how often an idle event stream gets a comment, which is how a client that went away is
 *     noticed and its place freed
 * @param replica this replica's name among those sharing the database (unique; stable across restarts, so that a
 *     replica takes back its own jobs at once when it restarts); blank for the host's name
 * @param pollingInterval how often a replica looks for jobs that wait (jobs accepted here start at once)
 * @param heartbeatInterval how often a replica records that its running jobs are alive
 * @param missedHeartbeats heartbeats a running job may miss before another replica runs it again
 * @param followInterval how often a replica reads from the database the progress of jobs that train elsewhere,
 *     for the clients following them here
 * @param checkpointInterval how often a running job keeps a checkpoint (at the end of an epoch) that it goes on
 *     from if its replica dies or stops
 * @param atOnceMaxFlops a job of at most this work (as the cost ceiling counts it) and {@code atOnceMaxSteps}
 *     trains at once, in the request that asks for it, and its model is answered as it ended; 0 queues every job
 * @param atOnceMaxSteps the most batches (epochs × batches per epoch, folds included) of a job trained at once
 */
@Validated
@ConfigurationProperties("backprop.training")
public record JobProperties(
        @DefaultValue("2") @Min(1) int threads,
        @DefaultValue("50") @Min(0) int queueCapacity,
        @DefaultValue("10s") @NotNull Duration retryAfter,
        @DefaultValue("1s") @NotNull Duration progressInterval,
        @DefaultValue("200ms") @NotNull Duration eventInterval,
        @DefaultValue("1000") @Min(2) int curvePoints,
        @DefaultValue("10m") @NotNull Duration maxDuration,
        @DefaultValue("1e6") @DecimalMin("0") double maxWeight,
        @DefaultValue("200") @Min(1) int maxListeners,
        @DefaultValue("20") @Min(1) int maxListenersPerModel,
        @DefaultValue("15s") @NotNull Duration eventHeartbeat,
        @DefaultValue("") @NotNull String replica,
        @DefaultValue("1s") @NotNull Duration pollingInterval,
        @DefaultValue("5s") @NotNull Duration heartbeatInterval,
        @DefaultValue("6") @Min(2) int missedHeartbeats,
        @DefaultValue("500ms") @NotNull Duration followInterval,
        @DefaultValue("10s") @NotNull Duration checkpointInterval,
        @DefaultValue("1e7") @DecimalMin("0") double atOnceMaxFlops,
        @DefaultValue("10000") @Min(0) long atOnceMaxSteps) {

    /** This replica's name: as configured, or the host's. */
    public String replicaName() {
        if (!replica.isBlank()) {
            return replica;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException e) {
            return "replica";
        }
    }
}

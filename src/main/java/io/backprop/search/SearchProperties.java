package io.backprop.search;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds of searches: trials per search, searches running at once per owner, trials training at once per
 * search, the longest a search may run, and how often running searches are advanced (started trials checked,
 * new ones queued).
 */
@ConfigurationProperties("backprop.search")
record SearchProperties(@DefaultValue("100") int maxTrials, @DefaultValue("2") int maxActivePerOwner,
        @DefaultValue("4") int maxParallel, @DefaultValue("1h") Duration maxDuration,
        @DefaultValue("500ms") Duration sweepInterval) {
}

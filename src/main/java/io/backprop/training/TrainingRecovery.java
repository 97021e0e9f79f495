package io.backprop.training;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** After a restart, runs again the jobs that were queued or training when the process stopped. */
@Component
class TrainingRecovery {

    private static final Logger log = LoggerFactory.getLogger(TrainingRecovery.class);

    private final TrainingJournal journal;
    private final TrainingQueue queue;

    TrainingRecovery(TrainingJournal journal, TrainingQueue queue) {
        this.journal = journal;
        this.queue = queue;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinishedJobs() {
        List<String> modelIds = journal.unfinished();
        if (!modelIds.isEmpty()) {
            log.info("Running again {} training job(s) left unfinished by the previous run", modelIds.size());
            queue.resume(modelIds);
        }
    }
}

package io.backprop.access;

import java.time.Clock;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;

/**
 * Who created, stopped, cancelled or deleted what, and when. An entry is written in the transaction of what it
 * records, where there is one, so that the trail holds exactly what took effect.
 */
@Service
public class AuditTrail {

    private final AuditEventRepository events;
    private final Clock clock;

    AuditTrail(AuditEventRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** Records that the current caller did {@code action} (e.g. "model.stop") to {@code resource} ("model/<id>"). */
    public void record(String action, String resource) {
        Caller caller = Caller.current().orElse(Caller.LOCAL);
        events.save(new AuditEvent(null, clock.instant(), caller.keyId(), caller.owner(), action, resource));
    }

    /** Newest first. */
    Page<AuditEvent> list(int page, int size) {
        return events.findAll(PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "id")));
    }
}

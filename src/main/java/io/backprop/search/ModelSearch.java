package io.backprop.search;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;

import tools.jackson.databind.JsonNode;

/**
 * A search's row: who started it (trials are created for that key, under its owner's quotas), the request with
 * its defaults, each trial's planned settings, and how far it got.
 */
record ModelSearch(@Id String id, String owner, String keyId, String role, SearchRequest request, Plan plan,
        SearchStatus status, String outcome, Instant createdAt, Instant finishedAt) {

    /** Each trial's settings, path → value, decided when the search was accepted. */
    record Plan(List<Map<String, JsonNode>> trials) {
    }
}

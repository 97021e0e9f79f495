package io.backprop.access;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a key may do; each role may do all that the roles before it may. */
public enum Role {

    /** List, read, predict, evaluate, follow events. */
    @JsonProperty("reader") READER,
    /** Also train, upload data sets, stop, cancel and delete its own. */
    @JsonProperty("trainer") TRAINER,
    /** Everything, over every owner's models and data sets, and the keys. */
    @JsonProperty("admin") ADMIN;

    /** The Spring Security authority a key of this role holds. */
    String authority() {
        return "ROLE_" + name();
    }
}

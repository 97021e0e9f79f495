package io.backprop.model;

import org.springframework.data.repository.CrudRepository;

interface ModelCheckpointRepository extends CrudRepository<ModelCheckpoint, String> {
}

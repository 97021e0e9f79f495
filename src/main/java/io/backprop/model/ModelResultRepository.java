package io.backprop.model;

import org.springframework.data.repository.CrudRepository;

interface ModelResultRepository extends CrudRepository<ModelResult, String> {
}

package io.backprop.model;

import org.springframework.data.repository.CrudRepository;

interface ModelDatasetRepository extends CrudRepository<ModelDataset, String> {
}

package io.backprop.dataset;

import org.springframework.data.repository.CrudRepository;

interface DatasetRowsRepository extends CrudRepository<DatasetRows, String> {
}

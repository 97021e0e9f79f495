package io.backprop.dataset;

import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.PagingAndSortingRepository;

interface DatasetRepository extends ListCrudRepository<Dataset, String>, PagingAndSortingRepository<Dataset, String> {
}

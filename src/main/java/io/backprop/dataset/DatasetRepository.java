package io.backprop.dataset;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.PagingAndSortingRepository;

interface DatasetRepository extends ListCrudRepository<Dataset, String>, PagingAndSortingRepository<Dataset, String> {

    Page<Dataset> findByOwner(String owner, Pageable pageable);
}

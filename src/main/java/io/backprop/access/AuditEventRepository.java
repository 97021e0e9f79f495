package io.backprop.access;

import org.springframework.data.repository.CrudRepository;
import org.springframework.data.repository.PagingAndSortingRepository;

interface AuditEventRepository extends CrudRepository<AuditEvent, Long>,
        PagingAndSortingRepository<AuditEvent, Long> {
}

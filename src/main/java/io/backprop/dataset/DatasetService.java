package io.backprop.dataset;

import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.backprop.preprocessing.LabelEncoding;
import io.backprop.preprocessing.ColumnStatistics;
import io.backprop.system.Bytes;
import io.backprop.system.FieldViolation;
import io.backprop.system.RequestLimits;
import io.backprop.system.ResourceIds;
import io.backprop.system.StorageBudget;
import io.backprop.web.InvalidRequestException;
import io.backprop.web.JsonBinding;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Stores data sets uploaded as CSV or JSON, so that training requests can refer to them by id. */
@Service
public class DatasetService {

    private final DatasetRepository datasets;
    private final DatasetRowsRepository rows;
    private final JdbcAggregateOperations aggregates;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final RequestLimits limits;
    private final Clock clock;
    private final StorageBudget storage;
    private final JsonBinding binding;

    DatasetService(DatasetRepository datasets, DatasetRowsRepository rows, JdbcAggregateOperations aggregates,
            TransactionTemplate transaction, JsonMapper json, RequestLimits limits, Clock clock, StorageBudget storage,
            JsonBinding binding) {
        this.datasets = datasets;
        this.rows = rows;
        this.aggregates = aggregates;
        this.transaction = transaction;
        this.json = json;
        this.limits = limits;
        this.clock = clock;
        this.storage = storage;
        this.binding = binding;
    }

    /** A data set sent as JSON: every value of the wrong kind and every rule it breaks reported at once. */
    DatasetView create(String name, JsonNode body) {
        JsonBinding.Bound<DatasetInput> input = binding.bind(body, DatasetInput.class);
        InvalidRequestException.throwIfAny(input.violations(), violations(name, input.value()));
        return store(name, input.value());
    }

    private List<FieldViolation> violations(String name, DatasetInput input) {
        List<FieldViolation> violations = new ArrayList<>();
        DatasetChecks.checkName("name", name, violations);
        if (input != null) {
            DatasetChecks.check("", input, limits, violations);
        }
        return violations;
    }

    private DatasetView store(String name, DatasetInput input) {
        String id = ResourceIds.next();
        DatasetInput named = new DatasetInput(input.features(), input.targets(), input.labels(),
                input.featureNamesOrDefault(), input.targetNamesOrDefault());
        ColumnSummaries summary = new ColumnSummaries(columns(named));
        DatasetRows stored = new DatasetRows(id, named);
        Dataset dataset = new Dataset(id, name != null ? name : "dataset " + id.substring(0, 8), named.rows(),
                summary, Bytes.json(json, summary) + Bytes.json(json, named), clock.instant());
        storage.admit(dataset.storedBytes(), () -> transaction.executeWithoutResult(status -> {
            aggregates.insert(dataset);
            aggregates.insert(stored);
        }));
        return view(dataset);
    }

    /**
     * @param targets the names of the target columns
     * @throws InvalidCsvException naming the line and column of each problem
     */
    DatasetView createFromCsv(String name, InputStream csv, List<String> targets) {
        TabularData table;
        try {
            table = new CsvReader(limits.maxRows(), limits.maxColumns())
                    .read(new StrictUtf8Reader(csv), targets);
        }
        catch (CsvFormatException e) {
            throw new InvalidCsvException(e);
        }
        DatasetInput input = new DatasetInput(table.features(), table.targets(), table.labels(), table.featureNames(),
                table.targetNames());
        InvalidRequestException.throwIfAny(violations(name, input));
        return store(name, input);
    }

    DatasetView get(String id) {
        return view(find(id));
    }

    Page<DatasetView> list(int page, int size) {
        return datasets.findAll(PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "createdAt")))
                .map(this::view);
    }

    void delete(String id) {
        datasets.delete(find(id));
    }

    /** The examples of a stored data set, with their column names. */
    public Optional<DatasetInput> rows(String id) {
        return !ResourceIds.wellFormed(id) ? Optional.empty()
                : rows.findById(id).map(DatasetRows::content);
    }

    private Dataset find(String id) {
        return Optional.ofNullable(ResourceIds.wellFormed(id) ? id : null).flatMap(datasets::findById)
                .orElseThrow(() -> new DatasetNotFoundException(id));
    }

    private DatasetView view(Dataset dataset) {
        List<ColumnSummary> columns = dataset.summary().columns();
        List<String> features = columns.stream().filter(c -> c.role().equals("feature")).map(ColumnSummary::name)
                .toList();
        List<ColumnSummary> targets = columns.stream().filter(c -> c.role().equals("target")).toList();
        return new DatasetView(dataset.id(), dataset.name(), dataset.rowCount(), features,
                targets.stream().map(ColumnSummary::name).toList(),
                targets.stream().anyMatch(c -> c.classCounts() != null), columns, dataset.createdAt());
    }

    private static List<ColumnSummary> columns(DatasetInput input) {
        List<ColumnSummary> columns = new ArrayList<>();
        for (int j = 0; j < input.featureCount(); j++) {
            columns.add(numeric(ColumnStatistics.of(input.featureNames().get(j), input.features(), j), "feature"));
        }
        if (input.labels() != null) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            LabelEncoding classes = new LabelEncoding(LabelEncoding.classes(input.labels()), false);
            classes.classes().forEach(c -> counts.put(String.valueOf(c), 0));
            input.labels().forEach(label -> counts.merge(String.valueOf(classes.classes().get(classes.indexOf(label))),
                    1, Integer::sum));
            columns.add(new ColumnSummary(input.targetNames().get(0), "target", null, null, null, null, counts));
        }
        else {
            for (int k = 0; k < input.targets()[0].length; k++) {
                columns.add(numeric(ColumnStatistics.of(input.targetNames().get(k), input.targets(), k), "target"));
            }
        }
        return columns;
    }

    private static ColumnSummary numeric(ColumnStatistics statistics, String role) {
        return new ColumnSummary(statistics.name(), role, statistics.min(), statistics.max(), statistics.mean(),
                statistics.standardDeviation(), null);
    }
}

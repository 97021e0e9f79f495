package io.backprop.dataset;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.zip.ZipException;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

import io.backprop.access.AuditTrail;
import io.backprop.access.Caller;
import io.backprop.access.Quotas;
import io.backprop.network.RowSource;
import io.backprop.preprocessing.ColumnStatistics;
import io.backprop.preprocessing.LabelEncoding;
import io.backprop.preprocessing.Rows;
import io.backprop.system.Bytes;
import io.backprop.system.FieldViolation;
import io.backprop.system.RequestLimits;
import io.backprop.system.ResourceIds;
import io.backprop.system.StorageBudget;
import io.backprop.web.InvalidRequestException;
import io.backprop.web.JsonBinding;
import io.backprop.web.Problems;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores data sets sent as JSON or uploaded as files (CSV, .npy, .npz), so that training requests can refer to
 * them by id. Files are read as they arrive and their rows stored chunk by chunk, in one transaction: a file that
 * turns out bad, or too large, leaves nothing behind.
 */
@Service
public class DatasetService {

    /** How often (in stored bytes) a long upload checks that the store still has room for it. */
    private static final long ROOM_CHECK_BYTES = 64L << 20;

    private final DatasetRepository datasets;
    private final RowStore rows;
    private final JdbcAggregateOperations aggregates;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final RequestLimits limits;
    private final Clock clock;
    private final StorageBudget storage;
    private final JsonBinding binding;
    private final Quotas quotas;
    private final AuditTrail audit;
    private final Semaphore uploads;
    /** The owners (admins aside) whose upload is being read: one each at a time, so that no owner holds every place. */
    private final Set<String> uploading = ConcurrentHashMap.newKeySet();
    private final UploadReader reader;

    DatasetService(DatasetRepository datasets, RowStore rows, JdbcAggregateOperations aggregates,
            TransactionTemplate transaction, JsonMapper json, RequestLimits limits, Clock clock, StorageBudget storage,
            JsonBinding binding, Quotas quotas, AuditTrail audit) {
        this.datasets = datasets;
        this.rows = rows;
        this.aggregates = aggregates;
        this.transaction = transaction;
        this.json = json;
        this.limits = limits;
        this.clock = clock;
        this.storage = storage;
        this.binding = binding;
        this.quotas = quotas;
        this.audit = audit;
        this.uploads = new Semaphore(limits.maxConcurrentUploads());
        long maxUpload = limits.maxUploadSize().toBytes();
        this.reader = new UploadReader(new CsvReader(FileLimits.of(limits)),
                new NumpyReader(FileLimits.of(limits)), maxUpload,
                () -> Problems.exception(HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "Request too large",
                        "The upload holds more than " + maxUpload + " bytes once decompressed "
                                + "(backprop.limits.max-upload-size)."));
    }

    /** A data set sent as JSON: every value of the wrong kind and every rule it breaks reported at once. */
    DatasetView create(String name, JsonNode body) {
        JsonBinding.Bound<DatasetInput> input = binding.bind(body, DatasetInput.class);
        List<FieldViolation> violations = new ArrayList<>();
        DatasetChecks.checkName("name", name, violations);
        if (input.value() != null) {
            DatasetChecks.checkToStore(input.value(), limits, violations);
        }
        InvalidRequestException.throwIfAny(input.violations(), violations);
        RowSet given = RowSet.of(input.value());
        TabularData table = new TabularData(given.featureNames(), given.targetNames(), given.targets(),
                given.labels());
        List<ColumnStatistics> features = ColumnStatistics.of(given.featureNames(), given.features(),
                Rows.all(given.rows()));
        return transaction.execute(status -> save(name, table, features, rows.store(given)));
    }

    /**
     * A data-set file, read and stored as it arrives.
     *
     * @throws InvalidCsvException naming the line and column of each problem
     */
    DatasetView upload(String name, InputStream body, UploadOptions options) {
        List<FieldViolation> violations = new ArrayList<>();
        DatasetChecks.checkName("name", name, violations);
        InvalidRequestException.throwIfAny(violations);
        quotas.requireDatasetRowsRoom();
        String owner = Caller.current().filter(Caller::limited).map(Caller::owner).orElse(null);
        if (owner != null && !uploading.add(owner)) {
            throw tooManyUploads("Already reading an upload of this key's owner; one at a time for each owner.");
        }
        try {
            return readAndStore(name, body, options);
        }
        finally {
            if (owner != null) {
                uploading.remove(owner);
            }
        }
    }

    /** Reads and stores an upload in one of the places for uploads, if one is free. */
    private DatasetView readAndStore(String name, InputStream body, UploadOptions options) {
        if (!uploads.tryAcquire()) {
            throw tooManyUploads("Already reading " + limits.maxConcurrentUploads() + " uploads "
                    + "(backprop.limits.max-concurrent-uploads); try again shortly.");
        }
        try {
            return transaction.execute(status -> {
                FeatureStatistics statistics = new FeatureStatistics();
                try (RowStore.Writing writing = rows.begin(options.float32(), this::checkRoom, statistics)) {
                    TabularData table = read(body, options, writing.writer::addFeatures);
                    RowStore.Stored stored = writing.finish(table.targets(), table.labels());
                    return save(name, table, statistics.of(table.featureNames()), stored);
                }
            });
        }
        finally {
            uploads.release();
        }
    }

    private static ErrorResponseException tooManyUploads(String detail) {
        ErrorResponseException busy = Problems.exception(HttpStatus.TOO_MANY_REQUESTS, "too-many-uploads",
                "Too many uploads", detail);
        busy.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return busy;
    }

    /**
     * Stops a long upload early, every {@link #ROOM_CHECK_BYTES}, when the store has no room left for it; a
     * shorter one is settled at the end, when it may turn out to be stored already.
     */
    private void checkRoom(long bytes) {
        if (bytes >= ROOM_CHECK_BYTES && bytes % ROOM_CHECK_BYTES < RowSetWriter.CHUNK_BYTES) {
            storage.requireRoom(bytes);
        }
    }

    /** The feature columns' statistics, gathered from the blocks of rows on their way into the store. */
    private static final class FeatureStatistics implements Consumer<RowBlock> {

        private ColumnStatistics.Accumulator columns;

        @Override
        public void accept(RowBlock block) {
            if (block.part() == RowChunk.Part.FEATURES) {
                columns = columns != null ? columns : new ColumnStatistics.Accumulator(block.columns());
                columns.addRows(block.values(), block.rows());
            }
        }

        List<ColumnStatistics> of(List<String> names) {
            return columns.statistics(names);
        }
    }

    private TabularData read(InputStream body, UploadOptions options, Consumer<double[]> features) {
        try {
            return reader.read(body, options.gzipped(), options.targets(), features);
        }
        catch (CsvFormatException e) {
            throw new InvalidCsvException(e);
        }
        catch (NumpyFormatException e) {
            throw Problems.exception(HttpStatus.BAD_REQUEST, "invalid-numpy", "Invalid NumPy file", e.getMessage());
        }
        catch (IOException | UncheckedIOException e) {
            // the readers pass I/O failures on unchecked: a broken compressed stream is the client's to fix
            Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
            if (cause instanceof ZipException || cause instanceof EOFException) {
                throw Problems.exception(HttpStatus.BAD_REQUEST, "invalid-gzip", "Invalid compressed file",
                        "The body cannot be decompressed as gzip: " + cause.getMessage());
            }
            throw e instanceof UncheckedIOException unchecked ? unchecked : new UncheckedIOException((IOException) e);
        }
    }

    /** Stores the data set's own row, once its rows are stored, if the store has room for both. */
    private DatasetView save(String name, TabularData table, List<ColumnStatistics> features,
            RowStore.Stored stored) {
        String id = ResourceIds.next();
        ColumnSummaries summary = new ColumnSummaries(columns(table, features));
        Dataset dataset = new Dataset(id, name != null ? name : "dataset " + id.substring(0, 8), Caller.newOwner(),
                table.rows(), summary, stored.id(), Bytes.json(json, summary), clock.instant());
        long adding = dataset.storedBytes() + (stored.added() ? stored.bytes() : 0);
        quotas.admitDatasetRows(table.rows());
        storage.admit(adding, () -> aggregates.insert(dataset));
        audit.record("dataset.create", "dataset/" + id);
        return view(dataset, stored);
    }

    DatasetView get(String id) {
        Dataset dataset = find(id);
        return view(dataset, rows.get(dataset.rowSetId()));
    }

    /** The caller's data sets (an admin's: everyone's), newest first. */
    Page<DatasetView> list(int page, int size) {
        PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "createdAt"));
        return Caller.listedOwner().map(owner -> datasets.findByOwner(owner, request))
                .orElseGet(() -> datasets.findAll(request))
                .map(dataset -> view(dataset, rows.get(dataset.rowSetId())));
    }

    /** Deletes the data set; its rows stay as long as a model trained on them does. */
    void delete(String id) {
        datasets.delete(find(id));
        audit.record("dataset.delete", "dataset/" + id);
        rows.releaseUnused();
    }

    /** A stored data set's rows as a training request refers to them, by the data set's id. */
    public record StoredRows(String rowSetId, RowSet rows) {
    }

    /** The rows of a stored data set, with their column names; its features are read only when asked for. */
    public Optional<StoredRows> rows(String id) {
        return lookup(id).map(dataset -> {
            DatasetView view = view(dataset, rows.get(dataset.rowSetId()));
            return new StoredRows(dataset.rowSetId(), rows.read(dataset.rowSetId(), view.featureNames(),
                    view.targetNames()));
        });
    }

    /** The stored rows of a data set, without reading them, and its feature names. */
    public Optional<StoredFeatures> storedRows(String id) {
        return lookup(id).map(dataset -> {
            RowStore.Stored stored = rows.get(dataset.rowSetId());
            return new StoredFeatures(stored, view(dataset, stored).featureNames());
        });
    }

    /** A data set's rows as stored, and the names of its feature columns, in their order. */
    public record StoredFeatures(RowStore.Stored rows, List<String> featureNames) {
    }

    private Dataset find(String id) {
        return lookup(id).orElseThrow(() -> new DatasetNotFoundException(id));
    }

    /** The data set of this id if the caller may see it (another owner's is not found); a malformed id, none. */
    private Optional<Dataset> lookup(String id) {
        return Optional.ofNullable(ResourceIds.wellFormed(id) ? id : null).flatMap(datasets::findById)
                .filter(dataset -> Caller.maySee(dataset.owner()));
    }

    private static DatasetView view(Dataset dataset, RowStore.Stored stored) {
        List<ColumnSummary> columns = dataset.summary().columns();
        List<String> features = columns.stream().filter(c -> c.role().equals("feature")).map(ColumnSummary::name)
                .toList();
        List<ColumnSummary> targets = columns.stream().filter(c -> c.role().equals("target")).toList();
        return new DatasetView(dataset.id(), dataset.name(), dataset.owner(), dataset.rowCount(), features,
                targets.stream().map(ColumnSummary::name).toList(),
                targets.stream().anyMatch(c -> c.classCounts() != null), columns, stored.sha256(), stored.bytes(),
                dataset.createdAt());
    }

    private static List<ColumnSummary> columns(TabularData table, List<ColumnStatistics> features) {
        List<ColumnSummary> columns = new ArrayList<>();
        features.forEach(statistics -> columns.add(numeric(statistics, "feature")));
        if (table.labels() != null) {
            List<Object> classes = LabelEncoding.classes(table.labels());
            int[] counts = new int[classes.size()];
            for (int position : LabelEncoding.positions(table.labels(), classes)) {
                counts[position]++;
            }
            Map<String, Integer> classCounts = new LinkedHashMap<>();
            for (int c = 0; c < counts.length; c++) {
                classCounts.put(String.valueOf(classes.get(c)), counts[c]);
            }
            columns.add(new ColumnSummary(table.targetNames().get(0), "target", null, null, null, null, classCounts));
        }
        else if (!table.targetNames().isEmpty()) {
            ColumnStatistics.of(table.targetNames(), RowSource.of(table.targets()), Rows.all(table.rows()))
                    .forEach(statistics -> columns.add(numeric(statistics, "target")));
        }
        return columns;
    }

    private static ColumnSummary numeric(ColumnStatistics statistics, String role) {
        return new ColumnSummary(statistics.name(), role, statistics.min(), statistics.max(), statistics.mean(),
                statistics.standardDeviation(), null);
    }
}

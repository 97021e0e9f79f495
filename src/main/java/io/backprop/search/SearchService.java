package io.backprop.search;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

import io.backprop.access.AuditTrail;
import io.backprop.access.Caller;
import io.backprop.model.ModelCreation;
import io.backprop.model.ModelService;
import io.backprop.model.ModelView;
import io.backprop.system.AdmissionLock;
import io.backprop.system.FieldViolation;
import io.backprop.system.ResourceIds;
import io.backprop.web.InvalidRequestException;
import io.backprop.web.JsonBinding;
import io.backprop.web.NotFoundException;
import io.backprop.web.Problems;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Accepts searches (every trial's request checked before anything is stored, their work summed against the cost
 * ceiling), shows them with their trials, cancels them, and registers their best trial.
 */
@Service
public class SearchService {

    static final String OBJECTIVE_RULE = "must be training.*, validation.* or crossValidation.mean.*, where * is "
            + "cost, accuracy, rmse, mae or r2";
    private static final Pattern OBJECTIVE = Pattern.compile(
            "(training|validation|crossValidation\\.mean)\\.(cost|accuracy|rmse|mae|r2)");
    private static final int RANDOM_TRIALS = 10;

    private final SearchRepository searches;
    private final JdbcAggregateOperations aggregates;
    private final ModelCreation creation;
    private final ModelService models;
    private final JsonBinding binding;
    private final JsonMapper json;
    private final SearchProperties properties;
    private final AdmissionLock admission;
    private final TransactionTemplate transaction;
    private final AuditTrail audit;
    private final Clock clock;
    private final SecureRandom seeds = new SecureRandom();

    SearchService(SearchRepository searches, JdbcAggregateOperations aggregates, ModelCreation creation, ModelService models, JsonBinding binding,
            JsonMapper json, SearchProperties properties, AdmissionLock admission,
            TransactionTemplate transaction, AuditTrail audit, Clock clock) {
        this.searches = searches;
        this.aggregates = aggregates;
        this.creation = creation;
        this.models = models;
        this.binding = binding;
        this.json = json;
        this.properties = properties;
        this.admission = admission;
        this.transaction = transaction;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @throws InvalidRequestException naming every problem, or the first trial whose request is invalid
     * @throws ErrorResponseException 422 past the cost ceiling (all trials together), 429 when the owner runs as
     *     many searches as allowed
     */
    ModelSearch create(JsonNode body) {
        JsonBinding.Bound<SearchRequest> bound = binding.bind(body, SearchRequest.class);
        SearchRequest given = bound.value();
        if (given == null) {
            throw new InvalidRequestException(bound.violations());
        }
        List<FieldViolation> violations = new ArrayList<>(bound.violations());
        boolean grid = given.strategy() != SearchRequest.Strategy.RANDOM;
        SearchSpace space = SearchSpace.of(given.space(), grid, violations);
        SearchRequest request = withDefaults(given, grid ? space.gridSize() : RANDOM_TRIALS, violations);
        InvalidRequestException.throwIfAny(violations);
        int trials = request.budget().maxTrials();
        List<Map<String, JsonNode>> settings = grid ? space.grid((int) Math.min(trials, space.gridSize()))
                : space.random(trials, request.seed());
        List<ModelCreation.Admitted> admitted = new ArrayList<>();
        for (int trial = 0; trial < settings.size(); trial++) {
            admitted.add(admit(request, settings.get(trial), trial));
        }
        creation.checkCost(admitted);
        Caller caller = Caller.current().orElse(Caller.LOCAL);
        ModelSearch search = new ModelSearch(ResourceIds.next(), caller.owner(), caller.keyId(), caller.role().name(), request,
                new ModelSearch.Plan(settings), SearchStatus.RUNNING, null, clock.instant(), null);
        transaction.executeWithoutResult(status -> {
            admission.hold();
            long running = searches.countByOwnerAndStatus(caller.owner(), SearchStatus.RUNNING);
            if (running >= properties.maxActivePerOwner()) {
                ErrorResponseException busy = Problems.exception(HttpStatus.TOO_MANY_REQUESTS, "too-many-searches",
                        "Too many searches", "This owner runs " + running + " searches; at most "
                                + properties.maxActivePerOwner() + " may run at once (backprop.search."
                                + "max-active-per-owner). Wait for one to end, or cancel one.");
                busy.getHeaders().set(HttpHeaders.RETRY_AFTER, "10");
                throw busy;
            }
            aggregates.insert(search);
            audit.record("search.create", "search/" + search.id());
        });
        return search;
    }

    /** The request with its defaults, its objective and budget checked. */
    private SearchRequest withDefaults(SearchRequest given, long trialsByDefault, List<FieldViolation> violations) {
        if (given.base() == null || !given.base().isObject()) {
            violations.add(FieldViolation.of("base", given.base(), "must be a training request (an object, as POST "
                    + "/models takes it)"));
        }
        SearchRequest.Objective objective = given.objective();
        if (objective == null || objective.metric() == null || !OBJECTIVE.matcher(objective.metric()).matches()) {
            violations.add(FieldViolation.of("objective.metric", objective == null ? null : objective.metric(),
                    OBJECTIVE_RULE));
        }
        else {
            String metric = objective.metric();
            boolean higherIsBetter = metric.endsWith("accuracy") || metric.endsWith("r2");
            objective = new SearchRequest.Objective(metric, objective.direction() != null ? objective.direction()
                    : higherIsBetter ? SearchRequest.Direction.MAXIMIZE : SearchRequest.Direction.MINIMIZE,
                    objective.goal());
            if (objective.goal() != null && !Double.isFinite(objective.goal())) {
                violations.add(FieldViolation.of("objective.goal", objective.goal(), "must be a finite number"));
            }
        }
        SearchRequest.Budget budget = given.budget() != null ? given.budget()
                : new SearchRequest.Budget(null, null, null);
        int maxSeconds = (int) properties.maxDuration().toSeconds();
        budget = new SearchRequest.Budget(budget.maxTrials() != null ? budget.maxTrials()
                : (int) Math.min(trialsByDefault, properties.maxTrials()),
                budget.maxSeconds() != null ? budget.maxSeconds() : maxSeconds,
                budget.parallel() != null ? budget.parallel() : Math.min(2, properties.maxParallel()));
        range(violations, "budget.maxTrials", budget.maxTrials(), properties.maxTrials());
        range(violations, "budget.maxSeconds", budget.maxSeconds(), maxSeconds);
        range(violations, "budget.parallel", budget.parallel(), properties.maxParallel());
        return new SearchRequest(given.base(), given.space(), given.strategy() != null ? given.strategy()
                : SearchRequest.Strategy.GRID, given.seed() != null ? given.seed() : seeds.nextLong(), objective,
                budget);
    }

    private static void range(List<FieldViolation> violations, String field, int value, int max) {
        if (value < 1 || value > max) {
            violations.add(FieldViolation.of(field, value, "must be between 1 and " + max));
        }
    }

    /** Checks one trial's request as POST /models would, naming what is wrong as a field of base or space. */
    private ModelCreation.Admitted admit(SearchRequest request, Map<String, JsonNode> settings, int trial) {
        ObjectNode body = trialRequest(request, settings);
        List<FieldViolation> wrong = new ArrayList<>();
        settings.forEach((path, value) -> {
            String blocked = JsonPaths.set(body.deepCopy(), path, value);
            if (blocked != null) {
                wrong.add(FieldViolation.of("space." + path, value, blocked));
            }
        });
        InvalidRequestException.throwIfAny(wrong);
        ModelCreation.Admitted admitted;
        try {
            admitted = creation.admit(body);
        }
        catch (InvalidRequestException e) {
            throw new InvalidRequestException(e.violations().stream().map(v -> new FieldViolation(
                    (settings.keySet().stream().anyMatch(path -> v.field().startsWith(path)) ? "space." : "base.")
                            + v.field(), v.value(), v.message() + " (trial " + trial + ": " + settings + ")"))
                    .toList());
        }
        checkObjective(request.objective().metric(), admitted);
        return admitted;
    }

    /** The objective must be a metric every trial reports. */
    private static void checkObjective(String metric, ModelCreation.Admitted trial) {
        var training = trial.spec().training();
        String missing = metric.startsWith("validation.") && !(training.validationSplit() > 0)
                ? "needs training.validationSplit in the base request (or the space)"
                : metric.startsWith("crossValidation.") && training.crossValidation() == null
                        ? "needs training.crossValidation in the base request (or the space)"
                        : trial.classifier() && !(metric.endsWith("cost") || metric.endsWith("accuracy"))
                                ? "is a regression metric; this model is a classifier (use cost or accuracy)"
                                : !trial.classifier() && metric.endsWith("accuracy")
                                        ? "is a classification metric; this model predicts numbers" : null;
        if (missing != null) {
            throw new InvalidRequestException(List.of(FieldViolation.of("objective.metric", metric, missing)));
        }
    }

    /** The base request with a trial's settings applied. */
    ObjectNode trialRequest(SearchRequest request, Map<String, JsonNode> settings) {
        ObjectNode body = ((ObjectNode) request.base()).deepCopy();
        settings.forEach((path, value) -> JsonPaths.set(body, path, value));
        return body;
    }

    ModelSearch find(String id) {
        return searches.findById(id).filter(search -> Caller.maySee(search.owner()))
                .orElseThrow(() -> new NotFoundException("search", id));
    }

    /** The caller's searches (an admin's: everyone's), newest first. */
    List<SearchView> list() {
        return Caller.listedOwner().map(searches::findByOwnerOrderByCreatedAtDesc)
                .orElseGet(searches::findAllByOrderByCreatedAtDesc).stream()
                .map(search -> view(search, false, false)).toList();
    }

    SearchView view(ModelSearch search, boolean byMetric) {
        return view(search, byMetric, true);
    }

    /** The search with its trials (read from their models), best first when {@code byMetric}. */
    SearchView view(ModelSearch search, boolean byMetric, boolean withRequest) {
        List<ModelView> started = models.trials(search.id());
        List<SearchView.Trial> trials = new ArrayList<>();
        int done = 0;
        int active = 0;
        for (int t = 0; t < search.plan().trials().size(); t++) {
            int number = t;
            ModelView model = started.stream().filter(m -> m.trial() != null && m.trial() == number).findFirst()
                    .orElse(null);
            Map<String, JsonNode> settings = search.plan().trials().get(t);
            if (model == null) {
                trials.add(new SearchView.Trial(t, null, settings, search.status().ended() ? "SKIPPED" : "PENDING",
                        null, null));
                done += search.status().ended() ? 1 : 0;
                continue;
            }
            boolean ended = model.status().ended();
            done += ended ? 1 : 0;
            active += ended ? 0 : 1;
            trials.add(new SearchView.Trial(t, model.id(), settings, model.status().name(),
                    metric(search, model), model.error()));
        }
        Comparator<SearchView.Trial> better = better(search);
        SearchView.Trial best = trials.stream().filter(trial -> trial.metric() != null).min(better).orElse(null);
        if (byMetric) {
            trials.sort(Comparator.comparing((SearchView.Trial trial) -> trial.metric() == null).thenComparing(
                    (a, b) -> a.metric() == null ? 0 : better.compare(a, b)));
        }
        return new SearchView(search.id(), search.status(), search.outcome(),
                new SearchView.Progress(done, search.plan().trials().size(), active), best, trials,
                withRequest ? search.request() : null, search.createdAt(), search.finishedAt());
    }

    /** Best first: by the objective in its direction, then the earlier trial. */
    private static Comparator<SearchView.Trial> better(ModelSearch search) {
        Comparator<SearchView.Trial> byMetric = Comparator.comparing(SearchView.Trial::metric);
        if (search.request().objective().direction() == SearchRequest.Direction.MAXIMIZE) {
            byMetric = byMetric.reversed();
        }
        return byMetric.thenComparing(SearchView.Trial::trial);
    }

    /** The objective's value for a trial that succeeded; null before. */
    Double metric(ModelSearch search, ModelView model) {
        if (model.metrics() == null) {
            return null;
        }
        JsonNode value = json.valueToTree(model.metrics()).at("/" + search.request().objective().metric()
                .replace('.', '/'));
        return value.isNumber() ? value.asDouble() : null;
    }

    /** Whether a trial's metric reaches the objective's goal. */
    static boolean reaches(ModelSearch search, double metric) {
        SearchRequest.Objective objective = search.request().objective();
        return objective.goal() != null && (objective.direction() == SearchRequest.Direction.MAXIMIZE
                ? metric >= objective.goal() : metric <= objective.goal());
    }

    /** How long the search may run. */
    static Duration timeBudget(ModelSearch search) {
        return Duration.ofSeconds(search.request().budget().maxSeconds());
    }

    /** Registers the best trial so far as the next version of {@code name}. */
    ModelView registerBest(String id, String name) {
        ModelSearch search = find(id);
        SearchView view = view(search, false);
        if (view.best() == null) {
            throw Problems.exception(HttpStatus.CONFLICT, "no-best-trial", "No trial succeeded yet", "Search " + id
                    + " has no trial that succeeded yet; register once one has.");
        }
        List<FieldViolation> wrong = new ArrayList<>();
        io.backprop.dataset.DatasetChecks.checkModelName("name", name, wrong);
        if (name == null) {
            wrong.add(FieldViolation.of("name", null, "is required"));
        }
        InvalidRequestException.throwIfAny(wrong);
        return models.register(view.best().modelId(), name);
    }
}

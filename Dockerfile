# syntax=docker/dockerfile:1

# Build with the project's Maven wrapper; the cache mount keeps downloaded dependencies between builds.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /workspace
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src src
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q package -DskipTests \
    && java -Djarmode=tools -jar target/backprop-*.jar extract --layers --launcher --destination extracted

# Run on a glibc JRE (ND4J's native libraries do not load on musl/alpine), as an unprivileged user.
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system backprop && useradd --system --gid backprop --create-home backprop \
    && mkdir -p /app/data && chown backprop:backprop /app/data
WORKDIR /app
# dependencies change least often, the application most often: one layer each
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./
USER backprop
VOLUME /app/data
EXPOSE 8080
# ThreadPriorityPolicy=1 lets training threads run below requests (a non-root JVM warns, and still lowers them),
# and CompilerThreadPriority=4 keeps the JIT compiler at the training threads' level, below requests (see pom.xml);
# one BLAS thread per job, as each job's thread brings an OpenMP team of its own (see pom.xml)
# Listening on every interface, the service needs keys and will not start without BACKPROP_ADMIN_KEY
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:ThreadPriorityPolicy=1 -XX:CompilerThreadPriority=4" OMP_NUM_THREADS=1 SERVER_ADDRESS=0.0.0.0
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS "http://localhost:${SERVER_PORT:-8080}/actuator/health/readiness" || exit 1
# the Vector API (incubating in Java 17) for the first layer's products over mostly-zero rows (see pom.xml)
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "org.springframework.boot.loader.launch.JarLauncher"]

# syntax=docker/dockerfile:1
#
# webwork-sync image: build with the Maven wrapper on a JDK, run the jar and its dependencies on a JRE as
# a non-root user. No token, password or other secret goes into any layer: they come from the
# environment at run time (a Kubernetes Secret, or docker run -e).
#
#   docker build -t webwork-sync .
#   docker run --rm -e WEBWORK_API_TOKEN=... -e WAREHOUSE_URL=... -e WAREHOUSE_PASSWORD=... webwork-sync sync
#   docker run --rm webwork-sync demo          # sandbox API + embedded warehouse, no token needed

# ---- build: the runnable jar and its dependencies -----------------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
# The modules' poms first, then their sources (docs/engineering/development.md, "Layout"); sql/ holds the
# migrations sync/ ships and generates the jOOQ schema from.
COPY signing/pom.xml signing/
COPY sandbox/pom.xml sandbox/
COPY sync/pom.xml sync/
COPY app/pom.xml app/
COPY sql/ sql/
COPY signing/src/ signing/src/
COPY sandbox/src/ sandbox/src/
COPY sync/src/ sync/src/
COPY app/src/ app/src/
# The cache mount keeps ~/.m2 (and the wrapper's Maven) between builds without putting it in a layer.
# -Dimage=linux: only the Linux (glibc, amd64 and arm64) embedded-PostgreSQL binaries, not macOS',
# Windows' and Alpine's (62 MB instead of 121 MB). -Dmaven.test.skip=true, not -DskipTests: the pom's
# first surefire execution sets skipTests itself, and the tests read docs/ and k8s/, which are not here.
# The build leaves target/webwork-sync.jar (the app module's classes; its manifest's Class-Path names lib/) and
# target/lib/ (the dependencies and the other modules' jars) at the root, as on a laptop. Our modules' jars
# move to target/modules/: they change with the code, so they get a layer of their own after the dependencies'.
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw && ./mvnw -B -ntp package -Dmaven.test.skip=true -Dimage=linux \
    && mkdir target/modules && mv target/lib/webwork-sync-*.jar target/modules/

# ---- run ----------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
# uid 10001 must exist in /etc/passwd: the embedded PostgreSQL (used when WAREHOUSE_URL is unset)
# looks its user up and refuses to run as root.
RUN groupadd --system --gid 10001 webwork \
    && useradd --system --uid 10001 --gid webwork --home-dir /app --no-create-home --shell /usr/sbin/nologin webwork \
    && mkdir -p /app/data \
    && chown 10001:10001 /app/data \
    && chmod 1777 /tmp
WORKDIR /app
# Three layers, the one that changes less first: the dependencies (lib/), then our modules' jars (into lib/
# too, where the manifest's Class-Path names them), then the entry point's jar, so a code change rebuilds
# and pulls only the last two (1.4 MB).
COPY --from=build /build/target/lib/ ./lib/
COPY --from=build /build/target/modules/ ./lib/
COPY --from=build /build/target/webwork-sync.jar ./
# The heap follows the container's memory limit (75 %: the rest is the JVM's own memory). An
# OutOfMemoryError ends the process at once with exit code 5, its own: the application does it
# (job/OutOfMemory, on any thread), so the plain jar does it too. No JVM flag here on purpose, as none
# gives a code of its own: -XX:+ExitOnOutOfMemoryError exits 3, the deadline's code;
# -XX:+CrashOnOutOfMemoryError aborts (134, an hs_err file and a core dump on a read-only filesystem);
# -XX:OnOutOfMemoryError="kill -9 %p" gives 137, the kernel's kill at the memory limit; and each acts
# where the error is thrown, before the application sees it. Override with -e JAVA_TOOL_OPTIONS=...
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
# The embedded warehouse (WAREHOUSE_URL unset) keeps its data in /app/data/warehouse, the working
# directory's data/: mount a volume there to keep it between runs (-v webwork-data:/app/data).
USER 10001:10001
# Exec form: the JVM is PID 1, receives SIGTERM, and its exit code (0 done, 1 failed, 2 configuration
# or authorization error, 3 stopped at the deadline, 4 another run holds the warehouse, 5 out of
# memory) is the container's.
ENTRYPOINT ["java", "-jar", "/app/webwork-sync.jar"]
CMD ["sync"]

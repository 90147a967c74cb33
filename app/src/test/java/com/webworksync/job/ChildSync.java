package com.webworksync.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.webworksync.SyncHarness;
import com.webworksync.TestWarehouse;
import com.webworksync.WebworkSyncApplication;
import com.webworksync.sandbox.RecordedRequest;
import com.webworksync.sandbox.Sandbox;

/**
 * {@code java -cp <test classpath> com.webworksync.WebworkSyncApplication sync …} as a child
 * process against a harness's sandbox and database, to be killed with SIGKILL mid-run: a crash
 * as real as it gets, with nothing in the JVM getting a chance to clean up.
 */
public final class ChildSync {

	/** How long a child may take to reach its kill point before the test gives up on it. */
	private static final long PATIENCE_NANOS = 120_000_000_000L;

	private final Process process;
	private final Path output;

	private ChildSync(Process process, Path output) {
		this.process = process;
		this.output = output;
	}

	/** Starts {@code sync} with the harness's API, token and database given as command-line properties. */
	static ChildSync start(SyncHarness harness, Path output, String... extraArgs) throws IOException {
		return command(harness, output, "-Xmx384m", "sync", extraArgs);
	}

	/** Any command, with the heap capped at {@code maxHeap} (e.g. {@code -Xmx512m}). */
	static ChildSync command(SyncHarness harness, Path output, String maxHeap, String commandName, String... extraArgs)
			throws IOException {
		List<String> command = java(maxHeap, commandName);
		command.addAll(List.of("--webwork.api.url=" + harness.sandbox().baseUrl(),
				"--webwork.api.token=" + harness.sandbox().options().token(), "--warehouse.url=" + harness.databaseUrl(),
				"--warehouse.username=" + harness.properties().get("warehouse.username"),
				"--warehouse.password=" + harness.properties().get("warehouse.password"),
				"--webwork.requests-per-minute=600", "--webwork.initial-backoff=20ms"));
		// the harness's SYNC_NOW, unless the caller gives the child its own
		if (harness.properties().containsKey("sync.now") && Stream.of(extraArgs).noneMatch(a -> a.startsWith("--sync.now="))) {
			command.add("--sync.now=" + harness.properties().get("sync.now"));
		}
		command.addAll(List.of(extraArgs));
		return start(command, output);
	}

	/** {@code sync} on the embedded warehouse (no WAREHOUSE_URL) in {@code directory}, against {@code sandbox}. */
	static ChildSync embedded(Sandbox sandbox, Path directory, int port, Path output, String... extraArgs)
			throws IOException {
		List<String> command = java("-Xmx384m", "sync");
		command.addAll(List.of("--webwork.api.url=" + sandbox.baseUrl(), "--webwork.api.token=" + sandbox.options().token(),
				"--warehouse.embedded.directory=" + directory, "--warehouse.embedded.port=" + port,
				"--webwork.initial-backoff=20ms"));
		command.addAll(List.of(extraArgs));
		return start(command, output);
	}

	/**
	 * {@code sync} with exactly the harness's properties (its connections, its shard) as command-line properties, and
	 * {@code extraArgs} (e.g. {@code --from=…}).
	 */
	public static ChildSync withProperties(SyncHarness harness, Path output, String... extraArgs) throws IOException {
		List<String> command = java("-Xmx384m", "sync");
		harness.properties().forEach((key, value) -> command.add("--" + key + "=" + value));
		command.addAll(List.of(extraArgs));
		return start(command, output);
	}

	private static List<String> java(String maxHeap, String commandName) {
		return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), maxHeap,
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
				WebworkSyncApplication.class.getName(), commandName));
	}

	private static ChildSync start(List<String> command, Path output) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		return new ChildSync(process, output);
	}

	/** Waits (polling) until {@code killPoint} holds, then SIGKILLs the child and waits for it to be gone. */
	public void killWhen(BooleanSupplier killPoint) throws Exception {
		awaitPoint(killPoint);
		process.destroyForcibly(); // SIGKILL on Unix
		process.waitFor();
		assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
	}

	/** Waits (polling) until {@code point} holds while the child runs; fails if it ends or takes too long first. */
	void awaitPoint(BooleanSupplier point) throws Exception {
		long deadline = System.nanoTime() + PATIENCE_NANOS;
		while (!point.getAsBoolean()) {
			if (!process.isAlive()) {
				fail("the child ended (exit " + process.exitValue() + ") before its kill point:\n" + output());
			}
			if (System.nanoTime() > deadline) {
				process.destroyForcibly().waitFor();
				fail("the child did not reach its kill point:\n" + output());
			}
			Thread.sleep(2);
		}
	}

	/** SIGTERM (what a pod being stopped gets), then waits for the exit code. */
	int terminate() throws InterruptedException {
		process.destroy(); // SIGTERM on Unix
		if (!process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
			fail("the child did not stop within 90 s of SIGTERM");
		}
		return process.exitValue();
	}

	boolean isAlive() {
		return process.isAlive();
	}

	/** SIGKILL now, without a condition. */
	void kill() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor();
	}

	/** Waits for the child to end by itself and returns its exit code. */
	int await(long seconds) throws InterruptedException, IOException {
		if (!process.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
			fail("the child did not end within " + seconds + " s:\n" + output());
		}
		return process.exitValue();
	}

	int exitValue() {
		return process.exitValue();
	}

	public String output() throws IOException {
		return Files.readString(output);
	}

	/**
	 * Waits until PostgreSQL has noticed the dead client: its sessions (and with them the
	 * warehouse lock) are gone, so the restart is not turned away as a second run.
	 */
	static void awaitNoOtherSessions(String databaseUrl) throws Exception {
		TestWarehouse.awaitNoOtherSessions(databaseUrl);
	}

	/** A request as "path?sorted query", to compare what two runs asked for. */
	static String key(RecordedRequest request) {
		Map<String, List<String>> sorted = new TreeMap<>(request.query());
		return request.path() + "?" + sorted.entrySet()
			.stream()
			.map(e -> e.getKey() + "=" + String.join(",", e.getValue()))
			.collect(Collectors.joining("&"));
	}

	/** One connection for polling the child's database while it runs. */
	static final class Probe implements AutoCloseable {

		private final Connection connection;

		Probe(String databaseUrl) throws SQLException {
			this.connection = TestWarehouse.connect(databaseUrl);
		}

		/** A single number, or -1 while the table does not exist yet (the child is still migrating). */
		long count(String sql) {
			try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
				rows.next();
				return rows.getLong(1);
			}
			catch (SQLException ex) {
				if ("42P01".equals(ex.getSQLState()) || "3F000".equals(ex.getSQLState())) {
					return -1;
				}
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public void close() throws SQLException {
			connection.close();
		}
	}
}

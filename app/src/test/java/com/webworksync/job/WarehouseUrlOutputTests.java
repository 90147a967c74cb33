package com.webworksync.job;

import static com.webworksync.job.RunChecks.assertNoStackTrace;
import static com.webworksync.job.RunChecks.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.webworksync.FreePort;
import com.webworksync.SyncHarness;
import com.webworksync.TestWarehouse;

/**
 * WAREHOUSE_URL written as {@code postgresql://user:password@host:port/db}: its password is used, and no message
 * that can show the URL shows the password (a malformed URL, an unreachable database, a login that conflicts with
 * WAREHOUSE_PASSWORD, and sync, plan, status and demo each), nor do the logs.
 */
@ExtendWith(OutputCaptureExtension.class)
class WarehouseUrlOutputTests {

	private static final String PASSWORD = "S3cr3t-pw-9f8e";
	private static final String ROLE = "url_login_user";
	private static final List<String> COMMANDS = List.of("sync", "plan", "status", "demo");

	private SyncHarness harness;

	/** A harness whose warehouse is given only by {@code url}: no WAREHOUSE_USERNAME, no WAREHOUSE_PASSWORD. */
	private SyncHarness start(String url) {
		harness = SyncHarness.start(RunChecks.small()).with("sync.lookback-days", 3).with("warehouse.url", url);
		harness.properties().remove("warehouse.username");
		harness.properties().remove("warehouse.password");
		return harness;
	}

	@AfterEach
	void close() {
		if (harness != null) {
			harness.close();
		}
	}

	@Test
	void thePasswordInTheUrlIsUsedAndNeverShown(CapturedOutput output) throws Exception {
		TestWarehouse.loginRole(ROLE, PASSWORD);
		String jdbc = TestWarehouse.newDatabase();
		start(jdbc.replace("jdbc:postgresql://", "postgresql://" + ROLE + ":" + PASSWORD + "@"));

		assertThat(harness.main("sync")).isEqualTo(ExitCodes.OK);
		assertThat(harness.main("status")).isEqualTo(ExitCodes.OK);
		assertThat(harness.main("plan")).isEqualTo(ExitCodes.OK);

		assertThat(count(jdbc, "select count(*) from sync.runs where exit_code = 0")).isEqualTo(1);
		assertThat(count(jdbc, "select count(*) from webwork.members")).isPositive();
		assertNoPassword(output);
	}

	@Test
	void aMalformedUrlExits2WithTheUrlMasked(CapturedOutput output) {
		start("postgresql://webwork_sync:" + PASSWORD + "@127.0.0.1:55x32/scratch");

		for (String command : COMMANDS) {
			assertThat(harness.main(command)).as(command).isEqualTo(ExitCodes.CONFIGURATION);
		}

		assertThat(errorLines(output)).hasSize(COMMANDS.size()).allSatisfy(line -> assertThat(line)
			.contains("WAREHOUSE_URL")
			.contains("postgresql://webwork_sync:***@127.0.0.1:55x32/scratch"));
		assertThat(harness.sandbox().requests().count()).as("API requests").isZero();
		assertNoPassword(output);
	}

	@Test
	void anUnreachableDatabaseExits1NamingHostPortAndTheUrlMasked(CapturedOutput output) throws IOException {
		try (Socket refusing = FreePort.refusing()) {
			int closedPort = refusing.getLocalPort();
			String url = "postgresql://webwork_sync:" + PASSWORD + "@127.0.0.1:" + closedPort + "/scratch?sslmode=disable";
			start(url);

			for (String command : COMMANDS) {
				assertThat(harness.main(command)).as(command).isEqualTo(ExitCodes.FAILED);
			}

			assertThat(errorLines(output)).hasSize(COMMANDS.size()).allSatisfy(line -> assertThat(line)
				.contains("cannot reach PostgreSQL")
				.contains("127.0.0.1:" + closedPort)
				.contains("WAREHOUSE_URL=postgresql://webwork_sync:***@127.0.0.1:" + closedPort + "/scratch?sslmode=disable"));
		}
		assertNoStackTrace(output);
		assertNoPassword(output);
	}

	@Test
	void aPasswordInTheUrlAndADifferentOneInWarehousePasswordExits2(CapturedOutput output) {
		start("postgresql://webwork_sync:" + PASSWORD + "@127.0.0.1:5432/scratch").with("warehouse.password", "Oth3r-pw-41ab");

		for (String command : COMMANDS) {
			assertThat(harness.main(command)).as(command).isEqualTo(ExitCodes.CONFIGURATION);
		}

		assertThat(errorLines(output)).hasSize(COMMANDS.size())
			.allSatisfy(line -> assertThat(line).contains("WAREHOUSE_URL").contains("WAREHOUSE_PASSWORD"));
		assertThat(output.getAll()).doesNotContain("Oth3r-pw-41ab");
		harness.properties().remove("warehouse.password");
		harness.with("warehouse.username", "another_user");
		assertThat(harness.main("sync")).isEqualTo(ExitCodes.CONFIGURATION);
		assertThat(errorLines(output)).last().asString().contains("WAREHOUSE_URL").contains("WAREHOUSE_USERNAME")
			.doesNotContain("another_user").doesNotContain("webwork_sync");
		assertThat(harness.sandbox().requests().count()).as("API requests").isZero();
		assertNoPassword(output);
	}

	/**
	 * A server that takes every connection and hangs up at once, so each attempt to connect is counted: a command
	 * that fails fast tries once or twice, where one that waited out the pool's 15 s timeout would try again and
	 * again while it waits, once per step and listener. Counts, not a stopwatch, so the machine's load cannot decide.
	 */
	@Test
	void aDatabaseThatHangsUpIsTriedAFewTimesPerCommandNotUntilATimeout(CapturedOutput output) throws IOException {
		try (HangingUp server = new HangingUp()) {
			start("postgresql://webwork_sync:" + PASSWORD + "@127.0.0.1:" + server.port() + "/scratch?sslmode=disable");
			for (String command : COMMANDS) {
				int before = server.connections();
				assertThat(harness.main(command)).as(command).isEqualTo(ExitCodes.FAILED);
				// the pool tries once when first asked for a connection and fails at once (a second try would come
				// a second later): sync and demo ask once, plan and status twice; a pool waiting out its 15 s timeout
				// would try again and again
				assertThat(server.connections() - before).as(command + ": attempts to connect").isBetween(1, 3);
			}
			assertThat(errorLines(output)).hasSize(COMMANDS.size()).allSatisfy(line -> assertThat(line)
				.contains("cannot reach PostgreSQL")
				.contains("WAREHOUSE_URL=postgresql://webwork_sync:***@127.0.0.1:" + server.port() + "/scratch?sslmode=disable"));
		}
		assertNoStackTrace(output);
		assertNoPassword(output);
	}

	/** Accepts connections on a loopback port and closes each at once, counting them. */
	private static final class HangingUp implements AutoCloseable {

		private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		private final AtomicInteger connections = new AtomicInteger();

		HangingUp() throws IOException {
			Thread acceptor = new Thread(() -> {
				while (!socket.isClosed()) {
					try (Socket accepted = socket.accept()) {
						connections.incrementAndGet();
					}
					catch (IOException closed) {
						return;
					}
				}
			}, "hanging-up");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		int port() {
			return socket.getLocalPort();
		}

		int connections() {
			return connections.get();
		}

		@Override
		public void close() throws IOException {
			socket.close();
		}
	}

	private static List<String> errorLines(CapturedOutput output) {
		List<String> lines = output.getErr().lines().filter(l -> !l.isBlank()).toList();
		assertThat(lines).allSatisfy(line -> assertThat(line).startsWith("webwork-sync: "));
		return lines;
	}

	private static void assertNoPassword(CapturedOutput output) {
		assertThat(output.getOut()).as("stdout and the logs").doesNotContain(PASSWORD);
		assertThat(output.getErr()).as("stderr").doesNotContain(PASSWORD);
		assertThat(output.getAll()).doesNotContain(PASSWORD);
	}
}

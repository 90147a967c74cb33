package com.webworksync.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.webworksync.job.ExitCodes;
import com.webworksync.SyncHarness;
import com.webworksync.TestWarehouse;
import com.webworksync.WebworkSyncApplication;
import com.webworksync.sandbox.OAuthServer;

/**
 * OAuth across processes (child JVMs on the same warehouse): two that refresh at once keep the
 * chain, and a process killed right after the exchange leaves the rotated token stored.
 */
class OAuthProcessTests {

	private static final long PATIENCE_NANOS = 180_000_000_000L;

	@Test
	void twoProcessesRefreshingAtOnceBothSucceedAndTheChainContinues(@TempDir Path dir) throws Exception {
		try (SyncHarness harness = OAuthHarness.start("")) {
			OAuthHarness.configure(harness, harness.sandbox().oauth().authorize());
			assertThat(harness.main("sync")).isEqualTo(ExitCodes.OK);
			OAuthHarness.expireAccessToken(harness); // both must refresh
			String stored = OAuthHarness.stored(harness).refreshToken();
			harness.sandbox().oauth().delay(Duration.ofMillis(1500)); // the first exchange is still open when the second asks

			Path barrier = dir.resolve("go");
			List<Process> children = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				children.add(child(harness, dir.resolve("out-" + i), RefreshOnce.class.getName(), barrier.toString()));
			}
			for (int i = 0; i < 2; i++) {
				awaitOutput(children.get(i), dir.resolve("out-" + i), "ready");
			}
			Files.writeString(barrier, "go");
			for (int i = 0; i < 2; i++) {
				assertThat(children.get(i).waitFor(180, TimeUnit.SECONDS)).isTrue();
				assertThat(children.get(i).exitValue()).as(Files.readString(dir.resolve("out-" + i))).isEqualTo(0);
				assertThat(Files.readString(dir.resolve("out-" + i))).contains("refreshed: 1 workspace(s)");
			}

			assertThat(harness.sandbox().oauth().rejected()).as("no refresh token was spent twice").isZero();
			assertThat(harness.sandbox().oauth().exchanges()).as("the second process used the first one's token").isEqualTo(2);
			assertThat(harness.sandbox().oauth().spent(stored)).isTrue();
			harness.sandbox().oauth().delay(Duration.ZERO);
			OAuthHarness.expireAccessToken(harness);
			assertThat(harness.main("sync")).as("the chain continues").isEqualTo(ExitCodes.OK);
			assertThat(harness.sandbox().oauth().validRefreshTokens()).containsExactly(OAuthHarness.stored(harness).refreshToken());
		}
	}

	@Test
	void aKillRightAfterTheExchangeLosesNoToken(@TempDir Path dir) throws Exception {
		try (SyncHarness harness = OAuthHarness.start("")) {
			String first = harness.sandbox().oauth().authorize();
			OAuthHarness.configure(harness, first);
			Process sync = child(harness, dir.resolve("out"), WebworkSyncApplication.class.getName(), "sync");
			long deadline = System.nanoTime() + PATIENCE_NANOS;
			// the first API request after the exchange: the token it carries was committed before it was sent
			while (harness.sandbox().oauth().exchanges() == 0 || harness.sandbox().requests().all().isEmpty()) {
				if (!sync.isAlive() || System.nanoTime() > deadline) {
					sync.destroyForcibly().waitFor();
					fail("the child did not reach its kill point:\n" + Files.readString(dir.resolve("out")));
				}
				Thread.sleep(2);
			}
			sync.destroyForcibly();
			sync.waitFor();
			assertThat(sync.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
			assertThat(harness.sandbox().oauth().spent(first)).isTrue();
			StoredCredential stored = OAuthHarness.stored(harness);
			assertThat(stored).as("the rotated refresh token was stored before the kill").isNotNull();
			assertThat(harness.sandbox().oauth().validRefreshTokens()).containsExactly(stored.refreshToken());
			TestWarehouse.awaitNoOtherSessions(harness.databaseUrl());

			OAuthHarness.expireAccessToken(harness); // the rerun must exchange the stored token
			assertThat(harness.main("sync")).as("the rerun works").isEqualTo(ExitCodes.OK);
			assertThat(harness.sandbox().oauth().spent(stored.refreshToken())).isTrue();
			assertThat(harness.sandbox().oauth().rejected()).isZero();
			OAuthHarness.assertNoSecret(Files.readString(dir.resolve("out")), harness, List.of(stored.refreshToken()));
		}
	}

	/** A child JVM with the harness's OAuth configuration on its command line. */
	private static Process child(SyncHarness harness, Path output, String mainClass, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
				mainClass));
		command.addAll(List.of(args));
		for (String key : List.of("webwork.api.url", "warehouse.url", "warehouse.username", "warehouse.password",
				"webwork.oauth.client-id", "webwork.oauth.refresh-token", "webwork.oauth.token-url", "sync.lookback-days")) {
			command.add("--" + key + "=" + harness.properties().get(key));
		}
		command.add("--webwork.requests-per-minute=6000");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
		// the secrets through the environment, as a deployment would pass them
		builder.environment().put("WEBWORK_OAUTH_CLIENT_SECRET", OAuthServer.CLIENT_SECRET);
		builder.environment().put("WEBWORK_CREDENTIALS_KEY", OAuthHarness.KEY);
		builder.environment().remove("WEBWORK_API_TOKEN");
		return builder.start();
	}

	private static void awaitOutput(Process process, Path output, String line) throws Exception {
		long deadline = System.nanoTime() + PATIENCE_NANOS;
		while (!Files.readString(output).contains(line)) {
			if (!process.isAlive() || System.nanoTime() > deadline) {
				process.destroyForcibly().waitFor();
				fail("the child did not get ready:\n" + Files.readString(output));
			}
			Thread.sleep(5);
		}
	}

}

package com.webworksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.webworksync.FreePort;
import com.webworksync.SyncHarness;

/**
 * SIGKILL, as real as it gets (child JVMs): the receiver killed while the sandbox delivers, then started again on its
 * port, records every delivery the sender retries once; a hint run killed in the middle of its partitions is completed
 * by the next {@code sync --hints}, which consumes the hint exactly once.
 */
@Tag("scenario")
class HintKillTests {

	private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

	@TempDir
	Path dir;

	private SyncHarness harness;

	private ChildSync receiver;

	private int port;

	private long ws;

	@BeforeEach
	void start() throws Exception {
		harness = SyncHarness.start(SyncHarness.fastOptions());
		ws = harness.sandbox().data().workspaceIds().get(0);
		assertThat(harness.main("status")).isZero();
		port = FreePort.pick();
		receiver = startReceiver("receiver-1.log");
		harness.with("webwork.webhook-url", "http://127.0.0.1:" + port + "/webhooks").with("webwork.credentials-key", KEY);
		assertThat(harness.main("sync")).isZero();
	}

	@AfterEach
	void stop() throws Exception {
		if (receiver != null && receiver.isAlive()) {
			receiver.kill();
		}
		harness.close();
	}

	@Test
	void deliveriesTheSenderRetriesAfterTheReceiverIsKilledAreRecordedOnce() throws Exception {
		receiver.kill(); // SIGKILL
		harness.sandbox().deliveries().retries(60, Duration.ofMillis(500)).duplicateNext(1);
		List<Long> members = List.of(member(1), member(2), member(3));
		for (long member : members) {
			harness.sandbox().data().stopTracker(ws, member, 20, null, null);
		}
		receiver = startReceiver("receiver-2.log");
		assertThat(harness.sandbox().deliveries().awaitSent(Duration.ofSeconds(90))).isTrue();
		assertThat(harness.sandbox().deliveries().attempts()).as("refused while it was down, then retried")
			.anyMatch(a -> a.status() == 0)
			.anyMatch(a -> a.status() == 200);
		assertThat(sql("select count(*) || ' ' || count(distinct event_id) || ' ' || count(distinct member_id) from sync.hints"))
			.containsExactly("3 3 3");
	}

	@Test
	void aHintRunKilledMidwayIsCompletedByTheNextAndTheHintConsumedOnce() throws Exception {
		long member = member(2);
		String entry = harness.sandbox().data().stopTracker(ws, member, 30, null, null).get("id").asString();
		assertThat(harness.sandbox().deliveries().awaitSent(Duration.ofSeconds(20))).isTrue();
		assertThat(sql("select count(*) from sync.hints")).containsExactly("1");
		receiver.kill(); // its sessions and the test's own would look like the killed run's to the check below
		harness.restartContext();

		harness.sandbox().requests().clear();
		ChildSync hintRun = ChildSync.command(harness, dir.resolve("hints.log"), "-Xmx384m", "sync", "--hints");
		// killed once the run asks for the member-day: its partitions are in flight, the hint not consumed
		hintRun.killWhen(() -> harness.sandbox().requests().count("/time-entries") > 0);
		ChildSync.awaitNoOtherSessions(harness.databaseUrl());
		assertThat(sql("select count(*) from sync.hints where consumed_at is null")).containsExactly("1");
		harness.restartContext();

		assertThat(harness.main("sync", "--hints")).isZero();
		assertThat(sql("select count(*) from webwork.time_entries where id = '" + entry + "' and _deleted_at is null"))
			.containsExactly("1");
		List<String> consumed = sql("select consumed_run from sync.hints where consumed_at is not null");
		assertThat(consumed).hasSize(1);
		assertThat(sql("select count(*) from sync.hint_partitions where read_run is null")).containsExactly("0");

		assertThat(harness.main("sync", "--hints")).isZero();
		assertThat(sql("select consumed_run from sync.hints")).as("consumed once, by one run").isEqualTo(consumed);
	}

	private ChildSync startReceiver(String log) throws Exception {
		ChildSync child = ChildSync.command(harness, dir.resolve(log), "-Xmx256m", "receive",
				"--webwork.receiver-port=" + port, "--webwork.credentials-key=" + KEY);
		HttpClient http = HttpClient.newHttpClient();
		child.awaitPoint(() -> {
			try {
				return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/livez")).build(),
						HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
			}
			catch (Exception notYet) {
				return false;
			}
		});
		return child;
	}

	private long member(int index) {
		return harness.sandbox().data().list("members", ws).get(index).get("id").asLong();
	}

	private List<String> sql(String query) {
		return harness.dsl().fetch(query).map(r -> String.valueOf(r.get(0)));
	}
}

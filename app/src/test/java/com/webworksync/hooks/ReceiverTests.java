package com.webworksync.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import com.webworksync.TestWarehouse;
import com.webworksync.auth.CredentialsKey;
import com.webworksync.auth.WebhookSecrets;
import com.webworksync.signing.Signature;

/**
 * The receiver over HTTP against a real PostgreSQL: a valid delivery becomes one hint, committed; every forged,
 * misaddressed, replayed, oversized or malformed one is refused with no hint written; a flood leaves it up and still
 * recording the valid deliveries mixed into it.
 */
class ReceiverTests {

	private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

	private static final long WS = 5001;

	private static final long OTHER_WS = 5002;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String secret = Signature.newSecret(new SplittableRandom(1));

	private final String otherSecret = Signature.newSecret(new SplittableRandom(2));

	private String url;

	private PGSimpleDataSource dataSource;

	private Receiver receiver;

	private int serial;

	@BeforeEach
	void start() throws SQLException {
		url = TestWarehouse.newMigratedDatabase();
		dataSource = new PGSimpleDataSource();
		dataSource.setURL(url);
		dataSource.setUser(TestWarehouse.username());
		dataSource.setPassword(TestWarehouse.password());
		CredentialsKey key = CredentialsKey.parse(Base64.getEncoder().encodeToString(new byte[32]));
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		WebhookSecrets secrets = new WebhookSecrets(dataSource, key, clock);
		secrets.save(new WebhookSecrets.Subscription("default", WS, "hook1", "https://x/webhooks/default",
				List.of("tracker.stopped"), secret));
		secrets.save(new WebhookSecrets.Subscription("other", OTHER_WS, "hook2", "https://x/webhooks/other",
				List.of("tracker.stopped"), otherSecret));
		sql("insert into webwork.workspaces (workspace_id, id, owner_id, raw, _partition, _synced_at, _run_id, connection)"
				+ " values (5001, 5001, 7, '{}', 'test', now(), 0, 'default')");
		sql("insert into webwork.members (workspace_id, id, timezone, raw, _partition, _synced_at, _run_id)"
				+ " values (5001, 7, 'America/New_York', '{}', 'test', now(), 0)");
		receiver = Receiver.create(Set.of("default", "other"), dataSource, key, clock, new WebhookSettings(null, 0, null))
			.start();
	}

	@AfterEach
	void stop() {
		receiver.close();
	}

	@Test
	void aValidDeliveryIsOneHintOnTheOwnersDayAndItsRetryIsNotASecond() throws Exception {
		// 03:00 UTC is still the 9th in New York, the owner's zone
		String body = tracker(WS, 42, "2026-03-10T03:00:00Z");
		assertThat(post("default", "msg_1", NOW.getEpochSecond(), body, secret)).isEqualTo(200);
		assertThat(rows("select workspace_id, kind, member_id, day, event_id, received_at, consumed_at from sync.hints"))
			.containsExactly("5001|tracker.stopped|42|2026-03-09|msg_1|2026-03-10 12:00:00+00|null");

		assertThat(post("default", "msg_1", NOW.getEpochSecond() + 30, body, secret)).as("the sender's retry").isEqualTo(200);
		assertThat(hints()).isEqualTo(1);
		assertThat(receiver.answers()).containsEntry("recorded", 1L).containsEntry("duplicate", 1L);
	}

	@Test
	void aForgedSignatureIsRefused() throws Exception {
		String body = tracker(WS, 42, null);
		assertThat(post("default", "msg_f", NOW.getEpochSecond(), body, Signature.newSecret(new SplittableRandom(9))))
			.isEqualTo(401);
		HttpRequest unsigned = HttpRequest.newBuilder(URI.create(base() + "/webhooks/default"))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		assertThat(http.send(unsigned, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
		assertThat(hints()).isZero();
	}

	@Test
	void aValidSignatureWithAnotherConnectionsSecretIsRefused() throws Exception {
		assertThat(post("default", "msg_o", NOW.getEpochSecond(), tracker(WS, 42, null), otherSecret)).isEqualTo(401);
		assertThat(post("other", "msg_o2", NOW.getEpochSecond(), tracker(OTHER_WS, 42, null), otherSecret))
			.as("the same delivery at its own connection").isEqualTo(200);
		assertThat(rows("select connection, workspace_id from sync.hints")).containsExactly("other|5002");
	}

	@Test
	void aReplayWithAnOldTimestampIsRefused() throws Exception {
		String body = tracker(WS, 42, null);
		assertThat(post("default", "msg_r", NOW.minusSeconds(301).getEpochSecond(), body, secret)).isEqualTo(401);
		assertThat(post("default", "msg_r", NOW.plusSeconds(301).getEpochSecond(), body, secret)).isEqualTo(401);
		assertThat(hints()).isZero();
		assertThat(post("default", "msg_r", NOW.minusSeconds(299).getEpochSecond(), body, secret)).isEqualTo(200);
	}

	@Test
	void theHexAlternativeVerifiesTheBodyInItsNamedHeaderAndNothingElse() throws Exception {
		receiver.close();
		receiver = Receiver.create(Set.of("default", "other"), dataSource,
				CredentialsKey.parse(Base64.getEncoder().encodeToString(new byte[32])), Clock.fixed(NOW, ZoneOffset.UTC),
				new WebhookSettings(null, 0, "X-Webwork-Signature")).start();
		String body = tracker(WS, 42, "2026-03-10T15:00:00Z");
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		assertThat(postHex(body, Signature.hex(Signature.key(secret), bytes))).isEqualTo(200);
		assertThat(rows("select member_id, day from sync.hints")).containsExactly("42|2026-03-10");
		assertThat(postHex(body, Signature.hex(Signature.key(secret), bytes))).as("the same body again: a duplicate")
			.isEqualTo(200);
		assertThat(postHex(body, Signature.hex(Signature.key(otherSecret), bytes))).as("another connection's key")
			.isEqualTo(401);
		assertThat(postHex(tracker(WS, 43, null), Signature.hex(Signature.key(secret), bytes)))
			.as("a body the signature was not made over").isEqualTo(401);
		assertThat(post("default", "msg_s", NOW.getEpochSecond(), tracker(WS, 44, null), secret))
			.as("a Standard Webhooks signature where the hex header is expected").isEqualTo(401);
		assertThat(hints()).isEqualTo(1);
	}

	private int postHex(String body, String hex) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/webhooks/default"))
			.header("X-Webwork-Signature", hex)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	@Test
	void aTenMegabyteBodyIsRefusedWithoutReadingIt() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", receiver.port())) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST /webhooks/default HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
					+ "Content-Length: 10485760\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(new byte[4096]);
			out.flush();
			String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
			assertThat(status).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
		}
		// chunked, no length announced: read up to the bound, then refused
		HttpRequest chunked = HttpRequest.newBuilder(URI.create(base() + "/webhooks/default"))
			.POST(HttpRequest.BodyPublishers.fromPublisher(
					HttpRequest.BodyPublishers.ofByteArray(new byte[10 * 1024 * 1024])))
			.build();
		assertThat(statusOrReset(chunked)).isIn(413, -1);
		assertThat(receiver.answers().get("too_large")).isEqualTo(2L);
		assertThat(hints()).isZero();
	}

	@Test
	void malformedJsonUnderAValidSignatureIsRefused() throws Exception {
		for (String body : List.of("{\"type\": \"tracker.stopped\", \"data\": {", "[]", "{\"type\": \"time.travel\", \"data\": {}}",
				"{\"type\": \"tracker.stopped\", \"data\": {\"user_id\": \"Robert'); drop table sync.hints;--\"}}",
				tracker(OTHER_WS, 42, null))) {
			assertThat(post("default", "msg_m" + serial++, NOW.getEpochSecond(), body, secret)).as(body).isEqualTo(400);
		}
		assertThat(hints()).isZero();
	}

	@Test
	void onlyPostToAConfiguredConnectionIsADelivery() throws Exception {
		assertThat(post("nobody", "msg_n", NOW.getEpochSecond(), tracker(WS, 1, null), secret)).isEqualTo(404);
		assertThat(get("/webhooks/default")).isEqualTo(405);
		assertThat(get("/elsewhere")).isEqualTo(404);
		assertThat(get("/livez")).isEqualTo(200);
		assertThat(get("/readyz")).isEqualTo(200);
		assertThat(hints()).isZero();
	}

	@Test
	void aFloodLeavesItUpAndTheValidDeliveriesInItRecorded() throws Exception {
		long heapBefore = usedHeapAfterGc();
		ExecutorService clients = Executors.newFixedThreadPool(16);
		String forgery = Signature.newSecret(new SplittableRandom(3));
		List<Future<Integer>> valid = new ArrayList<>();
		List<Future<Integer>> refused = new ArrayList<>();
		try {
			for (int i = 0; i < 2000; i++) {
				int n = i;
				if (n % 100 == 0) {
					valid.add(clients.submit(() -> post("default", "msg_v" + n, NOW.getEpochSecond(), tracker(WS, n, null), secret)));
				}
				else if (n % 10 == 0) {
					refused.add(clients.submit(() -> statusOrReset(HttpRequest.newBuilder(URI.create(base() + "/webhooks/default"))
						.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[Receiver.MAX_BODY + 1]))
						.build())));
				}
				else {
					refused.add(clients.submit(() -> post("default", "msg_x" + n, NOW.getEpochSecond(), tracker(WS, n, null), forgery)));
				}
			}
			for (Future<Integer> f : valid) {
				assertThat(f.get()).isEqualTo(200);
			}
			for (Future<Integer> f : refused) {
				assertThat(f.get()).isIn(401, 413, -1);
			}
		}
		finally {
			clients.shutdownNow();
		}
		assertThat(rows("select count(*), count(distinct event_id), min(member_id), max(member_id) from sync.hints"))
			.containsExactly("20|20|0|1900");
		assertThat(receiver.answers().get("unauthorized")).isEqualTo(1800L);
		// nothing of the flood is kept: its bodies alone were 12 MB of oversized and 1,800 small ones
		assertThat(usedHeapAfterGc() - heapBefore).as("heap kept after the flood").isLessThan(8L * 1024 * 1024);
		assertThat(get("/livez")).isEqualTo(200);
		assertThat(post("default", "msg_after", NOW.getEpochSecond(), tracker(WS, 1, null), secret)).isEqualTo(200);
	}

	private static long usedHeapAfterGc() throws InterruptedException {
		Runtime runtime = Runtime.getRuntime();
		System.gc();
		Thread.sleep(100);
		return runtime.totalMemory() - runtime.freeMemory();
	}

	private static String tracker(long workspace, long member, String startedAt) {
		return "{\"type\": \"tracker.stopped\", \"timestamp\": \"" + NOW + "\", \"data\": {\"workspace_id\": " + workspace
				+ ", \"user_id\": " + member + (startedAt == null ? "" : ", \"started_at\": \"" + startedAt + "\"") + "}}";
	}

	private int post(String connection, String id, long timestamp, String body, String signingSecret) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/webhooks/" + connection))
			.header("webhook-id", id)
			.header("webhook-timestamp", Long.toString(timestamp))
			.header("webhook-signature", Signature.sign(Signature.key(signingSecret), id, timestamp, body))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	/** The status, or -1 when the receiver closed the connection before the client had sent everything. */
	private int statusOrReset(HttpRequest request) throws InterruptedException {
		try {
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (java.io.IOException ex) {
			return -1;
		}
	}

	private int get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	private String base() {
		return "http://127.0.0.1:" + receiver.port();
	}

	private long hints() throws SQLException {
		return Long.parseLong(rows("select count(*) from sync.hints").get(0));
	}

	private void sql(String statement) throws SQLException {
		try (Connection c = TestWarehouse.connect(url); Statement s = c.createStatement()) {
			s.execute(statement);
		}
	}

	private List<String> rows(String query) throws SQLException {
		List<String> out = new ArrayList<>();
		try (Connection c = TestWarehouse.connect(url); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
			int columns = r.getMetaData().getColumnCount();
			while (r.next()) {
				String[] cells = new String[columns];
				for (int i = 0; i < columns; i++) {
					cells[i] = String.valueOf(r.getString(i + 1));
				}
				out.add(String.join("|", Arrays.asList(cells)));
			}
		}
		return out;
	}
}

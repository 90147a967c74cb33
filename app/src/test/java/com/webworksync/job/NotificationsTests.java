package com.webworksync.job;

import static com.webworksync.job.RunChecks.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.webworksync.SyncHarness;
import com.webworksync.TestWarehouse;
import com.webworksync.notify.Event;
import com.webworksync.sandbox.Fault;
import com.webworksync.sandbox.Fault.Kind;
import com.webworksync.sandbox.Sandbox;

import tools.jackson.databind.JsonNode;

/**
 * Notifications end to end: sandbox syncs whose ends a local receiver hears about, each request checked against the
 * Standard Webhooks algorithm written out here. The first steps are one scenario on one warehouse, in order (a
 * failure, its recovery, a 401, a stop at the deadline, a stale stream); the others each have a warehouse of their own.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationsTests {

	private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(randomKey());

	@TempDir
	static Path logs;

	private static Sandbox sandbox;
	private static SyncHarness harness;
	private static WebhookReceiver receiver;

	@BeforeAll
	static void start() throws Exception {
		sandbox = Sandbox.start(RunChecks.small());
		receiver = WebhookReceiver.started();
		harness = notifying(SyncHarness.on(sandbox), receiver);
	}

	@AfterAll
	static void close() {
		harness.close();
		receiver.close();
		sandbox.close();
	}

	private static SyncHarness notifying(SyncHarness harness, WebhookReceiver receiver) {
		return harness.with("sync.lookback-days", 3)
			.with("webwork.max-attempts", 2)
			.with("notify.urls", receiver.url())
			.with("notify.secret", SECRET);
	}

	@Test
	@Order(1)
	void anApiOutageIsATransientFailure(CapturedOutput output) {
		sandbox.faults().inject(Fault.of(Kind.UNAVAILABLE).on("/members").times(2));

		assertThat(harness.sync("sync")).isEqualTo(ExitCodes.FAILED);

		JsonNode data = single(Event.RUN_FAILED).path("data");
		assertThat(data.path("error_class").asString()).isEqualTo("transient");
		assertThat(data.path("exit_code").asInt()).isEqualTo(1);
		assertThat(data.path("consecutive_failures").asInt()).isEqualTo(1);
		assertThat(data.path("message").asString()).contains("GET /members").doesNotContain("\n");
		assertThat(output.getAll()).doesNotContain(receiver.secretPath);
	}

	@Test
	@Order(2)
	void theNextSuccessIsARecovery() {
		sandbox.faults().clear();

		assertThat(harness.sync("sync")).isEqualTo(ExitCodes.OK);

		assertThat(single(Event.RUN_RECOVERED).path("data").path("failed_runs").asInt()).isEqualTo(1);
	}

	@Test
	@Order(3)
	void aRejectedTokenIsAnAuthorizationFailure(CapturedOutput output) {
		sandbox.faults().inject(Fault.of(Kind.UNAUTHORIZED).on("/workspaces"));

		assertThat(harness.sync("sync")).isEqualTo(ExitCodes.CONFIGURATION);

		JsonNode data = single(Event.RUN_FAILED).path("data");
		assertThat(data.path("error_class").asString()).isEqualTo("authorization");
		assertThat(data.path("exit_code").asInt()).isEqualTo(2);
		assertThat(data.path("message").asString()).contains("WEBWORK_API_TOKEN");
		sandbox.faults().clear();
		assertThat(harness.sync("sync")).isEqualTo(ExitCodes.OK);
		assertThat(single(Event.RUN_RECOVERED).path("data").path("failed_runs").asInt()).isEqualTo(1);
		assertThat(output.getAll()).doesNotContain(receiver.secretPath);
	}

	@Test
	@Order(4)
	void aStopAtTheDeadlineIsPartial() {
		long ws = sandbox.data().workspaceIds().get(0);
		int failures = receiver.of(Event.RUN_FAILED).size();
		harness.restartContext();
		// 10 requests a second over ten days of history: far longer than the deadline
		harness.with("sync.deadline", "1500ms").with("webwork.requests-per-minute", 600);
		try {
			assertThat(harness.sync("sync", "--from=" + sandbox.data().today(ws).minusDays(9))).isEqualTo(ExitCodes.DEADLINE);
		}
		finally {
			harness.restartContext();
			harness.with("sync.deadline", "").with("webwork.requests-per-minute", 60_000);
		}

		JsonNode data = single(Event.RUN_PARTIAL).path("data");
		assertThat(data.path("exit_code").asInt()).isEqualTo(3);
		assertThat(data.path("message").asString()).contains("stopped early");
		assertThat(receiver.of(Event.RUN_FAILED)).as("a stop is not a failure").hasSize(failures);
	}

	@Test
	@Order(5)
	void aStreamPastItsFreshnessGoalIsStale() {
		// three hours on, the time entries cannot be read: they are past their 2 h goal, the members within their 26 h
		harness.restartContext();
		harness.with("sync.now", Instant.now().plus(Duration.ofHours(3)).toString());
		sandbox.faults().inject(Fault.of(Kind.UNAVAILABLE).on("/time-entries").times(1000));
		try {
			assertThat(harness.sync("sync")).isEqualTo(ExitCodes.FAILED);
		}
		finally {
			sandbox.faults().clear();
		}

		List<JsonNode> stale = new ArrayList<>();
		single(Event.STREAM_STALE).path("data").path("streams").forEach(stale::add);
		assertThat(stale).anySatisfy(s -> {
			assertThat(s.path("stream").asString()).isEqualTo("time_entries");
			assertThat(s.path("goal_hours").asInt()).isEqualTo(2);
			assertThat(s.path("hours_since_success").asDouble()).isGreaterThan(2);
		});
		assertThat(stale).noneSatisfy(s -> assertThat(s.path("stream").asString()).isEqualTo("members"));
		assertThat(single(Event.RUN_FAILED).path("data").path("error_class").asString()).isEqualTo("transient");
	}

	@Test
	@Order(6)
	void everyRequestWasSignedOnceDeliveredAndNothingKeptTheUrl() throws Exception {
		List<WebhookReceiver.Received> all = receiver.received();
		assertThat(all).extracting(WebhookReceiver.Received::type)
			.containsExactly(Event.RUN_FAILED, Event.RUN_RECOVERED, Event.RUN_FAILED, Event.RUN_RECOVERED, Event.RUN_PARTIAL,
					Event.RUN_FAILED, Event.STREAM_STALE);
		assertThat(all).allSatisfy(NotificationsTests::assertSigned);
		assertThat(all).extracting(WebhookReceiver.Received::id).doesNotHaveDuplicates();
		String db = harness.databaseUrl();
		assertThat(count(db, "select count(*) from sync.notifications where delivered_at is not null")).isEqualTo(all.size());
		assertThat(count(db, "select count(*) from sync.notifications where receiver_masked = 'http://127.0.0.1:"
				+ receiver.url().split(":")[2].split("/")[0] + "/***'")).isEqualTo(all.size());
		assertNotStored(db, receiver.secretPath);
	}

	@Test
	@Order(7)
	void aReceiverDownForAWholeRunChangesNoExitCodeAndGetsItAtTheNextRun(CapturedOutput output) throws Exception {
		try (WebhookReceiver down = WebhookReceiver.down();
				SyncHarness own = notifying(SyncHarness.onMigrated(sandbox), down).with("notify.timeout", "1s")) {
			sandbox.faults().inject(Fault.of(Kind.UNAVAILABLE).on("/members").times(2));
			assertThat(own.sync("sync")).as("the same code as without notifications").isEqualTo(ExitCodes.FAILED);
			sandbox.faults().clear();
			String db = own.databaseUrl();
			// refused at once, then retried after 250 ms and 500 ms: a 1 s wait would end past the 1 s bound
			assertThat(count(db, "select count(*) from sync.notifications where delivered_at is null and attempts between 1 and 3 "
					+ "and last_error like 'cannot reach the receiver%'")).isEqualTo(1);
			String id = own.dsl().fetchValue("select event_id from sync.notifications").toString();

			down.up();
			assertThat(own.sync("sync")).isEqualTo(ExitCodes.OK);

			assertThat(down.received()).extracting(WebhookReceiver.Received::type)
				.as("what the last run left goes first")
				.containsExactly(Event.RUN_FAILED, Event.RUN_RECOVERED);
			assertThat(down.received().get(0).id()).isEqualTo(id);
			assertThat(down.received()).allSatisfy(NotificationsTests::assertSigned);
			assertThat(count(db, "select count(*) from sync.notifications where delivered_at is null")).isZero();
			assertThat(output.getAll()).doesNotContain(down.secretPath);
		}
	}

	@Test
	@Order(8)
	void aReceiverThatNeverAnswersIsGivenUpAtTheBound() throws Exception {
		try (WebhookReceiver hanging = WebhookReceiver.started().hang();
				SyncHarness own = notifying(SyncHarness.onMigrated(sandbox), hanging).with("notify.timeout", "1s")) {
			sandbox.faults().inject(Fault.of(Kind.UNAVAILABLE).on("/members").times(2));
			assertThat(own.sync("sync")).isEqualTo(ExitCodes.FAILED);
			sandbox.faults().clear();

			// the one attempt had the whole bound and used it: no time was left for a second
			assertThat(hanging.received()).hasSize(1);
			assertThat(hanging.accepted()).isEmpty();
			assertThat(count(own.databaseUrl(), "select count(*) from sync.notifications where delivered_at is null "
					+ "and attempts = 1 and last_error like 'no answer within%'")).isEqualTo(1);
		}
	}

	@Test
	@Order(9)
	void killedBetweenCommitAndDeliveryTheNextRunDeliversItOnce() throws Exception {
		try (WebhookReceiver slow = WebhookReceiver.started().hang();
				SyncHarness own = notifying(SyncHarness.onMigrated(sandbox), slow).with("notify.timeout", "120s")) {
			sandbox.faults().inject(Fault.of(Kind.UNAVAILABLE).on("/members").times(2));
			ChildSync child = ChildSync.withProperties(own, logs.resolve("killed.log"));
			// the request is on its way: the outbox row is committed, its delivery not
			child.killWhen(() -> !slow.received().isEmpty());
			sandbox.faults().clear();
			ChildSync.awaitNoOtherSessions(own.databaseUrl());
			String db = own.databaseUrl();
			assertThat(count(db, "select count(*) from sync.runs where exit_code = 1")).isEqualTo(1);
			assertThat(count(db, "select count(*) from sync.notifications where delivered_at is null and attempts = 0")).isEqualTo(1);
			String id = slow.received().get(0).id();
			assertThat(child.output()).doesNotContain(slow.secretPath);

			slow.answer();
			assertThat(own.sync("sync")).isEqualTo(ExitCodes.OK);
			assertThat(own.sync("sync")).isEqualTo(ExitCodes.OK);

			assertThat(slow.accepted()).filteredOn(r -> r.id().equals(id)).as("delivered once, by the next run").hasSize(1);
			assertThat(slow.accepted()).extracting(WebhookReceiver.Received::type)
				.containsExactly(Event.RUN_FAILED, Event.RUN_RECOVERED);
			assertThat(slow.received()).allSatisfy(NotificationsTests::assertSigned);
			assertThat(count(db, "select count(*) from sync.notifications where delivered_at is null")).isZero();
		}
	}

	@Test
	@Order(10)
	void twelveFailingRunsSendThreeNotifications() throws Exception {
		try (WebhookReceiver quiet = WebhookReceiver.started();
				SyncHarness own = notifying(SyncHarness.onMigrated(sandbox), quiet)) {
			sandbox.faults().inject(Fault.of(Kind.UNAUTHORIZED).on("/workspaces").times(1000));
			try {
				for (int run = 1; run <= 12; run++) {
					assertThat(own.sync("sync")).as("run " + run).isEqualTo(ExitCodes.CONFIGURATION);
				}
			}
			finally {
				sandbox.faults().clear();
			}
			assertThat(count(own.databaseUrl(), "select count(*) from sync.runs where exit_code = 2")).isEqualTo(12);
			assertThat(quiet.received()).extracting(r -> r.json().path("data").path("consecutive_failures").asInt())
				.containsExactly(1, 3, 10);
			assertThat(quiet.received()).extracting(WebhookReceiver.Received::type).containsOnly(Event.RUN_FAILED);
		}
	}

	@Test
	@Order(11)
	void slackAndJsonReceiversGetTheirOwnFormAndDriftIsToldOnce(CapturedOutput output) throws Exception {
		try (WebhookReceiver slack = WebhookReceiver.started(); WebhookReceiver json = WebhookReceiver.started();
				SyncHarness own = SyncHarness.onMigrated(sandbox)
					.with("sync.lookback-days", 3)
					.with("notify.urls", "slack:" + slack.url() + " , json:" + json.url())
					// any run is longer than a millisecond
					.with("notify.slow-after", "1ms")) {
			sandbox.faults().inject(Fault.of(Kind.EXTRA_FIELD).on("/members").times(1000));
			try {
				assertThat(own.sync("sync")).isEqualTo(ExitCodes.OK);
				assertThat(own.sync("sync")).as("the same drift again").isEqualTo(ExitCodes.OK);
			}
			finally {
				sandbox.faults().clear();
			}

			assertThat(json.received()).extracting(WebhookReceiver.Received::type)
				.containsExactly(Event.RUN_SLOW, Event.SCHEMA_DRIFT, Event.RUN_SLOW);
			JsonNode drift = json.of(Event.SCHEMA_DRIFT).get(0).json().path("data");
			assertThat(drift.path("findings").get(0).path("field").asString()).isEqualTo("x_new_field");
			assertThat(drift.path("findings").get(0).path("kind").asString()).isEqualTo("added");
			assertThat(json.received()).allSatisfy(r -> {
				assertThat(r.headers()).containsKey("webhook-id").doesNotContainKey("webhook-signature");
				assertThat(r.answered()).isEqualTo(200);
			});
			// the same event, the same id, for both receivers
			assertThat(slack.received()).hasSize(3);
			assertThat(slack.received()).extracting(r -> r.json().path("text").asString())
				.satisfiesExactly(t -> assertThat(t).startsWith("webwork-sync run.slow: run "),
						t -> assertThat(t).startsWith("webwork-sync schema.drift: the API's schema changed: 1 new finding")
							.contains("x_new_field"),
						t -> assertThat(t).startsWith("webwork-sync run.slow: run "));
			assertThat(slack.received()).allSatisfy(r -> assertThat(r.headers()).doesNotContainKey("webhook-signature"));
			assertThat(count(own.databaseUrl(), "select count(distinct event_id) from sync.notifications")).isEqualTo(3);
			assertThat(count(own.databaseUrl(), "select count(*) from sync.notifications where receiver_masked like 'slack:http://127.0.0.1:%/***'"))
				.isEqualTo(3);
			assertThat(output.getAll()).doesNotContain(slack.secretPath).doesNotContain(json.secretPath);
			assertNotStored(own.databaseUrl(), slack.secretPath);
		}
	}

	@Test
	@Order(12)
	void aBareUrlWithoutTheSecretStopsBeforeTheRunWithoutQuotingIt(CapturedOutput output) throws Exception {
		try (WebhookReceiver unused = WebhookReceiver.started(); SyncHarness own = SyncHarness.on(sandbox)) {
			own.with("notify.urls", unused.url());
			long requests = sandbox.requests().count();

			assertThat(own.main("sync")).isEqualTo(ExitCodes.CONFIGURATION);

			assertThat(output.getErr()).contains("webwork-sync: NOTIFY_SECRET is required").doesNotContain(unused.secretPath);
			assertThat(output.getAll()).doesNotContain(unused.secretPath);
			assertThat(unused.received()).isEmpty();
			assertThat(sandbox.requests().count()).as("nothing was asked of the API").isEqualTo(requests);
		}
	}

	private static byte[] randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return key;
	}

	/** The latest request of this type: signed and answered. */
	private static JsonNode single(String type) {
		List<WebhookReceiver.Received> of = receiver.of(type);
		assertThat(of).as(type).isNotEmpty();
		WebhookReceiver.Received last = of.get(of.size() - 1);
		assertSigned(last);
		assertThat(last.answered()).isEqualTo(200);
		return last.json();
	}

	/** Standard Webhooks, as a receiver checks it: HMAC-SHA256 of id.timestamp.body with the decoded secret. */
	static void assertSigned(WebhookReceiver.Received request) {
		String id = request.headers().get("webhook-id");
		String timestamp = request.headers().get("webhook-timestamp");
		assertThat(id).startsWith("msg_");
		assertThat(timestamp).matches("\\d+");
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring("whsec_".length())), "HmacSHA256"));
			String expected = "v1," + Base64.getEncoder()
				.encodeToString(mac.doFinal((id + "." + timestamp + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
			assertThat(request.headers().get("webhook-signature")).isEqualTo(expected);
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
		JsonNode body = request.json();
		assertThat(body.path("type").asString()).matches("[a-z]+\\.[a-z]+");
		assertThat(Instant.parse(body.path("timestamp").asString())).isNotNull();
		assertThat(body.path("data").path("summary").asString()).isNotBlank();
	}

	/** No row of any table of the application's schemas holds {@code secret}. */
	private static void assertNotStored(String db, String secret) throws SQLException {
		List<String> tables = new ArrayList<>();
		try (Connection connection = TestWarehouse.connect(db); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select table_schema || '.' || table_name from information_schema.tables "
						+ "where table_schema in ('webwork', 'sync', 'batch') and table_type = 'BASE TABLE'")) {
			while (rows.next()) {
				tables.add(rows.getString(1));
			}
		}
		assertThat(tables).contains("sync.notifications", "sync.runs", "batch.batch_job_execution_params");
		try (Connection connection = TestWarehouse.connect(db)) {
			for (String table : tables) {
				try (PreparedStatement query = connection
					.prepareStatement("select count(*) from " + table + " t where t::text like '%' || ? || '%'")) {
					query.setString(1, secret);
					try (ResultSet rows = query.executeQuery()) {
						rows.next();
						assertThat(rows.getLong(1)).as(table + " rows holding the receiver's URL").isZero();
					}
				}
			}
		}
	}
}

package com.webworksync.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import com.webworksync.client.ApiException;
import com.webworksync.config.ConfigurationException;
import com.webworksync.signing.Signature;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The parts of the notifications on plain values: signing, escalation, masking, the delivery's bound, the messages. */
@Tag("plain")
class NotificationPartsTests {

	/** The Standard Webhooks specification's published test vector. */
	private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
	private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
	private static final long SPEC_TIMESTAMP = 1614265330;
	private static final String SPEC_BODY = "{\"test\": 2432232314}";
	private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

	private static final String SLACK = "https://hooks.slack.com/services/T0SECRET/B0SECRET/xoxSECRETpart";

	@Test
	void theSignatureIsTheSpecificationsTestVector() {
		byte[] key = Signature.key(SPEC_SECRET);
		assertThat(Signature.sign(key, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).isEqualTo(SPEC_SIGNATURE);
		// the prefix may be left out, as the specification's libraries allow
		assertThat(Signature.key(SPEC_SECRET.substring("whsec_".length()))).isEqualTo(key);
		// any change to what is signed changes the signature
		assertThat(Signature.sign(key, SPEC_ID, SPEC_TIMESTAMP + 1, SPEC_BODY)).isNotEqualTo(SPEC_SIGNATURE);
		assertThat(Signature.sign(key, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY.replace('4', '5'))).isNotEqualTo(SPEC_SIGNATURE);
	}

	@Test
	void aBadSecretIsAConfigurationErrorThatDoesNotQuoteIt() {
		for (String bad : List.of("whsec_not base64!", "whsec_c2hvcnQ=", "")) {
			assertThatThrownBy(() -> NotifySettings.key(bad, "NOTIFY_SECRET")).isInstanceOf(ConfigurationException.class)
				.hasMessageStartingWith("NOTIFY_SECRET")
				.satisfies(ex -> assertThat(ex.getMessage()).doesNotContain(bad.isEmpty() ? "\n" : bad));
		}
	}

	@Test
	void failuresNotifyAtTheFirstThenAtEscalatingCounts() {
		List<Integer> notified = IntStream.rangeClosed(1, 100).filter(Escalation::notifies).boxed().toList();
		assertThat(notified).containsExactly(1, 3, 10, 30, 60, 90);
		assertThat(IntStream.rangeClosed(1, 12).filter(Escalation::notifies).count()).as("12 failing runs").isEqualTo(3);
		assertThat(Escalation.ordinal(1)).isEqualTo("1st");
		assertThat(Escalation.ordinal(3)).isEqualTo("3rd");
		assertThat(Escalation.ordinal(12)).isEqualTo("12th");
		assertThat(Escalation.ordinal(22)).isEqualTo("22nd");
	}

	@Test
	void aReceiverIsShownMaskedAndKeptAsAFingerprint() {
		Receiver slack = Receiver.parse("slack:" + SLACK, "NOTIFY_URLS", 1);
		assertThat(slack.kind()).isEqualTo(Receiver.Kind.SLACK);
		assertThat(slack.masked()).isEqualTo("slack:https://hooks.slack.com/***");
		assertThat(slack.toString()).isEqualTo(slack.masked());
		assertThat(slack.fingerprint()).matches("[0-9a-f]{16}").doesNotContain("SECRET");
		Receiver login = Receiver.parse(" https://user:pw-SECRET@example.com:8443/hook?token=SECRET ", "NOTIFY_URLS", 2);
		assertThat(login.kind()).isEqualTo(Receiver.Kind.STANDARD);
		assertThat(login.masked()).isEqualTo("https://example.com:8443/***");
		assertThat(Receiver.parse("json:http://127.0.0.1:9/x", "NOTIFY_URLS", 3).kind()).isEqualTo(Receiver.Kind.JSON);
		// two receivers, two fingerprints; the same entry, the same fingerprint
		assertThat(slack.fingerprint()).isNotEqualTo(login.fingerprint())
			.isEqualTo(Receiver.parse("slack:" + SLACK, "NOTIFY_URLS", 1).fingerprint());
		assertThatThrownBy(() -> Receiver.parse("slack:ftp://hooks.slack.com/SECRET", "NOTIFY_URLS", 4))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageStartingWith("NOTIFY_URLS: receiver 4")
			.hasMessageNotContaining("SECRET");
	}

	@Test
	void aBareUrlNeedsTheSecretAndNothingQuotesAUrl() {
		MockEnvironment env = new MockEnvironment().withProperty("notify.urls", "https://example.com/SECRET-path, json:http://x.test/");
		assertThatThrownBy(() -> NotifySettings.from(env)).isInstanceOf(ConfigurationException.class)
			.hasMessageStartingWith("NOTIFY_SECRET is required")
			.hasMessageNotContaining("SECRET-path");
		NotifySettings settings = NotifySettings.from(env.withProperty("notify.secret", SPEC_SECRET));
		assertThat(settings.receivers()).hasSize(2);
		assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.slowAfter()).isNull();
		assertThat(settings.toString()).doesNotContain("SECRET-path").doesNotContain(SPEC_SECRET.substring(6));
		MockEnvironment unsigned = new MockEnvironment().withProperty("notify.urls", "slack:" + SLACK + ",json:http://x.test/");
		assertThat(NotifySettings.from(unsigned).key()).isNull();
		assertThat(NotifySettings.from(new MockEnvironment()).enabled()).isFalse();
	}

	@Test
	void aHangingReceiverGetsOneAttemptThatEndsAtTheBound() {
		FakeTime time = new FakeTime();
		List<Duration> given = new ArrayList<>();
		Duration bound = Duration.ofMillis(1500);
		Delivery.Report report = Delivery.deliver(List.of("a", "b"), (item, timeout) -> {
			given.add(timeout);
			time.now += timeout.toNanos(); // no answer: the attempt uses all the time it is given
			return Delivery.Result.FAILED;
		}, bound, time::nanos, time::sleep);
		assertThat(given).containsExactly(bound);
		assertThat(report).isEqualTo(new Delivery.Report(0, 2, 1, true));
		assertThat(time.now).isEqualTo(bound.toNanos());
		assertThat(time.slept).isEmpty();
	}

	@Test
	void aReceiverThatIsDownIsRetriedWithBackOffWhileTheWaitFitsTheBound() {
		FakeTime time = new FakeTime();
		Duration bound = Duration.ofSeconds(1);
		List<Long> remainingAtAttempt = new ArrayList<>();
		Delivery.Report report = Delivery.deliver(List.of("a"), (item, timeout) -> {
			remainingAtAttempt.add(bound.toNanos() - time.now);
			assertThat(timeout.toNanos()).isEqualTo(bound.toNanos() - time.now);
			time.now += Duration.ofMillis(10).toNanos(); // refused at once
			return Delivery.Result.FAILED;
		}, bound, time::nanos, time::sleep);
		// 0 ms, then after 250 ms and 500 ms; a 1 s wait would end past the bound
		assertThat(time.slept).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
		assertThat(report).isEqualTo(new Delivery.Report(0, 1, 3, true));
		assertThat(time.now).isLessThanOrEqualTo(bound.toNanos());
		assertThat(remainingAtAttempt).allSatisfy(r -> assertThat(r).isPositive());
	}

	@Test
	void aRetryThatSucceedsDeliversAndStops() {
		FakeTime time = new FakeTime();
		List<String> attempts = new ArrayList<>();
		Delivery.Report report = Delivery.deliver(List.of("a", "b", "c"), (item, timeout) -> {
			attempts.add(item);
			time.now += 1_000_000;
			if (item.equals("c")) {
				return Delivery.Result.SKIPPED; // another process holds it
			}
			return item.equals("b") && attempts.size() == 2 ? Delivery.Result.FAILED : Delivery.Result.DELIVERED;
		}, Duration.ofSeconds(10), time::nanos, time::sleep);
		assertThat(attempts).containsExactly("a", "b", "c", "b");
		assertThat(report).as("c was skipped: another process delivers it").isEqualTo(new Delivery.Report(2, 0, 4, false));
		assertThat(time.slept).containsExactly(Delivery.FIRST_BACKOFF);
	}

	@Test
	void eachKindOfReceiverGetsItsOwnRequest() throws Exception {
		byte[] key = Signature.key(SPEC_SECRET);
		Event event = Event.of(Event.RUN_FAILED, "run:7", 7L, Instant.parse("2026-03-01T10:00:00Z"),
				"run 7 failed (transient, 1st failing run in a row): cannot reach the API", Map.of("run_id", 7, "error_class", "transient"));
		String body = event.body(JsonMapper.builder().build());
		JsonNode parsed = JsonMapper.builder().build().readTree(body);
		assertThat(parsed.path("type").asString()).isEqualTo("run.failed");
		assertThat(parsed.path("timestamp").asString()).isEqualTo("2026-03-01T10:00:00Z");
		assertThat(parsed.path("data").path("error_class").asString()).isEqualTo("transient");
		assertThat(event.id()).matches("msg_[0-9a-f]{32}");

		Messages.Request standard = Messages.render(Receiver.Kind.STANDARD, event.id(), body, key, 1_772_359_200L);
		assertThat(standard.body()).isEqualTo(body);
		assertThat(standard.headers()).containsEntry("webhook-id", event.id()).containsEntry("webhook-timestamp", "1772359200");
		assertThat(standard.headers().get("webhook-signature")).isEqualTo(independentSignature(SPEC_SECRET, event.id(),
				"1772359200", body));

		Messages.Request json = Messages.render(Receiver.Kind.JSON, event.id(), body, null, 1_772_359_200L);
		assertThat(json.body()).isEqualTo(body);
		assertThat(json.headers()).containsOnlyKeys("webhook-id");

		Messages.Request slack = Messages.render(Receiver.Kind.SLACK, event.id(), body, null, 1_772_359_200L);
		assertThat(JsonMapper.builder().build().readTree(slack.body()).path("text").asString())
			.isEqualTo("webwork-sync run.failed: run 7 failed (transient, 1st failing run in a row): cannot reach the API");
		assertThat(slack.headers()).isEmpty();
	}

	@Test
	void theErrorClassSaysWhoCanFixIt() {
		assertThat(new RunEnd(1, 2, "401", new RuntimeException(new ApiException.Unauthorized("GET /workspaces")), false)
			.errorClass()).isEqualTo(RunEnd.AUTHORIZATION);
		assertThat(new RunEnd(1, 2, "403", new ApiException.Forbidden(5, "GET /members"), false).errorClass())
			.isEqualTo(RunEnd.AUTHORIZATION);
		assertThat(new RunEnd(1, 2, "role", null, true).errorClass()).isEqualTo(RunEnd.AUTHORIZATION);
		assertThat(new RunEnd(1, 2, "bad", new ConfigurationException("WEBWORK_API_URL …"), false).errorClass())
			.isEqualTo(RunEnd.CONFIGURATION);
		assertThat(new RunEnd(1, 1, "down", new ApiException.Unavailable("GET /members", 6, "503"), false).errorClass())
			.isEqualTo(RunEnd.TRANSIENT);
		assertThat(new RunEnd(1, 3, "stopped", null, false).failed()).isFalse();
	}

	/** The Standard Webhooks algorithm written out again with javax.crypto, independent of {@link Signature}. */
	static String independentSignature(String secret, String id, String timestamp, String body) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
		return "v1," + Base64.getEncoder()
			.encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
	}

	/** A clock of the test's own: attempts and waits move it, nothing else does. */
	private static final class FakeTime {
		long now;
		final List<Duration> slept = new ArrayList<>();

		long nanos() {
			return now;
		}

		void sleep(Duration duration) {
			slept.add(duration);
			now += duration.toNanos();
		}
	}
}

package com.webworksync.connections;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.webworksync.auth.OAuthHarness;
import com.webworksync.job.ExitCodes;
import com.webworksync.SyncHarness;
import com.webworksync.observe.StatusReport;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Warnings before a credential expires: a personal access token that is a JWT by its exp claim,
 * an OAuth connection by its stored refresh-token expiry, an opaque token as unknown.
 */
@ExtendWith(OutputCaptureExtension.class)
class CredentialExpiryTests {

	private static final String WARNING = "connection 'default': its personal access token expires in";

	@Test
	void aJwtExpiringInTenDaysWarnsAndSetsTheGauge(CapturedOutput output) {
		try (SyncHarness harness = harness(jwt(Duration.ofDays(10)))) {
			assertThat(harness.sync("sync")).isEqualTo(ExitCodes.OK);

			assertThat(output.getAll()).contains(WARNING + " 9 days", "set WEBWORK_API_TOKEN");
			double seconds = gauge(harness, "personal_access_token");
			assertThat(seconds).isBetween((double) Duration.ofDays(9).toSeconds(), (double) Duration.ofDays(10).toSeconds());
			assertThat(gauge(harness, CredentialExpiry.WARN_GAUGE, "personal_access_token")).isEqualTo(Duration.ofDays(14).toSeconds());
			assertThat(harness.bean(StatusReport.class).render()).containsPattern("default\\s+personal_access_token\\s+\\S+ \\S+\\s+9\\n");

			assertThat(harness.sync("sync")).isEqualTo(ExitCodes.OK);
			assertThat(output.getAll().split(WARNING, -1)).as("the WARN on every run").hasSize(3);
		}
	}

	@Test
	void aJwtExpiringInSixtyDaysGivesNoWarning(CapturedOutput output) {
		try (SyncHarness harness = harness(jwt(Duration.ofDays(60)))) {
			assertThat(harness.sync("sync")).isEqualTo(ExitCodes.OK);
			assertThat(output.getAll()).doesNotContain(WARNING);
			assertThat(gauge(harness, "personal_access_token")).isGreaterThan(Duration.ofDays(59).toSeconds());
		}
	}

	@Test
	void theWarningWindowIsConfigurable(CapturedOutput output) {
		try (SyncHarness harness = harness(jwt(Duration.ofDays(60))).with("webwork.credential-warn-days", 90)) {
			assertThat(harness.sync("sync")).isEqualTo(ExitCodes.OK);
			assertThat(output.getAll()).contains(WARNING + " 59 days");
			assertThat(gauge(harness, CredentialExpiry.WARN_GAUGE, "personal_access_token"))
				.as("the window the alert compares the expiry with").isEqualTo(Duration.ofDays(90).toSeconds());
		}
	}

	@Test
	void anOpaqueTokenIsUnknownNeverGuessed(CapturedOutput output) {
		try (SyncHarness harness = harness("opaque-token-without-claims")) {
			assertThat(harness.sync("sync")).isEqualTo(ExitCodes.OK);
			assertThat(output.getAll()).doesNotContain(WARNING).contains("cannot be read (not a JWT with an exp claim): unknown");
			assertThat(gauge(harness, "personal_access_token")).isNaN();
			assertThat(harness.bean(StatusReport.class).render()).containsPattern("default\\s+personal_access_token\\s+-\\s+unknown");
		}
	}

	@Test
	void anOAuthConnectionUsesItsStoredRefreshTokenExpiry(CapturedOutput output) throws Exception {
		try (SyncHarness harness = OAuthHarness.start("")) {
			harness.sandbox().oauth().lifetimes(Duration.ofDays(15), Duration.ofDays(12));
			OAuthHarness.configure(harness, harness.sandbox().oauth().authorize());
			assertThat(harness.sync("sync")).isEqualTo(ExitCodes.OK);

			assertThat(output.getAll()).contains("connection 'default': its refresh token expires in 11 days",
					"WEBWORK_OAUTH_REFRESH_TOKEN");
			assertThat(gauge(harness, "refresh_token")).isBetween((double) Duration.ofDays(11).toSeconds(),
					(double) Duration.ofDays(12).toSeconds());
			assertThat(OAuthHarness.stored(harness).refreshTokenExpiresAt()).isAfter(java.time.Clock.systemUTC().instant().plus(Duration.ofDays(11)));
			assertThat(harness.bean(StatusReport.class).render()).containsPattern("default\\s+refresh_token\\s+\\S+ \\S+\\s+11\\n");
		}
	}

	private static SyncHarness harness(String token) {
		return SyncHarness.start(SyncHarness.fastOptions().withHistoryDays(10).withToken(token)).with("sync.lookback-days", 1)
			.with("sync.streams", "workspaces,members");
	}

	private static double gauge(SyncHarness harness, String kind) {
		return gauge(harness, CredentialExpiry.GAUGE, kind);
	}

	private static double gauge(SyncHarness harness, String name, String kind) {
		return harness.bean(MeterRegistry.class)
			.get(name)
			.tag("connection", "default")
			.tag("kind", kind)
			.gauge()
			.value();
	}

	/** An unsigned JWT with an exp claim: the job reads exp without checking a signature (the API does). */
	static String jwt(Duration validFor) {
		return new PlainJWT(new JWTClaimsSet.Builder().subject("owner@example.com")
			.expirationTime(Date.from(java.time.Clock.systemUTC().instant().plus(validFor)))
			.build()).serialize();
	}
}

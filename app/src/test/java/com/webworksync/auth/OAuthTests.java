package com.webworksync.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.webworksync.job.ExitCodes;
import com.webworksync.SyncHarness;
import com.webworksync.sandbox.OAuthServer;

/**
 * OAuth2 with single-use rotating refresh tokens against the sandbox's token endpoint, the
 * tokens kept encrypted in sync.credentials of a real PostgreSQL.
 */
@ExtendWith(OutputCaptureExtension.class)
class OAuthTests {

	@Test
	void theSecondRunUsesTheRefreshTokenTheFirstStored(CapturedOutput output) throws Exception {
		try (SyncHarness harness = OAuthHarness.start("")) {
			String first = harness.sandbox().oauth().authorize();
			OAuthHarness.configure(harness, first);

			assertThat(harness.main("sync")).isEqualTo(ExitCodes.OK);
			StoredCredential afterFirst = OAuthHarness.stored(harness);
			assertThat(harness.sandbox().oauth().spent(first)).as("the configured refresh token was exchanged").isTrue();
			assertThat(afterFirst.refreshToken()).isNotEqualTo(first);
			assertThat(harness.sandbox().oauth().validRefreshTokens()).containsExactly(afterFirst.refreshToken());
			assertThat(afterFirst.grantType()).isEqualTo("refresh_token");
			assertThat(afterFirst.refreshTokenExpiresAt()).isNotNull();
			assertThat(afterFirst.accessTokenExpiresAt()).isNotNull();
			assertThat(harness.sandbox().requests().all()).isNotEmpty().allSatisfy(r -> assertThat(r.authorized()).isTrue());

			OAuthHarness.expireAccessToken(harness); // 15 days later: the access token is due
			assertThat(harness.main("sync")).as("the configured token is spent: only the stored one works").isEqualTo(ExitCodes.OK);
			StoredCredential afterSecond = OAuthHarness.stored(harness);
			assertThat(harness.sandbox().oauth().spent(afterFirst.refreshToken())).as("run 2 spent run 1's token").isTrue();
			assertThat(harness.sandbox().oauth().validRefreshTokens()).containsExactly(afterSecond.refreshToken());
			assertThat(harness.sandbox().oauth().exchanges()).isEqualTo(2);
			assertThat(harness.sandbox().oauth().rejected()).isZero();
			assertThat(afterSecond.rotations()).isEqualTo(2);

			assertThat(harness.main("sync")).as("a third run reuses the stored access token").isEqualTo(ExitCodes.OK);
			assertThat(harness.sandbox().oauth().exchanges()).isEqualTo(2);
			OAuthHarness.assertNoSecret(output.getAll(), harness, List.of(first, afterFirst.refreshToken(), afterSecond.refreshToken(),
					afterFirst.accessToken(), afterSecond.accessToken()));
		}
	}

	@Test
	void anAccessTokenRevokedEarlyIsRenewedOnce() throws Exception {
		try (SyncHarness harness = OAuthHarness.start("")) {
			OAuthHarness.configure(harness, harness.sandbox().oauth().authorize());
			assertThat(harness.main("sync")).isEqualTo(ExitCodes.OK);
			harness.sandbox().oauth().revokeAccessTokens();

			assertThat(harness.main("sync")).isEqualTo(ExitCodes.OK);
			assertThat(harness.sandbox().oauth().exchanges()).isEqualTo(2);
			assertThat(harness.sandbox().oauth().validRefreshTokens()).containsExactly(OAuthHarness.stored(harness).refreshToken());
		}
	}

	@Test
	void aRevokedRefreshTokenExitsTwoSayingToReauthorize(CapturedOutput output) throws Exception {
		try (SyncHarness harness = OAuthHarness.start("")) {
			String revoked = harness.sandbox().oauth().authorize();
			harness.sandbox().oauth().revoke(revoked);
			OAuthHarness.configure(harness, revoked);

			assertThat(harness.main("sync")).isEqualTo(ExitCodes.CONFIGURATION);
			assertThat(output.getErr()).contains("connection 'default'", "invalid_grant", "Re-authorize",
					"WEBWORK_OAUTH_REFRESH_TOKEN");
			assertThat(harness.sandbox().requests().all()).as("no API request without a token").isEmpty();

			String fresh = harness.sandbox().oauth().authorize(); // the user re-authorized
			OAuthHarness.configure(harness, fresh);
			assertThat(harness.main("sync")).as("a new configured token starts a new chain").isEqualTo(ExitCodes.OK);
			assertThat(harness.sandbox().oauth().spent(fresh)).isTrue();

			harness.sandbox().oauth().revokeAll(); // the stored chain is revoked too
			OAuthHarness.expireAccessToken(harness);
			assertThat(harness.main("sync")).isEqualTo(ExitCodes.CONFIGURATION);
			assertThat(output.getErr()).contains("stored refresh token (invalid_grant");
			OAuthHarness.assertNoSecret(output.getAll(), harness, List.of(revoked, fresh));
		}
	}

	@Test
	void withoutACredentialsKeyOAuthIsRefused(CapturedOutput output) {
		try (SyncHarness harness = OAuthHarness.start("")) {
			OAuthHarness.configure(harness, harness.sandbox().oauth().authorize()).with("webwork.credentials-key", "");
			assertThat(harness.main("sync")).isEqualTo(ExitCodes.CONFIGURATION);
			assertThat(output.getErr()).contains("WEBWORK_CREDENTIALS_KEY is not set", "openssl rand -base64 32");

			String malformed = "bm90LTMyLWJ5dGVz"; // base64 of 12 bytes
			harness.with("webwork.credentials-key", malformed);
			assertThat(harness.main("sync")).isEqualTo(ExitCodes.CONFIGURATION);
			assertThat(output.getErr()).contains("WEBWORK_CREDENTIALS_KEY must be the base64 of 32 random bytes")
				.doesNotContain(malformed);
			assertThat(harness.sandbox().oauth().exchanges()).isZero();
			assertThat(harness.sandbox().requests().all()).isEmpty();
		}
	}

	@Test
	void withoutARefreshTokenTheClientCredentialsGrantIsUsed() throws Exception {
		try (SyncHarness harness = OAuthHarness.start("")) {
			assertThat(harness.main("sync")).isEqualTo(ExitCodes.OK);
			StoredCredential stored = OAuthHarness.stored(harness);
			assertThat(stored.grantType()).isEqualTo("client_credentials");
			assertThat(stored.refreshToken()).isNull();
			assertThat(stored.accessToken()).isNotNull();
			assertThat(harness.sandbox().oauth().exchanges()).isEqualTo(1);
		}
	}

	@Test
	void aWrongClientSecretExitsTwoNamingTheVariables(CapturedOutput output) {
		try (SyncHarness harness = OAuthHarness.start("")) {
			harness.with("webwork.oauth.client-secret", "wrong-SECRET-value");
			assertThat(harness.main("sync")).isEqualTo(ExitCodes.CONFIGURATION);
			assertThat(output.getErr()).contains("invalid_client", "WEBWORK_OAUTH_CLIENT_ID", "WEBWORK_OAUTH_CLIENT_SECRET")
				.doesNotContain("wrong-SECRET-value");
		}
	}

}

package com.webworksync.auth;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.webworksync.config.ConfigurationException;
import com.webworksync.config.Settings.Connection;
import com.webworksync.config.Settings.OAuth;
import com.webworksync.client.ApiException;
import com.webworksync.client.TokenSource;

/**
 * OAuth2 access tokens for one connection (the token endpoint is implied by the API documentation, not shown): exchanged at the token endpoint with
 * Nimbus' OAuth 2.0 SDK, kept in memory and in {@code sync.credentials}, and reused by every run
 * and pod until shortly before they expire.
 *
 * <p>An exchange runs under the connection's lock in the warehouse and re-reads the row after
 * taking it: a process that waited finds the token the other one just got and uses it, so a
 * single-use refresh token is never spent twice. The rotated refresh token is committed before
 * the access token is handed to anyone. The one window left: the token endpoint has answered
 * (and spent the old refresh token) but the process dies before that commit; the next run then
 * gets {@code invalid_grant} and asks for a re-authorization (docs/guide/oauth.md).
 */
public final class OAuthTokens implements TokenSource {

	private static final Logger log = LoggerFactory.getLogger(OAuthTokens.class);
	/** Renew this long before the access token expires (at most half its lifetime). */
	static final Duration RENEW_BEFORE = Duration.ofHours(1);
	/** The documented refresh-token lifetime, when the token response does not say (30 days from issue). */
	static final Duration REFRESH_LIFETIME = Duration.ofDays(30);

	private final Connection connection;
	private final OAuth oauth;
	private final CredentialStore store;
	private final CredentialsKey key;
	private final Clock clock;
	private final Duration connectTimeout;
	private final Duration readTimeout;
	private String accessToken;
	private Instant issuedAt;
	private Instant expiresAt;

	public OAuthTokens(Connection connection, CredentialsKey key, DataSource dataSource, Clock clock,
			Duration connectTimeout, Duration readTimeout) {
		this.connection = connection;
		this.oauth = connection.oauth();
		this.key = key;
		this.store = new CredentialStore(dataSource, key);
		this.clock = clock;
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
	}

	@Override
	public synchronized String token() {
		if (accessToken != null && fresh(issuedAt, expiresAt)) {
			return accessToken;
		}
		return renew(null);
	}

	@Override
	public synchronized boolean rejected(String token) {
		log.warn("connection '{}': the API rejected the OAuth access token before its expiry; getting a new one",
				connection.name());
		renew(token);
		return true;
	}

	@Override
	public Rejection whenRejected() {
		return new Rejection(connection.name(), oauth.variables() + "CLIENT_ID (connection '" + connection.name() + "')",
				"a freshly issued OAuth access token was refused. Check that the app's user is an Owner or Executive "
						+ "Manager and that the app may read (scope read); re-authorize and set " + oauth.variables()
						+ "REFRESH_TOKEN.");
	}

	/** The stored state of this connection's credentials, after making sure a valid access token exists. */
	public synchronized StoredCredential ensure() {
		token();
		return store.read(connection.name());
	}

	/**
	 * Under the connection's lock: the stored access token if another process renewed it (and it
	 * is not {@code rejectedToken}), else a new exchange, committed before it is returned.
	 */
	private String renew(String rejectedToken) {
		String seed = key.fingerprint(oauth.clientId(), oauth.refreshToken().isEmpty() ? "client_credentials" : oauth.refreshToken());
		return store.locked(connection.name(), stored -> {
			if (stored != null && !stored.seedFingerprint().equals(seed)) {
				log.info("connection '{}': the configured OAuth client or refresh token changed; a new token chain starts from it",
						connection.name());
				stored = null;
			}
			if (stored != null && stored.accessToken() != null && !stored.accessToken().equals(rejectedToken)
					&& fresh(stored.updatedAt(), stored.accessTokenExpiresAt())) {
				remember(stored.accessToken(), stored.updatedAt(), stored.accessTokenExpiresAt());
				return new CredentialStore.Outcome(null, stored.accessToken());
			}
			boolean fromStore = stored != null && stored.refreshToken() != null;
			String refreshToken = fromStore ? stored.refreshToken() : oauth.refreshToken();
			Instant now = clock.instant();
			Tokens tokens = exchange(refreshToken, fromStore);
			Instant accessExpiry = tokens.getAccessToken().getLifetime() > 0
					? now.plusSeconds(tokens.getAccessToken().getLifetime()) : null;
			String newRefresh = tokens.getRefreshToken() != null ? tokens.getRefreshToken().getValue()
					: (oauth.clientCredentials() ? null : refreshToken);
			boolean rotated = tokens.getRefreshToken() != null;
			Instant refreshIssued = rotated || stored == null ? now : stored.refreshTokenIssuedAt();
			Instant refreshExpiry = newRefresh == null ? null
					: rotated ? now.plus(refreshLifetime) : (stored != null ? stored.refreshTokenExpiresAt() : null);
			StoredCredential next = new StoredCredential(connection.name(),
					oauth.clientCredentials() ? "client_credentials" : "refresh_token", seed, newRefresh,
					newRefresh == null ? null : refreshIssued, refreshExpiry, tokens.getAccessToken().getValue(), accessExpiry,
					(stored == null ? 0 : stored.rotations()) + 1, now);
			remember(next.accessToken(), now, accessExpiry);
			log.info("connection '{}': exchanged the {} for a new access token (expires {}){}", connection.name(),
					oauth.clientCredentials() ? "client credentials" : "refresh token",
					accessExpiry == null ? "unknown" : accessExpiry, rotated ? "; stored the rotated refresh token" : "");
			return new CredentialStore.Outcome(next, next.accessToken());
		});
	}

	private Duration refreshLifetime = REFRESH_LIFETIME;

	/** One request to the token endpoint; never retried (a lost answer may already have spent the refresh token). */
	private Tokens exchange(String refreshToken, boolean fromStore) {
		AuthorizationGrant grant = oauth.clientCredentials() ? new ClientCredentialsGrant()
				: new RefreshTokenGrant(new RefreshToken(refreshToken));
		TokenRequest request = new TokenRequest(URI.create(oauth.tokenUrl()),
				new ClientSecretPost(new ClientID(oauth.clientId()), new Secret(oauth.clientSecret())), grant, null);
		HTTPRequest http = request.toHTTPRequest();
		http.setConnectTimeout((int) connectTimeout.toMillis());
		http.setReadTimeout((int) readTimeout.toMillis());
		HTTPResponse response;
		TokenResponse parsed;
		try {
			response = http.send();
		}
		catch (IOException ex) {
			throw new ApiException.Unavailable("POST " + oauth.tokenUrl(), 1, "I/O error: " + ex.getClass().getSimpleName()
					+ " (connection '" + connection.name() + "')");
		}
		try {
			parsed = TokenResponse.parse(response);
		}
		catch (ParseException ex) {
			throw new ApiException.Unavailable("POST " + oauth.tokenUrl(), 1, "status " + response.getStatusCode()
					+ " with a body that is not an OAuth2 token response (connection '" + connection.name() + "')");
		}
		if (!parsed.indicatesSuccess()) {
			throw refused(parsed.toErrorResponse().getErrorObject(), response.getStatusCode(), fromStore);
		}
		AccessTokenResponse success = parsed.toSuccessResponse();
		Object refreshIn = success.getCustomParameters().get("refresh_token_expires_in");
		refreshLifetime = refreshIn instanceof Number seconds && seconds.longValue() > 0
				? Duration.ofSeconds(seconds.longValue()) : REFRESH_LIFETIME;
		return success.getTokens();
	}

	private RuntimeException refused(ErrorObject error, int status, boolean fromStore) {
		String code = error == null || error.getCode() == null ? "status " + status : error.getCode();
		if ("invalid_grant".equals(code)) {
			return new ConfigurationException("connection '" + connection.name() + "': the token endpoint rejected the "
					+ (oauth.clientCredentials() ? "client-credentials grant" : (fromStore ? "stored" : "configured")
							+ " refresh token")
					+ " (invalid_grant: revoked, expired or already used). Re-authorize the app in WebWork and set "
					+ oauth.variables() + "REFRESH_TOKEN to the new refresh token; the next run starts a new chain from it");
		}
		if ("invalid_client".equals(code) || "unauthorized_client".equals(code)) {
			return new ConfigurationException("connection '" + connection.name() + "': the token endpoint refused the client ("
					+ code + "): check " + oauth.variables() + "CLIENT_ID and " + oauth.variables() + "CLIENT_SECRET");
		}
		if (status >= 500 || status == 429) {
			return new ApiException.Unavailable("POST " + oauth.tokenUrl(), 1, "status " + status + " (connection '"
					+ connection.name() + "')");
		}
		return new ConfigurationException("connection '" + connection.name() + "': the token endpoint refused the exchange ("
				+ code + "): check " + oauth.variables() + "CLIENT_ID, _CLIENT_SECRET, _REFRESH_TOKEN and _TOKEN_URL");
	}

	private void remember(String token, Instant issued, Instant expires) {
		this.accessToken = token;
		this.issuedAt = issued;
		this.expiresAt = expires;
	}

	/** Not within RENEW_BEFORE (at most half the lifetime) of its expiry. Unknown expiry: fresh. */
	private boolean fresh(Instant issued, Instant expires) {
		if (expires == null) {
			return true;
		}
		Duration margin = RENEW_BEFORE;
		if (issued != null) {
			Duration half = Duration.between(issued, expires).dividedBy(2);
			if (half.compareTo(margin) < 0) {
				margin = half;
			}
		}
		return clock.instant().plus(margin).isBefore(expires);
	}

	public Connection connection() {
		return connection;
	}

	@Override
	public String toString() {
		return "OAuthTokens[" + connection.name() + "]";
	}
}

package com.webworksync.connections;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.nimbusds.jwt.JWTParser;
import com.webworksync.auth.CredentialStore;
import com.webworksync.auth.CredentialsKey;
import com.webworksync.auth.OAuthTokens;
import com.webworksync.auth.StoredCredential;
import com.webworksync.config.Settings;
import com.webworksync.config.Settings.Connection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.text.ParseException;
import java.util.Date;

/**
 * When each connection's credential expires, said before it does: a personal access token that
 * is a JWT by its {@code exp} claim (read locally, no signature check: the API verifies it); an
 * OAuth2 connection by the stored expiry of its refresh token (or, for client credentials, of
 * its access token, which renews itself). A token whose expiry cannot be read is unknown, never
 * guessed. Each run logs a WARN within WEBWORK_CREDENTIAL_WARN_DAYS of an expiry and sets the
 * gauge {@code webwork_credential_expires_in_seconds{connection,kind}} (NaN: unknown).
 */
@Component
public class CredentialExpiry {

	private static final Logger log = LoggerFactory.getLogger(CredentialExpiry.class);
	public static final String GAUGE = "webwork.credential.expires.in.seconds";
	/** The warning window beside each expiry (WEBWORK_CREDENTIAL_WARN_DAYS): the alert compares the two. */
	public static final String WARN_GAUGE = "webwork.credential.warn.seconds";

	private final Settings settings;
	private final Connections connections;
	private final DataSource dataSource;
	private final MeterRegistry registry;
	private final Clock clock;
	private final Map<String, AtomicReference<Double>> gauges = new ConcurrentHashMap<>();

	public CredentialExpiry(Settings settings, Connections connections, DataSource dataSource, MeterRegistry registry,
			Clock clock) {
		this.settings = settings;
		this.connections = connections;
		this.dataSource = dataSource;
		this.registry = registry;
		this.clock = clock;
	}

	/**
	 * @param kind personal_access_token, refresh_token or access_token (client credentials: renews itself)
	 * @param expiresAt null: unknown
	 */
	public record Expiry(String connection, String kind, Instant expiresAt) {

		public boolean renewsItself() {
			return kind.equals("access_token");
		}
	}

	/**
	 * Before a run: makes sure every OAuth connection of this process has a valid access token
	 * (a rejected refresh token fails here, before any API request, with exit code 2), then logs
	 * and records each connection's expiry.
	 */
	public List<Expiry> check() {
		List<Expiry> all = new ArrayList<>();
		for (String name : connections.names()) {
			OAuthTokens tokens = connections.oauth(name);
			Expiry expiry = tokens != null ? fromStore(name, tokens.ensure()) : ofToken(name, connections.connection(name).token());
			all.add(expiry);
			report(expiry);
		}
		return all;
	}

	/** Every configured connection's expiry as far as the warehouse and the configuration tell, sending nothing. */
	public List<Expiry> current() {
		List<Expiry> all = new ArrayList<>();
		for (Connection connection : settings.connections()) {
			if (connection.usesOAuth()) {
				StoredCredential stored = settings.credentialsKey() == null ? null
						: new CredentialStore(dataSource, CredentialsKey.of(settings.credentialsKey())).read(connection.name());
				all.add(fromStore(connection.name(), stored));
			}
			else {
				all.add(ofToken(connection.name(), connection.token()));
			}
		}
		return all;
	}

	/** A personal access token: its JWT exp claim, or unknown (an opaque token, no exp). */
	public static Expiry ofToken(String connection, String token) {
		Instant exp = null;
		try {
			Date date = JWTParser.parse(token).getJWTClaimsSet().getExpirationTime();
			exp = date == null ? null : date.toInstant();
		}
		catch (ParseException | RuntimeException notAJwt) {
			// opaque: unknown (never a message with the token)
		}
		return new Expiry(connection, "personal_access_token", exp);
	}

	private static Expiry fromStore(String connection, StoredCredential stored) {
		if (stored == null) {
			return new Expiry(connection, "refresh_token", null);
		}
		if (stored.refreshToken() == null) {
			return new Expiry(connection, "access_token", stored.accessTokenExpiresAt());
		}
		return new Expiry(connection, "refresh_token", stored.refreshTokenExpiresAt());
	}

	/** WEBWORK_CREDENTIAL_WARN_DAYS: how long before an expiry the log, the alert and the notification say so. */
	public Duration warnWindow() {
		return Duration.ofDays(settings.credentialWarnDays());
	}

	/** Seconds left (negative: expired), or null when unknown. */
	public Long secondsLeft(Expiry expiry) {
		return expiry.expiresAt() == null ? null : Duration.between(clock.instant(), expiry.expiresAt()).toSeconds();
	}

	private void report(Expiry expiry) {
		Long left = secondsLeft(expiry);
		gauges.computeIfAbsent(expiry.connection() + "|" + expiry.kind(), k -> {
			AtomicReference<Double> value = new AtomicReference<>(Double.NaN);
			Gauge.builder(GAUGE, value, AtomicReference::get)
				.description("Seconds until the connection's credential expires (NaN: its expiry cannot be read)")
				.tag("connection", expiry.connection())
				.tag("kind", expiry.kind())
				.register(registry);
			return value;
		}).set(left == null ? Double.NaN : left.doubleValue());
		gauges.computeIfAbsent(expiry.connection() + "|" + expiry.kind() + "|warn", k -> {
			AtomicReference<Double> value = new AtomicReference<>(Double.NaN);
			Gauge.builder(WARN_GAUGE, value, AtomicReference::get)
				.description("How long before its expiry a credential is warned about (WEBWORK_CREDENTIAL_WARN_DAYS), seconds")
				.tag("connection", expiry.connection())
				.tag("kind", expiry.kind())
				.register(registry);
			return value;
		}).set((double) warnWindow().toSeconds());
		String variable = variable(expiry);
		if (left == null) {
			log.info("connection '{}': the expiry of its {} cannot be read (not a JWT with an exp claim): unknown",
					expiry.connection(), expiry.kind().replace('_', ' '));
			return;
		}
		if (expiry.renewsItself()) {
			return;
		}
		long days = Math.floorDiv(left, 86_400);
		if (left <= 0) {
			log.warn("connection '{}': its {} expired at {}; {}", expiry.connection(), expiry.kind().replace('_', ' '),
					expiry.expiresAt(), fix(expiry, variable));
		}
		else if (left <= warnWindow().toSeconds()) {
			log.warn("connection '{}': its {} expires in {} days ({}); {}", expiry.connection(),
					expiry.kind().replace('_', ' '), days, expiry.expiresAt(), fix(expiry, variable));
		}
	}

	private static String fix(Expiry expiry, String variable) {
		return expiry.kind().equals("personal_access_token")
				? "create a new token in WebWork (Settings > REST API > Create Token) and set " + variable
				: "it renews at every exchange, so a run before then keeps it alive; otherwise re-authorize and set " + variable;
	}

	private String variable(Expiry expiry) {
		for (Connection connection : settings.connections()) {
			if (connection.name().equals(expiry.connection())) {
				if (connection.usesOAuth()) {
					return connection.oauth().variables() + "REFRESH_TOKEN";
				}
				return connection.name().equals(Settings.DEFAULT_CONNECTION) ? "WEBWORK_API_TOKEN"
						: "WEBWORK_CONNECTIONS_<i>_TOKEN of '" + connection.name() + "'";
			}
		}
		return "the token";
	}
}

package com.webworksync.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * WAREHOUSE_URL as people write it: {@code jdbc:postgresql://host:5432/db}, or the libpq form
 * {@code postgresql://user:password@host:5432/db?sslmode=require} (also {@code postgres://}), turned
 * into a JDBC URL without any login in it: the user and password (from the URL's user info or its
 * {@code user=} and {@code password=} parameters) go to the driver as properties, the other query
 * parameters stay. The password is never shown: {@link #shown} and {@link #mask} replace it with
 * {@code ***}.
 *
 * @param jdbcUrl the URL for the driver, without user or password; empty for the embedded warehouse
 * @param username the user the URL names, empty when it names none
 * @param password the password the URL holds, empty when it holds none
 * @param shown the URL as given, with the password masked: for every message
 */
public record WarehouseUrl(String jdbcUrl, String username, String password, String shown) {

	/** No WAREHOUSE_URL: the embedded PostgreSQL. */
	public static final WarehouseUrl NONE = new WarehouseUrl("", "", "", "");

	private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://[^/?#\\s]+(/[^?\\s]*)?(\\?.*)?");
	private static final Pattern HOST = Pattern.compile("([A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\])(:(\\d{1,5}))?");
	private static final Pattern DATABASE = Pattern.compile("/[^/\\s]+");
	private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)((?:^|[?&;])password=)[^&]*");

	/** Checks {@code given} as a value of {@code variable}; a bad one is a message with the password masked. */
	public static WarehouseUrl parse(String given, String variable) {
		String text = given.trim();
		if (text.isEmpty()) {
			return NONE;
		}
		String shown = mask(text);
		String problem;
		if (text.startsWith("jdbc:")) {
			problem = JDBC_URL.matcher(text).matches() ? null : "";
			if (problem == null) {
				int question = text.indexOf('?');
				return question < 0 ? new WarehouseUrl(text, "", "", shown)
						: withQuery(text.substring(0, question), "", "", text.substring(question + 1), shown);
			}
		}
		else if (text.startsWith("postgresql://") || text.startsWith("postgres://")) {
			problem = libpq(text, shown);
			if (problem == null) {
				return fromLibpq(text, shown);
			}
		}
		else {
			problem = "";
		}
		throw new ConfigurationException(variable + " must look like postgresql://user:password@host:5432/database or "
				+ "jdbc:postgresql://host:5432/database" + problem + ", got '" + shown + "'");
	}

	/** What is wrong with a postgresql:// URL (", …" to append to the message), or null when nothing is. */
	private static String libpq(String text, String shown) {
		String rest = text.substring(text.indexOf("://") + 3);
		int end = authorityEnd(rest);
		String authority = rest.substring(0, end);
		String hosts = authority.substring(authority.lastIndexOf('@') + 1);
		if (hosts.isEmpty()) {
			return " (it names no host)";
		}
		for (String host : hosts.split(",", -1)) {
			var m = HOST.matcher(host);
			if (!m.matches() || m.group(3) != null && (Integer.parseInt(m.group(3)) < 1 || Integer.parseInt(m.group(3)) > 65535)) {
				return " (a host[:port] is not valid)";
			}
		}
		String path = rest.substring(end).replaceFirst("[?#].*", "");
		if (!DATABASE.matcher(path).matches()) {
			return " (it names no database after the host)";
		}
		return rest.contains("#") || text.chars().anyMatch(Character::isWhitespace) ? " (no spaces, no #)" : null;
	}

	private static WarehouseUrl fromLibpq(String text, String shown) {
		String rest = text.substring(text.indexOf("://") + 3);
		int end = authorityEnd(rest);
		String authority = rest.substring(0, end);
		int at = authority.lastIndexOf('@');
		String user = "";
		String password = "";
		if (at >= 0) {
			String userInfo = authority.substring(0, at);
			int colon = userInfo.indexOf(':');
			user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
			password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
		}
		String tail = rest.substring(end);
		int question = tail.indexOf('?');
		String base = "jdbc:postgresql://" + authority.substring(at + 1) + (question < 0 ? tail : tail.substring(0, question));
		return question < 0 ? new WarehouseUrl(base, user, password, shown)
				: withQuery(base, user, password, tail.substring(question + 1), shown);
	}

	/** The query parameters stay, except user= and password=, which become the login (the URL's user info wins). */
	private static WarehouseUrl withQuery(String base, String user, String password, String query, String shown) {
		List<String> kept = new ArrayList<>();
		String queryUser = "";
		String queryPassword = "";
		for (String parameter : query.split("&")) {
			if (parameter.startsWith("user=")) {
				queryUser = decode(parameter.substring(5));
			}
			else if (parameter.startsWith("password=")) {
				queryPassword = decode(parameter.substring(9));
			}
			else if (!parameter.isEmpty()) {
				kept.add(parameter);
			}
		}
		return new WarehouseUrl(base + (kept.isEmpty() ? "" : "?" + String.join("&", kept)),
				user.isEmpty() ? queryUser : user, password.isEmpty() ? queryPassword : password, shown);
	}

	private static int authorityEnd(String rest) {
		int at = rest.lastIndexOf('@');
		for (int i = Math.max(at, 0); i < rest.length(); i++) {
			if ("/?#".indexOf(rest.charAt(i)) >= 0) {
				return i;
			}
		}
		return rest.length();
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text; // a stray %: taken as written
		}
	}

	/**
	 * {@code text} (a database URL, well-formed or not) with any password in it replaced by {@code ***}: the one in
	 * the user info ({@code user:***@host}) and a {@code password=} parameter. When in doubt it masks more.
	 */
	public static String mask(String text) {
		String masked = QUERY_PASSWORD.matcher(text).replaceAll("$1***");
		int scheme = masked.indexOf("://");
		int start = scheme < 0 ? 0 : scheme + 3;
		int at = masked.lastIndexOf('@');
		if (at > start) {
			int colon = masked.indexOf(':', start);
			if (colon >= 0 && colon < at) {
				masked = masked.substring(0, colon + 1) + "***" + masked.substring(at);
			}
		}
		return masked;
	}

	/**
	 * The login: the URL's user and password, checked against WAREHOUSE_USERNAME and WAREHOUSE_PASSWORD. Either may
	 * be given in one place or both, but not different in both (the message names the variables, never a value).
	 *
	 * @param username WAREHOUSE_USERNAME, null when it is not set
	 * @param password WAREHOUSE_PASSWORD, null when it is not set
	 * @param defaultUsername the user without either
	 */
	public WarehouseUrl withLogin(String username, String password, String defaultUsername) {
		if (!this.username.isEmpty() && username != null && !username.equals(this.username)) {
			throw new ConfigurationException("WAREHOUSE_URL names a user and WAREHOUSE_USERNAME another one: set the user "
					+ "in one of them only");
		}
		if (!this.password.isEmpty() && password != null && !password.isEmpty() && !password.equals(this.password)) {
			throw new ConfigurationException("WAREHOUSE_URL holds a password and WAREHOUSE_PASSWORD a different one: set "
					+ "the password in one of them only");
		}
		String user = !this.username.isEmpty() ? this.username : username != null ? username : defaultUsername;
		String secret = !this.password.isEmpty() ? this.password : password == null ? "" : password;
		return new WarehouseUrl(jdbcUrl, user, secret, shown);
	}

	/** The variable and its value, masked, for messages: WAREHOUSE_URL=postgresql://user:***@host:5432/db. */
	public String described() {
		return jdbcUrl.isEmpty() ? "WAREHOUSE_URL" : "WAREHOUSE_URL=" + shown;
	}

	@Override
	public String toString() {
		return "WarehouseUrl[" + shown + ", user=" + username + ", password=(hidden)]";
	}
}

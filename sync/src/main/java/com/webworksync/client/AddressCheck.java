package com.webworksync.client;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * Tells a wrong API address from an outage. Until the address has answered as the WebWork API (a JSON object, the
 * envelope every answer of it has, whatever its status) in this run or in an earlier successful one, a failure that
 * says "this is not the API" (a host that does not resolve, a refused connection, something that does not speak HTTP,
 * an answer that is not the API's) is a configuration mistake, named at once. Once it has answered, the same failure
 * is an outage, retried as usual.
 */
final class AddressCheck {

	/** Attempts before a never-answered address is reported as wrong: one retry rides out a blip. */
	static final int ATTEMPTS = 2;

	private final String url;
	private volatile boolean answered;

	AddressCheck(String url) {
		this.url = url;
	}

	/** The address answered as the API. */
	void answered() {
		answered = true;
	}

	boolean hasAnswered() {
		return answered;
	}

	/** What a failed connection says about the address, or null when it says nothing (or the address has answered). */
	String connectionProblem(Throwable failure) {
		if (answered) {
			return null;
		}
		if (causedBy(failure, HttpTimeoutException.class) || causedBy(failure, SocketTimeoutException.class)) {
			return null; // slow is not wrong: an outage, retried as usual
		}
		// the JDK's client reports an unresolved host as a ConnectException caused by it: look for the cause first
		if (causedBy(failure, UnknownHostException.class) || causedBy(failure, UnresolvedAddressException.class)) {
			return "cannot be reached: its host " + host() + " does not resolve";
		}
		if (causedBy(failure, ConnectException.class)) {
			return "cannot be reached: nothing accepts connections at " + hostAndPort();
		}
		return "does not answer as an HTTP API (" + root(failure) + ")";
	}

	/** What an answer that is not the API's envelope says about the address, or null once it has answered. */
	String answerProblem(int status, String contentType, int bytes) {
		if (answered) {
			return null;
		}
		return "answered with something that is not the WebWork API (status " + status + ", " + contentType + ", " + bytes
				+ " bytes)";
	}

	/** The configured URL as messages show it: without any user or password in it. */
	String url() {
		return withoutUserInfo(url);
	}

	static String withoutUserInfo(String url) {
		try {
			URI uri = URI.create(url);
			return uri.getRawUserInfo() == null ? url : url.replace(uri.getRawUserInfo() + "@", "");
		}
		catch (IllegalArgumentException ex) {
			return "(the configured URL)";
		}
	}

	private String host() {
		try {
			return URI.create(url).getHost();
		}
		catch (IllegalArgumentException ex) {
			return "(unknown)";
		}
	}

	private String hostAndPort() {
		try {
			URI uri = URI.create(url);
			int port = uri.getPort() >= 0 ? uri.getPort() : "http".equals(uri.getScheme()) ? 80 : 443;
			return uri.getHost() + ":" + port;
		}
		catch (IllegalArgumentException ex) {
			return "(unknown)";
		}
	}

	private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (type.isInstance(t)) {
				return true;
			}
		}
		return false;
	}

	private static String root(Throwable failure) {
		Throwable t = failure;
		while (t.getCause() != null && t.getCause() != t) {
			t = t.getCause();
		}
		return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
	}
}

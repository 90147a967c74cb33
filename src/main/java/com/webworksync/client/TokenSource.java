package com.webworksync.client;

/**
 * Where the client's bearer token comes from: a fixed personal access token, or OAuth2 access
 * tokens that are renewed before they expire. Implementations never put a token in a message.
 */
public interface TokenSource {

	/** The token for the next request (may exchange a refresh token first). */
	String token();

	/**
	 * The API answered 401 to {@code token}. Returns true when a new token may fix it (the caller
	 * then asks {@link #token()} once more); false when nothing would.
	 */
	default boolean rejected(String token) {
		return false;
	}

	/** What a 401 means for this kind of token and what to do: names the variable, never the value. */
	default Rejection whenRejected() {
		return new Rejection("WEBWORK_API_TOKEN", "the token is invalid or expired. Create a personal access token in "
				+ "WebWork (Settings > REST API > Create Token) and set WEBWORK_API_TOKEN.");
	}

	/** {@code subject} was rejected (401 on …): {@code fix}. */
	record Rejection(String subject, String fix) {
	}

	/** A fixed personal access token. */
	static TokenSource fixed(String token) {
		return () -> token;
	}
}

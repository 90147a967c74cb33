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
		return Rejection.personalToken(null, "WEBWORK_API_TOKEN");
	}

	/**
	 * {@code subject} was rejected (401 on …): {@code fix}. {@code connection} names the configured connection
	 * whose token it was, or is null for the single token of WEBWORK_API_TOKEN.
	 */
	record Rejection(String connection, String subject, String fix) {

		/** A personal access token, set in {@code variable}, was rejected. */
		public static Rejection personalToken(String connection, String variable) {
			String subject = connection == null ? variable : "connection '" + connection + "': its token (" + variable + ")";
			return new Rejection(connection, subject, "the token is invalid or expired. Create a personal access token "
					+ "in WebWork (Settings > REST API > Create Token) and set " + (connection == null ? "" : "its ")
					+ variable + ".");
		}
	}

	/** A fixed personal access token. */
	static TokenSource fixed(String token) {
		return () -> token;
	}

	/** A fixed personal access token of a configured connection: a 401 names the connection and its variable. */
	static TokenSource fixed(String token, String connection, String variable) {
		Rejection rejection = Rejection.personalToken(connection, variable);
		return new TokenSource() {
			@Override
			public String token() {
				return token;
			}

			@Override
			public Rejection whenRejected() {
				return rejection;
			}
		};
	}
}

package com.webworksync.client;

/**
 * An API call that failed for good. Messages name the endpoint and the fix; they never
 * contain the token (it only travels in a header).
 */
public class ApiException extends RuntimeException {

	public ApiException(String message) {
		super(message);
	}

	/** 401: the token is missing, wrong or expired. Not worth retrying (exit 2). */
	public static final class Unauthorized extends ApiException {
		private final String connection;

		public Unauthorized(String endpoint) {
			this(endpoint, TokenSource.fixed("").whenRejected());
		}

		/** What the 401 means for this kind of token: the variable it names and the fix. */
		public Unauthorized(String endpoint, TokenSource.Rejection advice) {
			super(advice.subject() + " was rejected (401 on " + endpoint + "): " + advice.fix());
			this.connection = advice.connection();
		}

		/** The configured connection whose token was rejected; null for WEBWORK_API_TOKEN. */
		public String connection() {
			return connection;
		}
	}

	/** 403: the token's user is not Owner or Executive manager of the workspace (exit 2). */
	public static final class Forbidden extends ApiException {
		private final long workspaceId;

		public Forbidden(long workspaceId, String endpoint) {
			super("workspace " + workspaceId + ": access denied (403 on " + endpoint + "): the token's user must be "
					+ "Owner or Executive manager of workspace " + workspaceId
					+ ". Use such a user's token, or leave the workspace out of WEBWORK_WORKSPACE_IDS.");
			this.workspaceId = workspaceId;
		}

		public long workspaceId() {
			return workspaceId;
		}
	}

	/** 404: the endpoint does not exist on this server; optional streams are disabled for the run. */
	public static final class NotFound extends ApiException {
		public NotFound(String endpoint) {
			super("404 on " + endpoint + ": this server does not offer the endpoint");
		}
	}

	/** 400/422: the server refused the request itself. A bug in the sync: report it with the request. */
	public static final class Rejected extends ApiException {
		public Rejected(String endpoint, int status, String detail) {
			super("the API refused " + endpoint + " (" + status + "): " + detail
					+ ". This is a bug in webwork-sync; please report it with this line.");
		}
	}

	/**
	 * The configured address is not the WebWork API, and it has never answered as one (not in this run, nor in an
	 * earlier successful run): a host that does not resolve, a port where nothing listens, something that is not the
	 * API. A configuration mistake (exit 2), not an outage.
	 */
	public static final class WrongAddress extends ApiException {
		public WrongAddress(String url, String problem) {
			super("the WebWork API address " + url + " " + problem + "; check WEBWORK_API_URL (or the connection's "
					+ "WEBWORK_CONNECTIONS_<i>_URL): it is https://api.webwork-tracker.com/api/v2 for WebWork's own API");
		}
	}

	/** 5xx, 429, I/O errors or malformed bodies that outlasted every retry (exit 1, worth retrying later). */
	public static final class Unavailable extends ApiException {
		public Unavailable(String endpoint, int attempts, String lastProblem) {
			super(endpoint + " failed " + attempts + " times, last: " + lastProblem
					+ ". The API may be down or overloaded; the next run resumes from the last checkpoint.");
		}
	}
}

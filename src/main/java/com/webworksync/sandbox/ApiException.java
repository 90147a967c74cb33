package com.webworksync.sandbox;

import java.util.List;
import java.util.Map;

/** An answer other than 200, thrown from anywhere in a handler and rendered by {@link Envelope}. */
final class ApiException extends RuntimeException {

	static final String ROLE_MESSAGE = "This action is unauthorized. Only workspace owners and executive managers can access this resource.";

	final int status;

	final String error;

	final Map<String, List<String>> errors;

	ApiException(int status, String message, String error, Map<String, List<String>> errors) {
		super(message, null, false, false);
		this.status = status;
		this.error = error;
		this.errors = errors;
	}

	static ApiException forbidden() {
		return new ApiException(403, ROLE_MESSAGE, null, null);
	}

	static ApiException notFound() {
		return new ApiException(404, "The requested resource was not found.", null, null);
	}

	static ApiException invalid(Map<String, List<String>> errors) {
		return new ApiException(422, "The given data was invalid.", null, errors);
	}

}

package com.webworksync.sandbox;

import java.util.List;
import java.util.Map;

/** An answer other than 200, thrown from anywhere in a handler and rendered by {@link Envelope}. */
final class ErrorAnswer extends RuntimeException {

	static final String ROLE_MESSAGE = "This action is unauthorized. Only workspace owners and executive managers can access this resource.";

	final int status;

	final String error;

	final Map<String, List<String>> errors;

	ErrorAnswer(int status, String message, String error, Map<String, List<String>> errors) {
		super(message, null, false, false);
		this.status = status;
		this.error = error;
		this.errors = errors;
	}

	static ErrorAnswer forbidden() {
		return new ErrorAnswer(403, ROLE_MESSAGE, null, null);
	}

	static ErrorAnswer notFound() {
		return new ErrorAnswer(404, "The requested resource was not found.", null, null);
	}

	static ErrorAnswer invalid(Map<String, List<String>> errors) {
		return new ErrorAnswer(422, "The given data was invalid.", null, errors);
	}

}

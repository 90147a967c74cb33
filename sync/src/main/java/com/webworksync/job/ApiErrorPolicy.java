package com.webworksync.job;

import java.util.List;

import com.webworksync.client.ApiException;

/**
 * What the job does when a request fails for good (the client has retried what is worth retrying): one table,
 * carried out in one place ({@code PageReader.carryOn}, the one reader of every stream), and read by {@link ExitCodes}
 * for the exit code of a run it stops. The first rule whose error the failure is an instance of decides.
 */
public final class ApiErrorPolicy {

	/** What the readers do with a failed page. */
	public enum Action {
		/** The workspace is left out of the rest of the run; the others go on, and the run exits 2 at the end. */
		SKIP_WORKSPACE,
		/** The token leaves the pools of its workspaces; where none is left to read them, the run stops (exit 2). */
		DROP_TOKEN,
		/** The stream is skipped in this run (an optional endpoint this server does not offer). */
		DISABLE_STREAM,
		/** The run stops with the failure's one line; the next run resumes from the last checkpoint. */
		FAIL_RUN
	}

	/**
	 * One row of the table: for failures of type {@code error}, the action on a required stream, the action on an
	 * optional one, and the exit code when the failure ends the run.
	 */
	public record Rule(Class<? extends ApiException> error, Action required, Action optional, int exitCode) {
	}

	/** The table, most specific first. */
	public static final List<Rule> RULES = List.of(
			// 403: the token's user is not Owner or Executive manager of that workspace
			new Rule(ApiException.Forbidden.class, Action.SKIP_WORKSPACE, Action.SKIP_WORKSPACE, ExitCodes.CONFIGURATION),
			// 401: the token is wrong or expired; no other workspace of it can be read either
			new Rule(ApiException.Unauthorized.class, Action.DROP_TOKEN, Action.DROP_TOKEN, ExitCodes.CONFIGURATION),
			// 404: the endpoint does not exist on this server
			new Rule(ApiException.NotFound.class, Action.FAIL_RUN, Action.DISABLE_STREAM, ExitCodes.FAILED),
			// 400/422: the server refused the request itself (a bug in the sync)
			new Rule(ApiException.Rejected.class, Action.FAIL_RUN, Action.FAIL_RUN, ExitCodes.FAILED),
			// an address that has never answered as the API: a configuration mistake, named at once
			new Rule(ApiException.WrongAddress.class, Action.FAIL_RUN, Action.FAIL_RUN, ExitCodes.CONFIGURATION),
			// 5xx, 429 and I/O errors that outlasted every retry: worth another run later
			new Rule(ApiException.Unavailable.class, Action.FAIL_RUN, Action.FAIL_RUN, ExitCodes.FAILED),
			new Rule(ApiException.class, Action.FAIL_RUN, Action.FAIL_RUN, ExitCodes.FAILED));

	private ApiErrorPolicy() {
	}

	/** The rule for a failure: the first one whose type it is. */
	public static Rule ruleFor(ApiException failure) {
		return RULES.stream().filter(rule -> rule.error().isInstance(failure)).findFirst().orElseThrow();
	}

	/** What a reader does with the failure, on a stream that is optional or not. */
	public static Action actionFor(ApiException failure, boolean optionalStream) {
		Rule rule = ruleFor(failure);
		return optionalStream ? rule.optional() : rule.required();
	}

	/** The exit code of a run the failure ends. */
	public static int exitCode(ApiException failure) {
		return ruleFor(failure).exitCode();
	}
}

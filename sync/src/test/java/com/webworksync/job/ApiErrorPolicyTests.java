package com.webworksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.BatchStatus;

import com.webworksync.client.ApiException;
import com.webworksync.client.TokenSource;
import com.webworksync.job.ApiErrorPolicy.Action;

/** The API error policy and the exit codes on plain values: no sandbox, no warehouse. */
@Tag("plain")
class ApiErrorPolicyTests {

	static Stream<Arguments> everyKindOfFailure() {
		return Stream.of(
				Arguments.of(new ApiException.Forbidden(7, "/projects"), Action.SKIP_WORKSPACE, Action.SKIP_WORKSPACE, 2),
				Arguments.of(new ApiException.Unauthorized("/workspaces"), Action.DROP_TOKEN, Action.DROP_TOKEN, 2),
				Arguments.of(new ApiException.NotFound("/expenses"), Action.FAIL_RUN, Action.DISABLE_STREAM, 1),
				Arguments.of(new ApiException.Rejected("/tasks", 422, "bad date"), Action.FAIL_RUN, Action.FAIL_RUN, 1),
				Arguments.of(new ApiException.Unavailable("/tasks", 5, "503"), Action.FAIL_RUN, Action.FAIL_RUN, 1),
				Arguments.of(new ApiException("odd"), Action.FAIL_RUN, Action.FAIL_RUN, 1));
	}

	@ParameterizedTest
	@MethodSource("everyKindOfFailure")
	void eachFailureHasItsActionAndExitCode(ApiException failure, Action onRequired, Action onOptional, int exitCode) {
		assertThat(ApiErrorPolicy.actionFor(failure, false)).isEqualTo(onRequired);
		assertThat(ApiErrorPolicy.actionFor(failure, true)).isEqualTo(onOptional);
		assertThat(ApiErrorPolicy.exitCode(failure)).isEqualTo(exitCode);
		// a run the failure ends exits with the policy's code and the failure's own line, however deeply wrapped
		ExitCodes.Failure ended = ExitCodes.classify(new IllegalStateException("step failed",
				new RuntimeException(failure)));
		assertThat(ended.exitCode()).isEqualTo(exitCode);
		assertThat(ended.message()).isEqualTo(failure.getMessage());
	}

	@Test
	void everyKindOfApiFailureHasARuleOfItsOwn() {
		List<Class<?>> declared = Arrays.stream(ApiException.class.getDeclaredClasses())
			.filter(ApiException.class::isAssignableFrom)
			.toList();
		assertThat(declared).hasSizeGreaterThanOrEqualTo(5);
		assertThat(ApiErrorPolicy.RULES).extracting(ApiErrorPolicy.Rule::error).containsAll(declared.stream()
			.map(type -> type.asSubclass(ApiException.class))
			.toList());
		// the catch-all comes last, or it would shadow the specific rules
		assertThat(ApiErrorPolicy.RULES.get(ApiErrorPolicy.RULES.size() - 1).error()).isEqualTo(ApiException.class);
	}

	@Test
	void aNamedConnectionsRejectedTokenNamesTheConnectionAndItsVariableNeverTheToken() {
		TokenSource tokens = TokenSource.fixed("secret-token-42", "beta", "WEBWORK_CONNECTIONS_<i>_TOKEN");
		ApiException.Unauthorized refused = new ApiException.Unauthorized("/workspaces", tokens.whenRejected());
		assertThat(refused.connection()).isEqualTo("beta");
		assertThat(refused.getMessage())
			.startsWith("connection 'beta': its token (WEBWORK_CONNECTIONS_<i>_TOKEN) was rejected (401 on /workspaces)")
			.endsWith("set its WEBWORK_CONNECTIONS_<i>_TOKEN.")
			.doesNotContain("secret-token-42")
			.doesNotContain("WEBWORK_API_TOKEN");
		ApiException.Unauthorized single = new ApiException.Unauthorized("/workspaces");
		assertThat(single.connection()).isNull();
		assertThat(single.getMessage()).startsWith("WEBWORK_API_TOKEN was rejected (401 on /workspaces)");
	}

	@Test
	void aFinishedRunsExitCodeComesFromItsStatus() {
		assertThat(ExitCodes.ofRun(BatchStatus.COMPLETED, List.of(), null, null)).isEqualTo(new ExitCodes.Failure(0, null));
		assertThat(ExitCodes.ofRun(BatchStatus.COMPLETED, List.of("workspace 7: denied", "workspace 9: denied"), null, null))
			.isEqualTo(new ExitCodes.Failure(2, "workspace 7: denied | workspace 9: denied"));
		ExitCodes.Failure stopped = ExitCodes.ofRun(BatchStatus.STOPPED, List.of(), null, "SYNC_DEADLINE of 10m");
		assertThat(stopped.exitCode()).isEqualTo(3);
		assertThat(stopped.message()).startsWith("stopped early (SYNC_DEADLINE of 10m)");
		assertThat(ExitCodes.ofRun(BatchStatus.FAILED, List.of(), new ApiException.Forbidden(7, "/tasks"), null).exitCode())
			.isEqualTo(2);
		assertThat(ExitCodes.ofRun(BatchStatus.FAILED, List.of(), null, null)).isEqualTo(new ExitCodes.Failure(1, "the run failed"));
	}
}

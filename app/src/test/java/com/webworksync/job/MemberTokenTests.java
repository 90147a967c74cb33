package com.webworksync.job;

import static com.webworksync.job.RunChecks.assertNoStackTrace;
import static com.webworksync.job.RunChecks.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import com.webworksync.SyncHarness;
import com.webworksync.demo.Demo;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.sandbox.Tokens;

/**
 * The {@code sandbox} command's member token (a user neither Owner nor Executive manager): the command prints it at
 * start, and a sync with it exits 2 with one line that names the role problem, never the token.
 */
@ExtendWith(OutputCaptureExtension.class)
class MemberTokenTests {

	@Test
	void theSandboxCommandOffersTheMemberToken(CapturedOutput output) throws Exception {
		AtomicInteger exit = new AtomicInteger(-1);
		Thread command = new Thread(() -> exit.set(Demo.serveSandbox(new MockEnvironment().withProperty("sandbox.port", "0"))));
		command.start();
		for (int i = 0; i < 600 && !output.getOut().contains("member token"); i++) {
			Thread.sleep(50);
		}
		command.interrupt();
		command.join(10_000);

		assertThat(exit.get()).isEqualTo(ExitCodes.OK);
		assertThat(output.getOut()).contains("token 'sandbox-token'")
			.contains("member token '" + Tokens.MEMBER_TOKEN + "'")
			.contains(Tokens.MEMBER_ROLE);
	}

	@Test
	void aSyncWithTheMemberTokenExits2NamingTheRoleAndNotTheToken(CapturedOutput output) throws Exception {
		try (Sandbox sandbox = Demo.startSandbox(RunChecks.small());
				SyncHarness harness = SyncHarness.on(sandbox).with("webwork.api.token", Tokens.MEMBER_TOKEN)) {

			assertThat(harness.main("sync")).isEqualTo(ExitCodes.CONFIGURATION);

			List<String> lines = output.getErr().lines().filter(l -> !l.isBlank()).toList();
			assertThat(lines).singleElement(InstanceOfAssertFactories.STRING)
				.startsWith("webwork-sync: ")
				.contains(Tokens.MEMBER_ROLE)
				.contains("Owner or Executive manager");
			assertThat(output.getAll()).doesNotContain(Tokens.MEMBER_TOKEN);
			assertNoStackTrace(output);
			assertThat(count(harness.databaseUrl(), "select count(*) from sync.runs where exit_code = 2 and error_message like '%"
					+ Tokens.MEMBER_ROLE + "%'")).isEqualTo(1);
			assertThat(count(harness.databaseUrl(), "select count(*) from sync.runs where error_message like '%"
					+ Tokens.MEMBER_TOKEN + "%'")).isZero();
		}
	}
}

package com.webworksync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.webworksync.WebworkSyncApplication;
import com.webworksync.job.ExitCodes;

/** "Did you mean …?" on plain values, and the command line's mistyped commands and options. */
@ExtendWith(OutputCaptureExtension.class)
@Tag("plain")
class SuggestionsTests {

	private static final Clock CLOCK = Clock.systemUTC();

	@Test
	void distanceCountsInsertionsDeletionsSubstitutionsAndSwaps() {
		assertThat(Suggestions.distance("sync", "sync")).isZero();
		assertThat(Suggestions.distance("snyc", "sync")).isEqualTo(1);
		assertThat(Suggestions.distance("form", "from")).isEqualTo(1);
		assertThat(Suggestions.distance("syncc", "sync")).isEqualTo(1);
		assertThat(Suggestions.distance("plna", "plan")).isEqualTo(1);
		assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
		assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
	}

	@Test
	void nearestOnlyWhenNearEnough() {
		assertThat(Suggestions.nearest("snyc", Command.NAMES)).contains("sync");
		assertThat(Suggestions.nearest("STATSU", Command.NAMES)).contains("status");
		assertThat(Suggestions.nearest("--form", List.of("--from", "--to"))).contains("--from");
		assertThat(Suggestions.nearest("--t", List.of("--from", "--to"))).contains("--to");
		assertThat(Suggestions.nearest("deploy", Command.NAMES)).isEmpty();
		assertThat(Suggestions.nearest("xy", List.of("to"))).isEmpty();
	}

	@Test
	void aMistypedCommandSuggestsTheNearest() {
		assertThatThrownBy(() -> Command.parse(new String[] { "snyc" }, true, CLOCK)).isInstanceOf(ConfigurationException.class)
			.hasMessage("unknown command snyc; did you mean sync? (see --help)");
		assertThatThrownBy(() -> Command.parse(new String[] { "deploy" }, true, CLOCK))
			.hasMessageContaining("unknown command deploy; commands: sync, refresh, plan, status, erase, receive, demo, sandbox, bench");
	}

	@Test
	void aMistypedOptionNamesItTheCommandAndTheNearest() {
		assertThatThrownBy(() -> Command.parse(new String[] { "sync", "--form=2026-11-01" }, true, CLOCK))
			.isInstanceOf(ConfigurationException.class)
			.hasMessage("unknown option --form for sync; did you mean --from?");
		assertThatThrownBy(() -> Command.parse(new String[] { "plan", "--jsno" }, true, CLOCK))
			.hasMessage("unknown option --jsno for plan; did you mean --json?");
		assertThatThrownBy(() -> Command.parse(new String[] { "--form=2026-11-01" }, true, CLOCK))
			.hasMessage("unknown option --form for sync; did you mean --from?");
		assertThatThrownBy(() -> Command.parse(new String[] { "bench", "--member=5" }, true, CLOCK))
			.hasMessage("unknown option --member for bench; did you mean --members? (--member goes with erase)");
		assertThatThrownBy(() -> Command.parse(new String[] { "sync", "--verbose" }, true, CLOCK))
			.hasMessage("unknown option --verbose for sync; its options: --from, --to, --hints");
		assertThatThrownBy(() -> Command.parse(new String[] { "status", "--jsn" }, true, CLOCK))
			.hasMessage("unknown option --jsn for status; it takes no options");
	}

	@Test
	void anOptionOfAnotherCommandOrWithoutItsValueSaysSo() {
		assertThatThrownBy(() -> Command.parse(new String[] { "sync", "--serve" }, true, CLOCK))
			.hasMessage("--serve only goes with demo, not with sync");
		assertThatThrownBy(() -> Command.parse(new String[] { "status", "--from=2025-01-01" }, true, CLOCK))
			.hasMessage("--from only goes with sync, refresh, plan or demo, not with status");
		assertThatThrownBy(() -> Command.parse(new String[] { "sync", "--from" }, true, CLOCK))
			.hasMessageStartingWith("--from needs a value");
		assertThatThrownBy(() -> Command.parse(new String[] { "plan", "--json=yes" }, true, CLOCK))
			.hasMessageStartingWith("--json takes no value");
	}

	@Test
	void everyDocumentedOptionAndAnySpringPropertyIsAccepted() {
		assertThat(Command.parse(new String[] { "sync", "--from=2025-01-01", "--to=2025-01-31" }, true, CLOCK).from()).isNotNull();
		assertThat(Command.parse(new String[] { "plan", "--json", "--from=2025-01-01" }, true, CLOCK).json()).isTrue();
		assertThat(Command.parse(new String[] { "demo", "--serve" }, false, CLOCK).serve()).isTrue();
		assertThat(Command.parse(new String[] { "--serve" }, false, CLOCK).name()).isEqualTo("demo");
		assertThat(Command.parse(new String[] { "bench", "--members=50", "--days=365", "--size=all" }, true, CLOCK).name())
			.isEqualTo("bench");
		assertThat(Command.parse(new String[] { "sync", "--webwork.connections[0].name=acme",
				"--webwork.connections[0].token=t", "--warehouse.url=jdbc:postgresql://h/db", "--sync.lookback-days=3",
				"--logging.level.root=WARN" }, true, CLOCK).name()).isEqualTo("sync");
		for (String[] help : new String[][] { { "--help" }, { "-h" }, { "help" }, { "sync", "--help" },
				{ "sync", "--form=x", "--help" } }) {
			assertThat(Command.parse(help, true, CLOCK).help()).isTrue();
		}
	}

	@Test
	void helpListsSigtermUnderExit3() {
		String exitCodes = Command.usage().substring(Command.usage().indexOf("Exit codes:"));
		assertThat(exitCodes.lines().filter(l -> l.trim().startsWith("3 "))).singleElement()
			.satisfies(line -> assertThat(line).contains("SIGTERM").contains("SYNC_DEADLINE"));
	}

	@Test
	void helpPrintsWithoutStartingAnythingAndATypoBesideItIsNoError(CapturedOutput output) {
		for (String[] args : new String[][] { { "--help" }, { "bench", "--help" }, { "sync", "--form=2026-11-01", "--help" } }) {
			assertThat(WebworkSyncApplication.run(args, Map.of())).isEqualTo(ExitCodes.OK);
		}
		assertThat(output.getOut()).contains("Usage: java -jar target/webwork-sync.jar").contains("SIGTERM")
			.doesNotContain("Starting").doesNotContain("HikariPool");
		assertThat(output.getErr()).isEmpty();
	}
}

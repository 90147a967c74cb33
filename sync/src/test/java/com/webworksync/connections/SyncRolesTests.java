package com.webworksync.connections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Who may be synced from, on plain values. */
@Tag("plain")
class SyncRolesTests {

	@Test
	void ownersAndExecutiveManagersCanSyncWhateverTheCase() {
		assertThat(SyncRoles.canSync("Owner")).isTrue();
		assertThat(SyncRoles.canSync("executive manager")).isTrue();
		assertThat(SyncRoles.canSync(" Executive Manager ")).isTrue();
	}

	@Test
	void otherRolesCannot() {
		assertThat(SyncRoles.canSync("Member")).isFalse();
		assertThat(SyncRoles.canSync("Manager")).isFalse();
		assertThat(SyncRoles.canSync("Project viewer")).isFalse();
	}

	@Test
	void aListThatDoesNotSayTheRoleLeavesTheDecisionToTheApi() {
		assertThat(SyncRoles.canSync(null)).isTrue();
		assertThat(SyncRoles.canSync("")).isTrue();
	}

	@Test
	void theRuleDoesNotDependOnTheMachinesLocale() {
		Locale before = Locale.getDefault();
		try {
			Locale.setDefault(Locale.forLanguageTag("tr-TR")); // "EXECUTIVE".toLowerCase() has a dotless i there
			assertThat(SyncRoles.canSync("EXECUTIVE MANAGER")).isTrue();
		}
		finally {
			Locale.setDefault(before);
		}
	}
}

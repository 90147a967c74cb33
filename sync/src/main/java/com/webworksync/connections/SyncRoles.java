package com.webworksync.connections;

import java.util.Locale;
import java.util.Set;

/** The one rule of who may be synced from: the API serves the reports and lists only to an Owner or Executive Manager. */
public final class SyncRoles {

	/** How messages name the roles that can sync. */
	public static final String NAMES = "Owner or Executive Manager";

	private static final Set<String> ROLES = Set.of("owner", "executive manager");

	private SyncRoles() {
	}

	/** Whether a user of this role (as a workspace list gives it; null or blank when the list does not say) can sync. */
	public static boolean canSync(String role) {
		return role == null || role.isBlank() || ROLES.contains(role.trim().toLowerCase(Locale.ROOT));
	}
}

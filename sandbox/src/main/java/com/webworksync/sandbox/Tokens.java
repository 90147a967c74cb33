package com.webworksync.sandbox;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens the sandbox accepts, each with its user's role in every workspace: the options' token, and more added
 * for a pool of one workspace's Owner and Executive Managers. Each is rate-limited on its own (the API's limit is per
 * user), and any can be revoked mid-run: from then on it gets 401.
 */
public final class Tokens {

	/**
	 * The token of a member who is neither Owner nor Executive manager, which the {@code sandbox} command accepts
	 * beside the Owner's: it lists the workspaces, and every report and list a sync needs answers 403.
	 */
	public static final String MEMBER_TOKEN = "sandbox-member-token";
	public static final String MEMBER_ROLE = "Regular User";

	private final Map<String, String> roles = new ConcurrentHashMap<>();
	private final Set<String> revoked = ConcurrentHashMap.newKeySet();

	Tokens(SandboxOptions options) {
		roles.put(options.token(), options.callerRole());
	}

	/** Accepts {@code token} from now on, for a user with {@code role} (e.g. "Executive manager", "Regular User"). */
	public void add(String token, String role) {
		roles.put(token, role);
		revoked.remove(token);
	}

	/** {@code token} is rejected (401) from now on. */
	public void revoke(String token) {
		revoked.add(token);
	}

	/** The token of an {@code Authorization: Bearer …} header when the sandbox accepts it, else null. */
	String accepted(String authorization) {
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			return null;
		}
		String token = authorization.substring(7);
		return roles.containsKey(token) && !revoked.contains(token) ? token : null;
	}

	String role(String token) {
		return roles.get(token);
	}

	static boolean manager(String role) {
		return "Owner".equals(role) || "Executive manager".equals(role);
	}
}

package com.webworksync.privacy;

import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * sync.rekeyed_names: how erase still finds the expenses a key rotation re-keyed. Expenses name a member by full name
 * only, and erase finds them by the full name the member's leave balance stores; a rotation re-keys both alike
 * ({@code k1>k2:}), but the next runs re-read the balances under the new key ({@code k2:}) while old months of
 * expenses keep the fallback. So when the rotation has re-keyed the balances, before anything is re-read, their names
 * are kept here with the member's id; a later rotation re-keys the kept names as it re-keys the expenses.
 */
final class RekeyedNames {

	/** The table whose full names, with the member's id, are how erase finds a member's expenses. */
	static final String SOURCE = "leave_balances";

	private RekeyedNames() {
	}

	/** After the rotation has re-keyed {@link #SOURCE}: the names kept so far re-keyed too, then the new ones kept. */
	static void keep(DSLContext ctx, Rekey rekey) {
		for (Record kept : ctx.fetch("select workspace_id, user_id, user_name from sync.rekeyed_names")) {
			String name = kept.get(2, String.class);
			if (rekey.isOld(name)) {
				ctx.execute("insert into sync.rekeyed_names (workspace_id, user_id, user_name) values (?, ?, ?) on conflict do nothing",
						kept.get(0), kept.get(1), rekey.of(name));
				ctx.execute("delete from sync.rekeyed_names where workspace_id = ? and user_id = ? and user_name = ?", kept.get(0),
						kept.get(1), name);
			}
		}
		ctx.execute("insert into sync.rekeyed_names (workspace_id, user_id, user_name) select distinct workspace_id, user_id, "
				+ "user_name from webwork." + SOURCE + " where user_name like ? on conflict do nothing", rekey.prefix() + "%");
	}

	/** The kept names of one member: binds workspace, member. */
	static final String OF_PERSON = "select user_name from sync.rekeyed_names where workspace_id = ? and user_id = ?";
}

package com.webworksync.observe;

import java.util.List;

/**
 * Something a run left out of the warehouse, and what brings it in: one entry of "not synced yet" in the summary at
 * the end of {@code sync}.
 *
 * @param what what is missing ("workspace 7", "stream leave_policies", "the rest of run 12's plan: …")
 * @param fix the command or setting that fixes it, or why nothing needs fixing
 */
public record Pending(String what, String fix) {

	/**
	 * A kind of thing a run can leave out. Each is a component: the summary asks every one of them, so another kind
	 * is one more implementation.
	 */
	public interface Source {
		/** What {@code run} (just finished, in this process) left out; empty when nothing. */
		List<Pending> pending(RunSummary run);
	}
}

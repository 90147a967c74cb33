package com.webworksync.sandbox;

import java.util.ArrayList;
import java.util.List;

/** The injected fault rules and how many applications each has left. Thread-safe. */
public final class Faults {

	/** A rule with its own countdowns; the {@link Fault} itself stays immutable. */
	private static final class Rule {

		final Fault fault;

		int skipLeft;

		int timesLeft;

		Rule(Fault fault) {
			this.fault = fault;
			this.skipLeft = fault.skip();
			this.timesLeft = fault.times();
		}

	}

	private final List<Rule> rules = new ArrayList<>();

	public synchronized void inject(Fault fault) {
		rules.add(new Rule(fault));
	}

	public synchronized void clear() {
		rules.clear();
	}

	/** Total remaining applications over all rules. */
	public synchronized int pending() {
		return rules.stream().mapToInt(r -> r.timesLeft).sum();
	}

	/**
	 * The fault that applies to this request, if any. Rules are checked in order; a matching rule
	 * that still has requests to let pass counts this one and the search goes on.
	 */
	synchronized Fault take(String path) {
		for (Rule rule : rules) {
			if (rule.timesLeft == 0 || !rule.fault.matches(path)) {
				continue;
			}
			if (rule.skipLeft > 0) {
				rule.skipLeft--;
				continue;
			}
			rule.timesLeft--;
			return rule.fault;
		}
		return null;
	}

}

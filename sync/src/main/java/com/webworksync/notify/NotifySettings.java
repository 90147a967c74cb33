package com.webworksync.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.env.PropertyResolver;

import com.webworksync.config.ConfigurationException;
import com.webworksync.config.Variables;
import com.webworksync.signing.Signature;

/**
 * NOTIFY_URLS, NOTIFY_SECRET, NOTIFY_TIMEOUT and NOTIFY_SLOW_AFTER, checked: every receiver an http(s) URL, a secret
 * when a bare URL wants signing. Messages name the variable, never a URL or the secret.
 *
 * @param key the HMAC key of NOTIFY_SECRET; null when it is not set
 * @param slowAfter null: no run.slow
 */
public record NotifySettings(List<Receiver> receivers, byte[] key, Duration timeout, Duration slowAfter) {

	public static NotifySettings from(PropertyResolver env) {
		String variable = Variables.NOTIFY_URLS.name();
		List<Receiver> receivers = new ArrayList<>();
		String[] entries = Variables.NOTIFY_URLS.read(env).split(",");
		for (int i = 0; i < entries.length; i++) {
			if (!entries[i].isBlank()) {
				receivers.add(Receiver.parse(entries[i], variable, receivers.size() + 1));
			}
		}
		String secret = Variables.NOTIFY_SECRET.read(env);
		byte[] key = secret.isBlank() ? null : key(secret, Variables.NOTIFY_SECRET.name());
		if (key == null && receivers.stream().anyMatch(r -> r.kind() == Receiver.Kind.STANDARD)) {
			throw new ConfigurationException(Variables.NOTIFY_SECRET.name() + " is required when " + variable
					+ " has a bare URL (Standard Webhooks are signed with it): whsec_ and the base64 of random bytes, e.g. "
					+ "whsec_$(openssl rand -base64 32); or prefix the URL with json: for unsigned requests");
		}
		Duration timeout = Variables.NOTIFY_TIMEOUT.read(env);
		if (timeout.isZero()) {
			throw new ConfigurationException(Variables.NOTIFY_TIMEOUT.name() + " must be longer than 0, such as "
					+ Variables.NOTIFY_TIMEOUT.defaultText());
		}
		return new NotifySettings(List.copyOf(receivers), key, timeout, Variables.NOTIFY_SLOW_AFTER.read(env));
	}

	/** The key of a {@code whsec_} secret, or a {@link ConfigurationException} naming the variable (never the secret). */
	public static byte[] key(String secret, String variable) {
		try {
			return Signature.key(secret);
		}
		catch (Signature.BadSecret ex) {
			throw new ConfigurationException(variable + " " + ex.getMessage());
		}
	}

	public boolean enabled() {
		return !receivers.isEmpty();
	}

	/** Never the URLs or the key: a record's own toString would print them. */
	@Override
	public String toString() {
		return "NotifySettings" + receivers + " timeout " + timeout;
	}
}

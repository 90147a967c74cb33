package com.webworksync.hooks;

import org.springframework.core.env.PropertyResolver;

import com.webworksync.config.ConfigurationException;
import com.webworksync.config.Variables;

/**
 * WEBWORK_WEBHOOK_URL, WEBWORK_RECEIVER_PORT and WEBWORK_RECEIVER_SIGNATURE, checked: a webhook URL needs
 * WEBWORK_CREDENTIALS_KEY, since the secret POST /webhooks returns is kept encrypted with it.
 *
 * @param url the receiver's public base URL; null: no subscriptions, nothing changes from a run without webhooks
 * @param hexHeader null for Standard Webhooks; else the header that carries a hex HMAC-SHA256 of the body
 */
public record WebhookSettings(String url, int port, String hexHeader) {

	public static WebhookSettings from(PropertyResolver env) {
		String url = Variables.WEBHOOK_URL.read(env);
		if (url != null && Variables.CREDENTIALS_KEY.read(env) == null) {
			throw new ConfigurationException(Variables.CREDENTIALS_KEY.name() + " is required when "
					+ Variables.WEBHOOK_URL.name() + " is set: the webhooks' signing secrets are stored encrypted with it "
					+ "(openssl rand -base64 32)");
		}
		String signature = Variables.RECEIVER_SIGNATURE.read(env);
		return new WebhookSettings(url == null ? null : url.replaceAll("/+$", ""), Variables.RECEIVER_PORT.read(env),
				signature.startsWith("hex-hmac:") ? signature.substring("hex-hmac:".length()) : null);
	}

	public boolean subscribing() {
		return url != null;
	}

	/** Where a connection's deliveries go: one path per connection, so a secret is looked up by it. */
	public String urlOf(String connection) {
		return url + "/" + connection;
	}
}

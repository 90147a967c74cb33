package com.webworksync.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

import com.webworksync.connections.Connections;
import com.webworksync.job.ExitCodes;
import com.webworksync.config.Launcher;

/**
 * A child process for {@link OAuthProcessTests}: starts the application's context, waits until
 * the barrier file exists (so two of them go at once), then makes one API request through the
 * default connection (which first gets an access token) and exits 0.
 */
public final class RefreshOnce {

	private RefreshOnce() {
	}

	public static void main(String[] args) throws Exception {
		Path barrier = Path.of(args[0]);
		String[] properties = Arrays.copyOfRange(args, 1, args.length);
		int code;
		try (ConfigurableApplicationContext context = Launcher.start(properties, Map.of())) {
			System.out.println("ready");
			System.out.flush();
			while (!Files.exists(barrier)) {
				Thread.sleep(5);
			}
			int workspaces = context.getBean(Connections.class).client("default").page("/workspaces", Map.of(), 1, 100).items().size();
			System.out.println("refreshed: " + workspaces + " workspace(s)");
			code = ExitCodes.OK;
		}
		catch (Throwable failure) {
			System.out.println("failed: " + ExitCodes.classify(failure).message());
			code = ExitCodes.classify(failure).exitCode();
		}
		System.out.flush();
		System.exit(code);
	}
}

package com.webworksync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Local ports for tests: one free now, for a server the test starts, or one held that refuses every connection. */
public final class FreePort {

	private FreePort() {
	}

	/** A port nothing listens on now, for a server the test starts on it next. */
	public static int pick() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * A socket bound to a loopback port and never connected nor listening: while it is open the port is ours and
	 * refuses connections, and no other process (a second copy of the suite, say) can take it, as it could a port
	 * merely free now.
	 */
	public static Socket refusing() {
		Socket socket = new Socket();
		try {
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			return socket;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

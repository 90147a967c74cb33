package com.webworksync.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request as the sandbox saw it.
 *
 * @param path without /api/v2, e.g. "/members"
 * @param status the status finally sent (for a reset connection: the status in the headers)
 * @param caller the accepted token that sent it (a sandbox token, never a real one); null when it was not accepted
 *        or came with an OAuth access token
 */
public record RecordedRequest(Instant at, String method, String path, Map<String, List<String>> query, int status,
		boolean authorized, String caller) {
}

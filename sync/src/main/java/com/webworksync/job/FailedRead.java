package com.webworksync.job;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.webworksync.client.ApiException;
import com.webworksync.connections.Connections;
import com.webworksync.connections.Pools;
import com.webworksync.streams.Partition;
import com.webworksync.streams.StreamDef;

/**
 * What a worker does when a page cannot be read: {@link ApiErrorPolicy} carried out for one connection's worker. The
 * workspace refused (403) leaves the worker's pool or fails the workspace; a token refused leaves its pools when
 * others read what it did; a stream the token may not read is skipped for the run.
 */
final class FailedRead {

	private static final Logger log = LoggerFactory.getLogger(FailedRead.class);

	private final String connection;
	private final Connections connections;
	private final Pools pools;
	private final RunState runState;

	FailedRead(String connection, Connections connections, Pools pools, RunState runState) {
		this.connection = connection;
		this.connections = connections;
		this.pools = pools;
		this.runState = runState;
	}

	/**
	 * True to go on with the next partition, false to end this worker (the stream is skipped); a failure that ends the
	 * run is thrown. {@code own}: the stream is the worker's own (a hinted partition of another stream that the token
	 * may not read skips that stream, and the worker goes on with its own).
	 */
	boolean carryOn(StreamDef stream, boolean own, Partition partition, ApiException failure) {
		switch (ApiErrorPolicy.actionFor(failure, stream.optional())) {
			case SKIP_WORKSPACE -> {
				refused(partition, failure);
				return true;
			}
			case DROP_TOKEN -> {
				if (!othersRead(partition)) {
					throw failure; // no other token reads what this one did: exit 2
				}
				pools.reject(connection, failure.getMessage());
				return true; // the pools' other members read its workspaces
			}
			case DISABLE_STREAM -> {
				if (runState.disable(stream.name())) {
					log.warn("{}: {}; the stream is skipped in this run", stream.name(), failure.getMessage());
				}
				return !own;
			}
			default -> throw failure;
		}
	}

	/**
	 * Whether other members read what this connection's rejected token covered: the partition's workspace, or for a
	 * workspace list every workspace the connection names; all of them pooled, each with another member left.
	 */
	private boolean othersRead(Partition partition) {
		List<Long> workspaces = partition.workspaceId() == 0 ? connections.connection(connection).workspaceIds()
				: List.of(partition.workspaceId());
		return !workspaces.isEmpty() && workspaces.stream()
			.allMatch(workspace -> pools.pooled(workspace)
					&& pools.members(workspace).stream().anyMatch(member -> !member.equals(connection)));
	}

	/** A 403: the worker leaves that workspace's pool; with no member left (or none pooled) the workspace fails. */
	private void refused(Partition partition, ApiException ex) {
		long workspace = partition.workspaceId();
		if (pools.pooled(workspace)) {
			pools.leave(connection, workspace, ex.getMessage());
			if (!pools.members(workspace).isEmpty()) {
				return;
			}
		}
		if (runState.fail(workspace, ex.getMessage())) {
			log.error(ex.getMessage());
		}
	}
}

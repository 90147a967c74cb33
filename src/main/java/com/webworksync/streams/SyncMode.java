package com.webworksync.streams;

/** How a stream's rows are kept in step with the source (DESIGN "streams"). */
public enum SyncMode {
	/** Small dimensions: every run reads every page; rows no longer returned get _deleted_at. */
	FULL,
	/** Facts addressed by date: the planned date partitions are re-read; vanished rows get _deleted_at. */
	WINDOWED,
	/** Point-in-time state: one set of rows per snapshot date. */
	SNAPSHOT
}

package com.webworksync.config;

/** The --help text: the commands, the environment (from {@link Variables}) and the exit codes. */
final class Usage {

	private Usage() {
	}

	static String text() {
		return """
				webwork-sync: copies a WebWork Tracker workspace (REST API V2) into PostgreSQL.

				Usage: java -jar target/webwork-sync.jar [command] [options]

				Commands:
				  sync                      incremental sync of every enabled stream (default when a token is set)
				  sync --from=YYYY-MM-DD [--to=YYYY-MM-DD]
				                            also backfill that range (resumable)
				  sync --hints              read only what the open webhook hints name (docs/guide/webhooks.md)
				  refresh --streams=a,b [--from=YYYY-MM-DD [--to=YYYY-MM-DD]] [--workspace=ID]
				                            re-read those streams over that range (default: the lookback window),
				                            every partition, changed or not; rows gone at the source get _deleted_at
				  plan [--json]             what the next run would read: partitions, requests and ETA per stream (no API calls)
				  plan refresh --streams=a,b [--from --to] [--workspace=ID] [--json]
				                            what that refresh would read and cost (no API calls)
				  status                    the last runs and each stream's freshness per workspace, from the warehouse (no API calls)
				  erase --member=ID | --viewer=ID [--workspace=ID] [--dry-run] [--yes]
				                            scrub that person's names, e-mails and texts from every table, history and raw
				                            (docs/privacy.md); --yes is required on a terminal
				  receive                   the webhook receiver: verifies WebWork's deliveries at /webhooks/<connection> on
				                            WEBWORK_RECEIVER_PORT (default %s) and records them as hints (docs/guide/webhooks.md)
				  receive --unsubscribe     delete the webhooks of ours at WebWork (never anyone else's), then exit
				  demo                      sandbox API + embedded warehouse, a full sync, a summary (default without a token)
				  demo --serve              the same, then keep the warehouse and sandbox up until Ctrl-C
				  sandbox                   run the sandbox API alone (SANDBOX_PORT, default %s)
				  bench [--members=50] [--days=365] [--size=base|large|pool|rotation|hints|all]
				                            measure the planner, the budget, the loader and the heap (sandbox + embedded PostgreSQL)
				  --help                    this text

				Environment:
				""".formatted(Variables.RECEIVER_PORT.defaultText(), Variables.SANDBOX_PORT.defaultText()) + Variables.help() + """

				Exit codes:
				  0  done
				  1  failed, worth retrying (the API stayed down, the database is unreachable)
				  2  configuration or authorization error: fix what the message names
				  3  stopped early with progress saved: SYNC_DEADLINE reached, or SIGTERM
				  4  another run holds the warehouse: this one changed nothing (not a failure)
				  5  out of memory: the heap is too small for what the line names; raise the memory limit
				     (137 instead: the container was killed at its memory limit, by the kernel)
				""";
	}
}

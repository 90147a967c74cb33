/**
 * The sandbox: a deterministic stand-in for the WebWork Tracker REST API V2 (the GET endpoints, and the
 * webhooks' POST/GET/PUT/DELETE with signed deliveries of every change it simulates: {@code WebhookEndpoints},
 * {@link Deliveries}), built on the JDK HTTP server and Jackson. It serves exactly Part C of
 * {@code shared/webwork-api-v2.md} where the documents are silent.
 *
 * <p>
 * Layout: {@link Sandbox} (lifecycle) and
 * {@link SandboxOptions}; generation ({@code WorkspaceGenerator} and its
 * per-concept generators, each drawing from its own seeded {@code Rng} stream); the store
 * ({@link SandboxData}, {@code WorkspaceStore}); HTTP ({@code Routes},
 * {@code ListEndpoints} as a table, {@code ReportEndpoints}, {@code Paginator}, {@code Envelope});
 * reports computed at request time ({@code Reports}, {@code DayReports}, {@code Timesheets},
 * {@code LeaveBalances}); the members' running trackers and GET /time-tracking/current-data ({@code Trackers}, with
 * its working assumptions where the reference is silent: no tracker running is {@code "data": null}); and the test
 * switches ({@link Faults},
 * {@link RequestLog}, {@code RateLimiter}).
 *
 * <p>
 * Formats served: Laravel timestamps {@code 2025-02-19T19:24:55.000000Z} on created_at/updated_at
 * of members, tasks, contracts, policies, categories and workspaces; plain UTC
 * {@code 2026-01-29T09:00:00Z} on time entries, time requests, projects, timesheet submitted_on and
 * task completed_at; workspace activated_at {@code 2025-02-19 19:24:55} (UTC); expense dates
 * {@code Jan 15, 2024}; the daily timeline in the owner's offset {@code 2026-01-29T09:00:00-05:00};
 * attendance first_start, last_end and breaks as {@code HH:mm} in the owner's zone. Every
 * {@code date} is a day of the workspace owner's zone.
 */
package com.webworksync.sandbox;

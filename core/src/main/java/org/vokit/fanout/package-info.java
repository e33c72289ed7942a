/**
 * The fan-out engine: one ADQL query per TAP service (or per table), run in parallel across many
 * services, merged into one table with provenance and a failure report.
 *
 * <ul>
 *   <li>{@link org.vokit.fanout.FanoutTask}: one (service, ADQL query) pair, with the service's
 *       ivoid and table for provenance; synchronous, or asynchronous (a UWS job deleted again when
 *       the run is cancelled or times out). A task may carry a
 *       {@link org.vokit.fanout.FanoutTask.Exchange} that adapts its query to the service (e.g. to
 *       its capabilities), sends it in several requests (sliced uploads), or declines the service
 *       ({@link org.vokit.fanout.FanoutTask.NotApplicable}, reported as skipped).</li>
 *   <li>{@link org.vokit.fanout.Fanout}: the engine. Bounded parallelism overall
 *       ({@code parallel}) and per host ({@code perHost}), a per-task timeout and an overall
 *       deadline, one retry of transient failures (connection reset; 503/429 with
 *       {@code Retry-After}) inside the time left, per-task progress events
 *       ({@link org.vokit.progress.ProgressEvent}), {@link org.vokit.fanout.Fanout#cancel()}.</li>
 *   <li>{@link org.vokit.fanout.FanoutSink}: receives each answer's rows as they arrive.
 *       {@link org.vokit.fanout.MergedTable} merges them into one schema plus the provenance
 *       columns {@code service_url}, {@code ivoid}, {@code table_name}, kept on disk.</li>
 *   <li>{@link org.vokit.fanout.FanoutReport} and {@link org.vokit.fanout.Failure}: what answered,
 *       and for each failure the service URL, ivoid, phase, error class and the service's own
 *       message; {@link org.vokit.fanout.FanoutReport#exitStatus()} gives 0/4/1.</li>
 *   <li>{@link org.vokit.fanout.ResultFile}: writes the merged table as a VOTable with the query
 *       and the failure report as INFOs, and reads it back to resume (ask only the failed tasks,
 *       keep the other rows).</li>
 *   <li>{@link org.vokit.fanout.Resume}: that resumption, from a result file or from a merged table
 *       and report still in memory (a host application's "Retry failed services").</li>
 *   <li>{@link org.vokit.fanout.ServiceHealth}: the per-service latency and failure history in
 *       the user's state directory ({@code $XDG_STATE_HOME/vokit/service-health.tsv}, else
 *       {@code ~/.local/state/vokit/service-health.tsv}); slow services start first, and a
 *       service that failed on each of its last 3 runs within 24 h is skipped (reported as
 *       {@link org.vokit.fanout.Failure.Phase#SKIPPED}) unless {@code retryFailed} is set.</li>
 * </ul>
 *
 * <p>Example: the same cone search on two services, merged, with the report written into the file.
 * <pre>{@code
 * List<ColumnInfo> schema = List.of(
 *         new ColumnInfo("id", String.class, "source id"),
 *         new ColumnInfo("ra", Double.class, "RA"),
 *         new ColumnInfo("dec", Double.class, "Dec"));
 * String q = "SELECT id, ra, dec FROM vostars.main WHERE 1=CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, 20, 1))";
 * List<FanoutTask> tasks = List.of(
 *         FanoutTask.sync(URI.create("http://127.0.0.1:8089/tap"), "ivo://vokit.test/tap", "vostars.main", q),
 *         FanoutTask.sync(URI.create("http://127.0.0.1:8092/tap"), "ivo://vokit.test/slow", "vostars.main", q));
 * MergedTable merged = MergedTable.of(schema);
 * FanoutReport report;
 * try (Fanout engine = Fanout.builder().parallel(16).perHost(4)
 *         .taskTimeout(Duration.ofSeconds(30)).deadline(Duration.ofMinutes(2))
 *         .health(ServiceHealth.load(ServiceHealth.defaultFile(System.getenv(), Path.of(System.getProperty("user.home")))))
 *         .build()) {
 *     report = engine.run(tasks, merged, new ProgressTally());
 * }
 * try (OutputStream out = Files.newOutputStream(Path.of("result.vot"))) {
 *     ResultFile.write(merged.table(), report, q, out);
 * }
 * report.failures().forEach(f -> System.err.println(f.line()));
 *
 * // later: ask again only what failed, keep the rest
 * ResultFile.Previous prev = ResultFile.read(Path.of("result.vot"));
 * MergedTable again = MergedTable.of(schema);
 * Set<String> redo = prev.failures().stream().map(f -> f.accessUrl() + " " + f.table()).collect(Collectors.toSet());
 * again.addKept(prev.table(), (url, table) -> !redo.contains(url + " " + table));
 * FanoutReport second = engine.run(prev.tasksToRetry(), again, null);
 * }</pre>
 * <p>This is the project's one engine for multi-service queries: {@code vokit vowide}
 * ({@link org.vokit.vowide.VoWideQuery}) builds its tasks from the registry and runs them here,
 * and so do EPN-TAP discovery ({@link org.vokit.epntap.EpnTap#tasks}, one task per table) and
 * ObsCore discovery with uploads ({@link org.vokit.obscore.Obscore#tasks}, one task per service).
 * {@link org.vokit.fanout.MergedTable#byName} merges answers whose columns share names but not
 * order, as EPN-TAP tables do.
 */
package org.vokit.fanout;

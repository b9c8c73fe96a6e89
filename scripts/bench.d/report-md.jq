# report.md of scripts/bench, from report.json. Numbers: median of the runs, with min–max when there were several.

def ms: if . == null then "–" else ((. / 1000 * 1000 | round) / 1000 | tostring) end;
def msagg: if . == null then "–"
    elif (.runs | length) > 1 then "\(.median | ms) (\(.min | ms)–\(.max | ms))"
    else (.median | ms) end;
def num: if . == null then "–" else (. | floor | tostring) end;
def numagg: if . == null then "–"
    elif (.runs | length) > 1 then "\(.median | num) (\(.min | num)–\(.max | num))"
    else (.median | num) end;
def tlabel: {direct: "simulator direct (floor)", nginx: "nginx proxy_pass", suite: "Switchboard (gateway → routing)",
             portkey: "Portkey gateway (peer)"}[.];
def mib: if . == null then "–" else "\(. / 1024 | floor) MiB" end;

. as $r
| ($r.targets | keys_unsorted) as $ts
| [
"# Switchboard benchmark \($r.run.id)",
"",
(if $r.run.quick then "> **--quick run**: 3-second runs, no repetition. A smoke test of the benchmark, not numbers to quote.\n" else empty end),
"Commit `\($r.run.commit)`\(if $r.run.uncommitted_changes then " (with uncommitted changes)" else "" end), \($r.run.started) → \($r.run.finished).",
"Machine: \($r.run.machine.cores) cores (\($r.run.machine.cpu)), \($r.run.machine.memory_mib) MiB, \($r.run.machine.os), kernel \($r.run.machine.kernel)\(if $r.run.machine.cpu_idle then "; CPU idle driver \($r.run.machine.cpu_idle), TCP congestion control \($r.run.machine.tcp_congestion_control)" else "" end)\(if $r.run.machine.sched_autogroup then "; scheduler autogroups \($r.run.machine.sched_autogroup)" else "" end).",
"Load average (1/5/15 min): \($r.run.machine.load_average_at_start) at start, \($r.run.machine.load_average_before_measuring) before measuring, \($r.run.machine.load_average_at_end) at the end.",
"Tools: \($r.run.versions.java); \($r.run.versions.wrk); nginx \($r.run.versions.nginx); peer \($r.run.versions.peer) (\($r.run.versions.peer_status))\(if $r.run.versions.node != "" then ", node \($r.run.versions.node)" else "" end).",
"Runs: \($r.run.options.repeat) × \($r.run.options.duration_s) s per measurement, targets interleaved, after a \($r.run.options.warmup_s) s warm-up (the suite: rounds of \($r.run.options.warmup_round_s // "–") s until its throughput is steady); \($r.run.options.connections) connections (wrk -t\($r.run.options.wrk_threads)) for throughput; request body \($r.run.options.request_body_bytes) bytes; services run with `\($r.run.options.service_jvm_options)`\(if (($r.run.options.background_services.nice // 0) > 0) then "; \($r.run.options.background_services.services | join(", ")) at CPU niceness \($r.run.options.background_services.nice) (the request path first)" elif $r.run.options.background_services then "; every service at the same CPU priority" else "" end).",
"",
"## Targets",
"",
"| target | goal | measured | |",
"|---|---|---|---|",
($r.checks[] | "| \(.name) | \(.target) | \(.measured) | **\(.status)** |"),
"",
"## Results",
"",
"Latencies in ms. Each cell: median of the runs (min–max).",
"",
"| | " + ($ts | map(tlabel) | join(" | ")) + " |",
"|---|" + ($ts | map("---") | join("|")) + "|",
"| max throughput, req/s (\($r.run.options.connections) conn.) | " + ($ts | map($r.targets[.].throughput.rps | numagg) | join(" | ")) + " |",
"| … errors | " + ($ts | map($r.targets[.].throughput.errors | num) | join(" | ")) + " |",
"| … ratio to nginx | " + ($ts | map($r.derived.throughput_ratio_to_nginx[.] | if . == null then "–" else tostring end) | join(" | ")) + " |",
"| … CPU per request, µs (target's own processes) | " + ($ts | map(. as $t | $r.targets[$t].throughput.cpu_us_per_request as $c
      | if $c == null then "–" else
          ({direct: ["upstream-simulator"], nginx: ["nginx"], suite: ["gateway-service", "routing-service"],
            portkey: ["portkey"]}[$t] | map($c[.] // 0) | add | round | tostring) end) | join(" | ")) + " |",
"| … p99 under that load | " + ($ts | map($r.targets[.].throughput.p99_us | msagg) | join(" | ")) + " |",
"| 1 connection p50 | " + ($ts | map($r.targets[.].latency_1conn.p50_us | msagg) | join(" | ")) + " |",
"| 1 connection p99 | " + ($ts | map($r.targets[.].latency_1conn.p99_us | msagg) | join(" | ")) + " |",
"| … added over direct, p50 | " + ($ts | map($r.derived.added_latency_1conn_p50_us_by_target[.] | ms) | join(" | ")) + " |",
"| … added over direct, p99 | " + ($ts | map($r.derived.added_latency_1conn_p99_us_by_target[.] | ms) | join(" | ")) + " |",
(if $r.targets.direct.latency_1conn_probe then
"| 1 connection p50, blocking client (HttpProbe) | " + ($ts | map($r.targets[.].latency_1conn_probe.p50_us | msagg) | join(" | ")) + " |",
"| 1 connection p99, blocking client | " + ($ts | map($r.targets[.].latency_1conn_probe.p99_us | msagg) | join(" | ")) + " |",
"| … added over direct, p50 | " + ($ts | map($r.derived.added_latency_1conn_probe_p50_us_by_target[.] | ms) | join(" | ")) + " |",
"| … added over direct, p99 | " + ($ts | map($r.derived.added_latency_1conn_probe_p99_us_by_target[.] | ms) | join(" | ")) + " |"
 else empty end),
"| open loop \($r.run.options.open_loop_rate) req/s, p50 | " + ($ts | map($r.targets[.].open_loop.p50_us | msagg) | join(" | ")) + " |",
"| open loop \($r.run.options.open_loop_rate) req/s, p99 | " + ($ts | map($r.targets[.].open_loop.p99_us | msagg) | join(" | ")) + " |",
"| open loop \($r.run.options.open_loop_rate) req/s, max | " + ($ts | map($r.targets[.].open_loop.max_us | msagg) | join(" | ")) + " |",
"| … errors | " + ($ts | map($r.targets[.].open_loop.errors | num) | join(" | ")) + " |",
"| stream, time to first byte p50 | " + ($ts | map($r.targets[.].ttfb as $x | if $x == null then "–" elif $x.errors * 2 > $x.streams then "fails (\($x.errors)/\($x.streams) streams)" else ($x.p50_us | msagg) end) | join(" | ")) + " |",
"| stream, time to first byte p99 | " + ($ts | map($r.targets[.].ttfb as $x | if $x == null then "–" elif $x.errors * 2 > $x.streams then "fails" else ($x.p99_us | msagg) end) | join(" | ")) + " |",
"| … stream errors | " + ($ts | map($r.targets[.].ttfb.errors | num) | join(" | ")) + " |",
"| stream, whole stream p50 (\($r.targets.direct.ttfb.events_per_stream // "–") events) | " + ($ts | map($r.targets[.].ttfb as $x | if $x == null then "–" elif $x.errors * 2 > $x.streams then "fails" else ($x.total_p50_us | msagg) end) | join(" | ")) + " |",
"| RSS after the run | " + ($ts | map({direct: "upstream-simulator", nginx: "nginx", suite: "", portkey: "portkey"}[.] as $k
      | if $k == "" then "gateway \($r.rss["gateway-service"].rss_kib | mib), routing \($r.rss["routing-service"].rss_kib | mib), usage \($r.rss["usage-service"].rss_kib | mib)"
        else ($r.rss[$k].rss_kib | mib) end) | join(" | ")) + " |",
"",
(if $r.targets.suite.throughput.cpu_us_per_request then "CPU per request during the suite's throughput runs (µs, median; includes JIT compilation and GC threads): " + ($r.targets.suite.throughput.cpu_us_per_request | to_entries | map(select(.key | test("^(gateway|routing|usage)-service$|simulator")) | "\(.key) \(.value | round)") | join(", ")) + ". Kafka, Redis and PostgreSQL are not counted.\n" else empty end),
([$r.raw[] | select(.phase == "warmup") | "\(.target)\(if .target == "suite" then " round \(.rep)" else "" end) \(.data.rps | floor) req/s, \(.data.errors | add) errors"]
  | if length > 0 then "Warm-up at \($r.run.options.connections) connections (not in the results): " + join("; ") + ".\n" else empty end),
"Added latency is the suite's figure minus the simulator's, run by run (the runs are interleaved), then the median.",
"Switchboard's added latency (ms): p50 \($r.derived.added_latency_1conn_p50_us | msagg), p99 \($r.derived.added_latency_1conn_p99_us | msagg) at one connection; open-loop p99 \($r.derived.added_open_loop_p99_us | msagg). Streaming first-byte overhead (ms): p50 \($r.derived.ttfb_overhead_p50_us | msagg), p99 \($r.derived.ttfb_overhead_p99_us | msagg).",
"",
(if $r.attribution then
( "## Where the added latency goes",
  "",
  "One connection, the same request; each variant interleaved with the simulator direct and compared run by run.",
  "",
  "| variant | path | p50, ms | p99, ms | added p50, ms | added p99, ms |",
  "|---|---|---|---|---|---|",
  ([["direct", "client → simulator"],
    ["routing", "client → routing → simulator (no gateway hop, no caller admission)"],
    ["suite-open", "client → gateway → routing → simulator, caller without limits (no Redis in the gateway)"],
    ["suite", "the whole suite, as measured above (caller limits on)"],
    ["suite-paused", "the whole suite with usage-service paused (no Kafka consumer or PostgreSQL work competing for the cores)"]][]
   | . as [$v, $path] | $r.attribution[$v] as $a | select($a != null)
   | "| \($v) | \($path) | \($a.p50_us | msagg) | \($a.p99_us | msagg) | \($a.added_p50_us | msagg) | \($a.added_p99_us | msagg) |"),
  "")
 else empty end),
"## Usage pipeline",
"",
(if $r.usage.during_load then
"- During the throughput runs: \($r.usage.during_load.requests) requests, \($r.usage.during_load.new_rows) usage rows stored, \($r.usage.during_load.missing_rows) missing (rows above the request count are requests cut off by the end of a run: stored with status 499). Stored during load: \($r.usage.during_load.stored_per_s_during_load | numagg) rows/s; backlog when the load stopped \($r.usage.during_load.backlog_at_end_events | numagg) events, all stored \($r.usage.during_load.drained_after_load_ms | numagg) ms later. Served and stored (a run's requests over its time until the last row was stored): \($r.usage.during_load.served_and_stored_per_s | numagg) req/s."
 else "- No throughput run of the suite." end),
(if $r.usage.sustained then
"- Sustained: \($r.usage.sustained.acked) events produced straight to the topic at \($r.usage.sustained.offered_rate | num)/s: \($r.usage.sustained.stored) stored, the last \($r.usage.sustained.lag_after_last_sent_ms | num) ms after it was sent; largest backlog \($r.usage.sustained.max_backlog_events | num) events (sampled every ~100 ms)."
 else empty end),
(if $r.usage.burst then
"- Burst: \($r.usage.burst.acked) events produced as fast as one producer goes (\($r.usage.burst.offered_rate | num)/s): stored at \($r.usage.burst.stored_rate | num) rows/s from the first send to the last row; the last stored \($r.usage.burst.lag_after_last_sent_ms | num) ms after it was sent."
 else empty end),
"- Consumer-group lag (committed offsets): \($r.usage.consumer_group_lag_after_load.lag // "–") right after the throughput runs, \($r.usage.consumer_group_lag_at_end.lag // "–") at the end (the consumer commits every few seconds, so a few hundred here is normal shortly after load).",
(if $r.usage.row_counter then
"- Rows are counted while the runs drain by a statement trigger of the benchmark's database; at the end it counted \($r.usage.row_counter.counted), and `count(*)` found \($r.usage.row_counter.actual)\(if $r.usage.row_counter.counted == $r.usage.row_counter.actual then "" else " (**they disagree: the row figures above are not to be trusted**)" end)."
 else empty end),
"",
"## Memory (RSS after the run, peak in brackets)",
"",
"| process | RSS | peak |",
"|---|---|---|",
($r.rss | to_entries[] | "| \(.key) | \(.value.rss_kib | mib) | \(.value.peak_kib | mib) |"),
"",
"## Policy activation",
"",
"Time from policy activation to every replica serving it: **not measurable yet**. \($r.policy_activation.reason | .[0:1] | ascii_upcase)\($r.policy_activation.reason | .[1:]).",
""
] | join("\n")

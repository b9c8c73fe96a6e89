# report.json of scripts/bench, from the raw results ($results: one object per run) and the run's facts ($meta[0],
# raw/meta.json). Every repeated measurement is summarised as {median, min, max, runs}. Latencies in microseconds.

$meta[0] as $m
| $m.run_id as $run_id | $m.started as $started | $m.finished as $finished | $m.commit as $commit
| $m.dirty as $dirty | $m.cpu as $cpu | $m.cores as $cores | $m.mem_kib as $mem_kib | $m.kernel as $kernel
| $m.os as $os | $m.java as $java | $m.wrk as $wrk | $m.nginx as $nginx | $m.node as $node | $m.portkey as $portkey
| $m.portkey_status as $portkey_status | $m.load_start as $load_start | $m.load_measure as $load_measure
| $m.load_end as $load_end | $m.quick as $quick | $m.duration as $duration | $m.connections as $connections
| $m.repeat as $repeat | $m.warmup as $warmup | $m.wrk_threads as $wrk_threads | $m.open_rate as $open_rate
| $m.ttfb_count as $ttfb_count | $m.pipeline_rate as $pipeline_rate | $m.burst as $burst | $m.jvm_opts as $jvm_opts
| $m.body_bytes as $body_bytes | $m.lag_after_load as $lag_after_load | $m.lag_end as $lag_end | $m.rss as $rss
| $m.profile as $profile
|

def median: sort | if length == 0 then null
    elif length % 2 == 1 then .[(length - 1) / 2]
    else (.[length / 2 - 1] + .[length / 2]) / 2 end;
def agg: if length == 0 then null else {median: median, min: min, max: max, runs: .} end;
def runs(phase; target): [$results[] | select(.phase == phase and .target == target)] | sort_by(.rep);
def sum: reduce .[] as $x (0; . + $x);
def r1: if . == null then null else (. * 10 | round) / 10 end;

# paired differences (run i of A minus run i of B): the targets were measured interleaved, so pairs share conditions
def paired(a; b): [a, b] | transpose | map(select(.[0] != null and .[1] != null) | .[0] - .[1]) | agg;

def target_summary(t):
  {
    throughput: (runs("throughput"; t) | if length == 0 then null else {
        rps: (map(.data.rps) | agg),
        p99_us: (map(.data.latency_us.p99) | agg),
        requests: (map(.data.requests) | sum),
        errors: (map(.data.errors | [.connect, .read, .write, .status, .timeout] | sum) | sum),
        cpu_us_per_request: (map(.extra.cpu_us_per_request // {}) as $c
          | [$c[] | keys[]] | unique | map(. as $k | {($k): ([$c[][$k] | select(. != null)] | median)}) | add)
      } end),
    latency_1conn: (runs("latency"; t) | if length == 0 then null else {
        p50_us: (map(.data.latency_us.p50) | agg),
        p90_us: (map(.data.latency_us.p90) | agg),
        p99_us: (map(.data.latency_us.p99) | agg),
        max_us: (map(.data.latency_us.max) | agg),
        rps: (map(.data.rps) | agg),
        errors: (map(.data.errors | [.connect, .read, .write, .status, .timeout] | sum) | sum)
      } end),
    # the same one-connection runs with HttpProbe's blocking client, right after wrk's (wrk's own tail is larger)
    latency_1conn_probe: (runs("latency_probe"; t) | if length == 0 then null else {
        p50_us: (map(.data.latency_us.p50) | agg),
        p90_us: (map(.data.latency_us.p90) | agg),
        p99_us: (map(.data.latency_us.p99) | agg),
        max_us: (map(.data.latency_us.max) | agg),
        rps: (map(.data.rps) | agg),
        errors: (map(.data.errors + .data.non2xx) | sum)
      } end),
    open_loop: (runs("open_loop"; t) | if length == 0 then null else {
        rate: $open_rate,
        achieved_rps: (map(.data.achieved_rps) | agg),
        p50_us: (map(.data.latency_us.p50) | agg),
        p99_us: (map(.data.latency_us.p99) | agg),
        p999_us: (map(.data.latency_us.p999) | agg),
        max_us: (map(.data.latency_us.max) | agg),
        service_p99_us: (map(.data.service_us.p99) | agg),
        errors: (map(.data.errors + .data.non2xx + .data.unfinished) | sum)
      } end),
    ttfb: (runs("ttfb"; t) | if length == 0 then null else {
        p50_us: (map(.data.ttfb_us.p50) | agg),
        p99_us: (map(.data.ttfb_us.p99) | agg),
        total_p50_us: (map(.data.total_us.p50) | agg),
        events_per_stream: (map(.data.events_per_stream) | max),
        streams: (map(.data.count) | sum),
        errors: (map(.data.errors + .data.non2xx) | sum)
      } end)
  };

def col(phase; t; f): runs(phase; t) | map(.data | f);
# a target's figure minus the simulator's, run by run
def over_direct(phase; t; f): paired(col(phase; t; f); col(phase; "direct"; f));

([$results[].target] | unique) as $present
| (["direct", "nginx", "suite", "portkey"] | map(select(. as $t | $present | index($t)))) as $targets
| (reduce $targets[] as $t ({}; . + {($t): target_summary($t)})) as $summary
| [runs("throughput"; "suite")[] | .extra.usage | select(. != null)] as $usage_runs
| ([$results[] | select(.phase == "pipeline" and .target == "sustained") | .data] | first) as $sustained
| ([$results[] | select(.phase == "pipeline" and .target == "burst") | .data] | first) as $burst
| {
    added_latency_1conn_p50_us: over_direct("latency"; "suite"; .latency_us.p50),
    added_latency_1conn_p99_us: over_direct("latency"; "suite"; .latency_us.p99),
    added_latency_1conn_probe_p50_us: over_direct("latency_probe"; "suite"; .latency_us.p50),
    added_latency_1conn_probe_p99_us: over_direct("latency_probe"; "suite"; .latency_us.p99),
    added_open_loop_p99_us: over_direct("open_loop"; "suite"; .latency_us.p99),
    ttfb_overhead_p50_us: over_direct("ttfb"; "suite"; .ttfb_us.p50),
    ttfb_overhead_p99_us: over_direct("ttfb"; "suite"; .ttfb_us.p99),
    throughput_ratio_to_nginx: (
      [$targets[] as $t | {($t): (if $summary.nginx.throughput and $summary[$t].throughput
         then ($summary[$t].throughput.rps.median / $summary.nginx.throughput.rps.median * 1000 | round) / 1000
         else null end)}] | add),
    added_latency_1conn_p50_us_by_target: (
      [$targets[] as $t | {($t): (over_direct("latency"; $t; .latency_us.p50) | .median?)}] | add),
    added_latency_1conn_p99_us_by_target: (
      [$targets[] as $t | {($t): (over_direct("latency"; $t; .latency_us.p99) | .median?)}] | add),
    added_latency_1conn_probe_p50_us_by_target: (
      [$targets[] as $t | {($t): (over_direct("latency_probe"; $t; .latency_us.p50) | .median?)}] | add),
    added_latency_1conn_probe_p99_us_by_target: (
      [$targets[] as $t | {($t): (over_direct("latency_probe"; $t; .latency_us.p99) | .median?)}] | add)
  } as $derived
| {
    during_load: ($usage_runs | if length == 0 then null else {
        requests: ([runs("throughput"; "suite")[] | .data.requests] | sum),
        new_rows: (map(.new_rows) | sum),
        missing_rows: ([runs("throughput"; "suite")[] | (.data.requests - .extra.usage.new_rows)
                        | if . > 0 then . else 0 end] | sum),
        stored_per_s_during_load: (map((.rows_at_end - .rows_before) / $duration) | agg),
        backlog_at_end_events: (map(.backlog_at_end) | agg),
        drained_after_load_ms: (map(.drained_ms) | agg),
        # a run's requests over its time until the last of their rows was stored: what the suite sustains when it
        # must store as fast as it serves (usage-service yields the CPU to the request path, so under full load part
        # of the storing comes after the load)
        served_and_stored_per_s: ([runs("throughput"; "suite")[] | select(.extra.usage != null)
          | if .extra.usage.drained_ms == null then 0
            else .data.requests / (.data.duration_us / 1000000 + ([.extra.usage.drained_ms, 0] | max) / 1000) end
          | floor] | agg)
      } end),
    sustained: $sustained,
    burst: $burst,
    consumer_group_lag_after_load: $lag_after_load,
    consumer_group_lag_at_end: $lag_end,
    row_counter: $m.row_counter
  } as $usage
| ($rss | to_entries | map(select(.key | test("^(gateway|routing|usage)-service$")) | .value.peak_kib // .value.rss_kib) | max)
  as $max_rss_kib
| def check(name; target; measured; pass):
    {name: name, target: target, measured: measured,
     status: (if pass == null then "n/a" elif pass then "PASS" else "FAIL" end)};
  def ms: if . == null then "n/a" else "\((. / 10 | round) / 100) ms" end;
  def ms3: if . == null then "n/a" else "\((. | round) / 1000) ms" end;
  # the checks stay on wrk's figures, as in every earlier run; the blocking client's are shown beside them
  def probe_note(p): if p == null then "" else " (wrk; with a blocking client \(p.median | ms3))" end;
[
  check("Added latency, 1 connection, p50"; "<= 0.2 ms";
        "\($derived.added_latency_1conn_p50_us.median | ms3)\(probe_note($derived.added_latency_1conn_probe_p50_us))";
        (if $derived.added_latency_1conn_p50_us then $derived.added_latency_1conn_p50_us.median <= 200 else null end)),
  check("Added latency, 1 connection, p99"; "<= 1 ms";
        "\($derived.added_latency_1conn_p99_us.median | ms3)\(probe_note($derived.added_latency_1conn_probe_p99_us))";
        (if $derived.added_latency_1conn_p99_us then $derived.added_latency_1conn_p99_us.median <= 1000 else null end)),
  check("Open loop \($open_rate) req/s through the suite: p99, errors"; "p99 <= 2 ms, 0 errors";
        "p99 \($summary.suite.open_loop.p99_us.median | ms3), \($summary.suite.open_loop.errors) errors";
        (if $summary.suite.open_loop then
           ($summary.suite.open_loop.p99_us.median <= 2000 and $summary.suite.open_loop.errors == 0) else null end)),
  check("Max throughput through the suite, 0 errors, every usage row stored"; ">= 10000 req/s served and stored";
        "\($usage.during_load.served_and_stored_per_s.median // "n/a") req/s served and stored (\($summary.suite.throughput.rps.median | floor) served), \($summary.suite.throughput.errors) errors, \($usage.during_load.missing_rows) rows missing";
        (if $summary.suite.throughput then
           (($usage.during_load.served_and_stored_per_s.median // 0) >= 10000
            and $summary.suite.throughput.errors == 0 and $usage.during_load.missing_rows == 0) else null end)),
  check("Streaming time-to-first-byte overhead, p50"; "<= 1 ms";
        "\($derived.ttfb_overhead_p50_us.median | ms3)\(if ($summary.suite.ttfb.errors // 0) > 0 then ", \($summary.suite.ttfb.errors) failed streams" else "" end)";
        (if $derived.ttfb_overhead_p50_us then
           ($derived.ttfb_overhead_p50_us.median <= 1000 and $summary.suite.ttfb.errors == 0) else null end)),
  check("RSS per service under load (largest peak of gateway, routing, usage)"; "<= 256 MiB";
        (if $max_rss_kib then "\($max_rss_kib / 1024 | floor) MiB" else "n/a" end);
        (if $max_rss_kib then $max_rss_kib <= 262144 else null end)),
  check("Usage pipeline: \($pipeline_rate) events/s offered, all stored, lag"; ">= 5000 events/s, lag < 1 s";
        (if $sustained then "\($sustained.offered_rate | floor)/s offered, \($sustained.stored)/\($sustained.acked) stored, lag \(if $sustained.lag_after_last_sent_ms == null then "n/a" else "\($sustained.lag_after_last_sent_ms / 1000) s" end)" else "n/a" end);
        (if $sustained then ($sustained.offered_rate >= $pipeline_rate * 0.99 and $sustained.stored >= $sustained.acked
           and $sustained.lag_after_last_sent_ms != null and $sustained.lag_after_last_sent_ms < 1000) else null end)),
  check("Policy activation to every replica serving it"; "measured";
        "not measurable yet: policy lifecycle (activation, distribution to replicas) is not implemented"; null)
] as $checks
| {
    run: {
      id: $run_id, started: $started, finished: $finished, commit: $commit, uncommitted_changes: ($dirty == "yes"),
      quick: ($quick == 1),
      machine: {cpu: $cpu, cores: $cores, memory_mib: ($mem_kib / 1024 | floor), kernel: $kernel, os: $os,
                cpu_idle: $m.cpu_idle, tcp_congestion_control: $m.tcp_cc, sched_autogroup: $m.autogroup,
                load_average_at_start: $load_start, load_average_before_measuring: $load_measure,
                load_average_at_end: $load_end},
      versions: {java: $java, wrk: $wrk, nginx: $nginx, node: $node, peer: $portkey, peer_status: $portkey_status},
      options: {duration_s: $duration, warmup_s: $warmup, warmup_round_s: $m.warmup_round, repeat: $repeat, connections: $connections,
                wrk_threads: $wrk_threads, open_loop_rate: $open_rate, ttfb_streams: $ttfb_count,
                pipeline_rate: $pipeline_rate, burst_events: $burst, request_body_bytes: $body_bytes,
                service_jvm_options: $jvm_opts,
                background_services: (if $m.background_nice == null then null
                                      else {services: ["usage-service"], nice: $m.background_nice} end)}
    },
    targets: $summary,
    derived: $derived,
    attribution: (
      [runs("attribution"; "direct")[] | .data.latency_us] as $direct
      | ["routing", "suite-open", "suite", "suite-paused"]
      | map(. as $v | runs("attribution"; $v) | select(length > 0)
            | {($v): {p50_us: (map(.data.latency_us.p50) | agg), p99_us: (map(.data.latency_us.p99) | agg),
                      added_p50_us: paired(map(.data.latency_us.p50); $direct | map(.p50)),
                      added_p99_us: paired(map(.data.latency_us.p99); $direct | map(.p99)),
                      errors: (map(.data.errors | [.connect, .read, .write, .status, .timeout] | add) | add)}})
      | add
      | if . == null then null else . + {direct: {p50_us: ($direct | map(.p50) | agg),
                                                 p99_us: ($direct | map(.p99) | agg)}} end),
    usage: $usage,
    rss: $rss,
    policy_activation: {status: "not measurable yet",
                        reason: "policy lifecycle (activate, publish to gateway and routing replicas) is not implemented"},
    checks: $checks,
    profile: $profile,
    raw: $results
  }

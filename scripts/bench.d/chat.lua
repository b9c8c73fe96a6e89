-- wrk script of scripts/bench: POSTs the chat request in $SB_BENCH_BODY (about 1 KB) on every request.
-- $SB_BENCH_TOKEN, when set, becomes "Authorization: Bearer ..." (never on a command line); $SB_BENCH_HEADERS adds
-- more headers, separated by "|" ("k: v|k2: v2"). No request() or response() function is defined, so wrk sends
-- one prebuilt request and parses nothing in Lua: the script costs nothing per request.
-- done() prints one line "BENCHJSON {...}" with the counts and latency percentiles (microseconds).

local f = assert(io.open(os.getenv("SB_BENCH_BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("SB_BENCH_TOKEN")
if token and #token > 0 then
    wrk.headers["Authorization"] = "Bearer " .. token
end
local extra = os.getenv("SB_BENCH_HEADERS") or ""
for pair in string.gmatch(extra, "[^|]+") do
    local k, v = string.match(pair, "^%s*([^:]+):%s*(.-)%s*$")
    if k then
        wrk.headers[k] = v
    end
end

function done(summary, latency, requests)
    local e = summary.errors
    local function p(x)
        return latency:percentile(x)
    end
    io.write(string.format(
        'BENCHJSON {"duration_us":%d,"requests":%d,"bytes":%d,"rps":%.1f,' ..
        '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
        '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d,"mean":%.1f,"stdev":%.1f}}\n',
        summary.duration, summary.requests, summary.bytes, summary.requests / (summary.duration / 1e6),
        e.connect, e.read, e.write, e.status, e.timeout,
        p(50), p(90), p(99), p(99.9), latency.max, latency.mean, latency.stdev))
end
